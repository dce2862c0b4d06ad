// One-time links sent to an account's own address (a password reset, unlocking log-in). Only the
// token's SHA-256 is stored; a link works once, until it expires, and using it is a conditional
// update, so of two clicks racing exactly one wins.
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

type Writer = Db | Prisma.TransactionClient;

export const TOKEN_PURPOSES = {
  PASSWORD_RESET: { path: "/reset-password", ttlMinutes: 60 },
  UNLOCK: { path: "/unlock", ttlMinutes: 24 * 60 },
} as const;
export type TokenPurpose = keyof typeof TOKEN_PURPOSES;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Creates a link for the user; earlier open links of the same purpose stop working. */
export async function createAccountToken(
  db: Writer,
  input: { userId: string; purpose: TokenPurpose; now: Date },
): Promise<{ url: string; expiresAt: Date }> {
  const { path, ttlMinutes } = TOKEN_PURPOSES[input.purpose];
  await db.accountToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null, expiresAt: { gt: input.now } },
    data: { expiresAt: input.now },
  });
  const token = randomToken();
  const expiresAt = new Date(input.now.getTime() + ttlMinutes * 60_000);
  await db.accountToken.create({
    data: { userId: input.userId, purpose: input.purpose, tokenHash: sha256Hex(token), expiresAt },
  });
  return { url: new URL(`${path}/${token}`, env().APP_URL).toString(), expiresAt };
}

/** The open link behind a token (not used, not expired, its account active), or null. */
export async function findOpenAccountToken(
  db: Writer,
  input: { token: string; purpose: TokenPurpose; now: Date },
) {
  if (!TOKEN_SHAPE.test(input.token)) return null;
  return db.accountToken.findFirst({
    where: {
      tokenHash: sha256Hex(input.token),
      purpose: input.purpose,
      usedAt: null,
      expiresAt: { gt: input.now },
      user: { deactivatedAt: null },
    },
    select: { id: true, user: { select: { id: true, email: true, role: true, name: true } } },
  });
}

/** Uses the link once: true for exactly one caller. */
export async function useAccountToken(db: Writer, input: { id: string; now: Date }): Promise<boolean> {
  const used = await db.accountToken.updateMany({
    where: { id: input.id, usedAt: null, expiresAt: { gt: input.now } },
    data: { usedAt: input.now },
  });
  return used.count === 1;
}
