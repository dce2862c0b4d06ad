// E-mails to the people on either side of a referral: the merchant's members, or the active
// members of one or more lenders. Written to the outbox in the caller's transaction, so a message
// goes out only if the change it announces was saved.
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;
type Message = { subject: string; text: string };

export async function emailMerchantPeople(tx: Tx, merchantId: string, message: Message): Promise<void> {
  const people = await tx.merchantMember.findMany({
    where: { merchantId },
    select: { user: { select: { email: true } } },
  });
  for (const person of people) await enqueueEmail(tx, { to: person.user.email, ...message });
}

export async function emailLenderPeople(
  tx: Tx,
  lenderOrgIds: readonly string[],
  message: Message,
): Promise<void> {
  if (lenderOrgIds.length === 0) return;
  const people = await tx.lenderMember.findMany({
    where: { lenderOrgId: { in: [...new Set(lenderOrgIds)] }, deactivatedAt: null },
    select: { user: { select: { email: true } } },
  });
  for (const person of people) await enqueueEmail(tx, { to: person.user.email, ...message });
}
