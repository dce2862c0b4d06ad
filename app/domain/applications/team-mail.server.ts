// E-mail to the people of a lender organisation (its active members) or of a merchant, through
// the outbox in the caller's transaction: one place for "tell everyone on that side".
import { type EmailAttachment, enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;
type Message = { subject: string; text: string; attachments?: readonly EmailAttachment[] };

async function send(tx: Tx, emails: string[], message: Message): Promise<number> {
  const addresses = [...new Set(emails)];
  for (const to of addresses) await enqueueEmail(tx, { to, ...message });
  return addresses.length;
}

/** One e-mail to each active person of each lender; returns how many were queued. */
export async function emailLenderTeams(
  tx: Tx,
  lenderOrgIds: readonly string[],
  message: Message,
): Promise<number> {
  if (lenderOrgIds.length === 0) return 0;
  const people = await tx.lenderMember.findMany({
    where: { lenderOrgId: { in: [...new Set(lenderOrgIds)] }, deactivatedAt: null },
    orderBy: { id: "asc" },
    select: { user: { select: { email: true } } },
  });
  return send(
    tx,
    people.map((p) => p.user.email),
    message,
  );
}

/** One e-mail to each person of the merchant; returns how many were queued. */
export async function emailMerchantTeam(tx: Tx, merchantId: string, message: Message): Promise<number> {
  const people = await tx.merchantMember.findMany({
    where: { merchantId },
    orderBy: { id: "asc" },
    select: { user: { select: { email: true } } },
  });
  return send(
    tx,
    people.map((p) => p.user.email),
    message,
  );
}
