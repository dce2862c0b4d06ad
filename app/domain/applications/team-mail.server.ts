// E-mail to the people of a lender organisation (its active members) or of a merchant, through
// the outbox in the caller's transaction: one place for "tell everyone on that side".
import { type EmailMessage, enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Message = DistributiveOmit<EmailMessage, "to">;

async function send(tx: Tx, emails: string[], message: Message): Promise<number> {
  const addresses = [...new Set(emails)];
  for (const to of addresses) await enqueueEmail(tx, { to, ...message });
  return addresses.length;
}

/**
 * One e-mail to each active person of each lender; returns how many were queued. A function as the
 * message writes each lender its own (a link to its own referral).
 */
export async function emailLenderTeams(
  tx: Tx,
  lenderOrgIds: readonly string[],
  message: Message | ((lenderOrgId: string) => Message),
): Promise<number> {
  if (lenderOrgIds.length === 0) return 0;
  const people = await tx.lenderMember.findMany({
    where: {
      lenderOrgId: { in: [...new Set(lenderOrgIds)] },
      deactivatedAt: null,
      user: { deactivatedAt: null },
    },
    orderBy: { id: "asc" },
    select: { lenderOrgId: true, user: { select: { email: true } } },
  });
  if (typeof message !== "function")
    return send(
      tx,
      people.map((p) => p.user.email),
      message,
    );
  let queued = 0;
  for (const lenderOrgId of [...new Set(lenderOrgIds)])
    queued += await send(
      tx,
      people.filter((p) => p.lenderOrgId === lenderOrgId).map((p) => p.user.email),
      message(lenderOrgId),
    );
  return queued;
}

/**
 * One e-mail to each active person of the lenders holding these referrals, each linked to its own
 * referral (a lender holding several on one application gets one message, about the first).
 */
export async function emailReferralLenders(
  tx: Tx,
  referrals: readonly { id: string; lenderOrgId: string }[],
  message: (referralId: string) => Message,
): Promise<number> {
  const first = new Map<string, string>();
  for (const r of referrals) if (!first.has(r.lenderOrgId)) first.set(r.lenderOrgId, r.id);
  return emailLenderTeams(tx, [...first.keys()], (lenderOrgId) => message(first.get(lenderOrgId) as string));
}

/**
 * One e-mail to each person of the merchant; returns how many were queued. A function as the
 * message writes each person their own, in their time zone (UTC when none is known), for a
 * message that names a moment: when an offer expires.
 */
export async function emailMerchantTeam(
  tx: Tx,
  merchantId: string,
  message: Message | ((person: { timeZone: string }) => Message),
): Promise<number> {
  const people = await tx.merchantMember.findMany({
    where: { merchantId },
    orderBy: { id: "asc" },
    select: { user: { select: { email: true, timeZone: true } } },
  });
  if (typeof message !== "function")
    return send(
      tx,
      people.map((p) => p.user.email),
      message,
    );
  const seen = new Set<string>();
  for (const { user } of people) {
    if (seen.has(user.email)) continue;
    seen.add(user.email);
    await enqueueEmail(tx, { to: user.email, ...message({ timeZone: user.timeZone ?? "UTC" }) });
  }
  return seen.size;
}
