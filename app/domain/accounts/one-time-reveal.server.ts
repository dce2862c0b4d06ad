// One-time reveal: a secret made by a POST (a webhook signing secret, an API key) is kept here,
// encrypted, for the page the POST redirects to, so reloading that page never resubmits the form
// (Post/Redirect/Get). It is shown to the user who made it only, once, and only for REVEAL_TTL_MS:
// reading it deletes it in one conditional delete, so of two loads racing exactly one shows it.
// Expired rows are swept by the jobs. The value is never logged (docs/design/accounts.md).
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";

type Writer = Db | Prisma.TransactionClient;

/** How long a reveal waits for its page to be loaded. */
export const REVEAL_TTL_MS = 10 * 60_000;

/** The shape of a reveal id in a query string (a cuid); anything else is not looked up. */
const REVEAL_ID_SHAPE = /^[a-z0-9]{20,40}$/;

/**
 * Keeps `value` to be shown once to `userId` where `purpose` is asked for; call it in the
 * transaction that made the value, and redirect with the returned id (e.g. `?reveal=<id>`).
 */
export async function createReveal(
  tx: Writer,
  input: { userId: string; purpose: string; value: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const reveal = await tx.oneTimeReveal.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      valueEncrypted: encryptSecret(input.value),
      expiresAt: new Date(now.getTime() + REVEAL_TTL_MS),
    },
    select: { id: true },
  });
  return reveal.id;
}

/**
 * The value once, to its own user for its own purpose before it expires; null otherwise (already
 * shown, another user's, another purpose, expired, or no such id). Taking it deletes it.
 */
export async function takeReveal(
  db: Writer,
  input: { id: string | null | undefined; userId: string; purpose: string; now?: Date },
): Promise<string | null> {
  if (!input.id || !REVEAL_ID_SHAPE.test(input.id)) return null;
  const now = input.now ?? new Date();
  const where = { id: input.id, userId: input.userId, purpose: input.purpose, expiresAt: { gt: now } };
  const reveal = await db.oneTimeReveal.findFirst({ where, select: { valueEncrypted: true } });
  if (!reveal) return null;
  // The delete decides who shows it: a second load that read the row too deletes nothing.
  const taken = await db.oneTimeReveal.deleteMany({ where });
  if (taken.count !== 1) return null;
  return decryptSecret(reveal.valueEncrypted);
}

/** Deletes the reveals past their expiry (run by the jobs); returns how many. */
export async function sweepExpiredReveals(db: Writer, now: Date = new Date()): Promise<number> {
  const swept = await db.oneTimeReveal.deleteMany({ where: { expiresAt: { lte: now } } });
  return swept.count;
}
