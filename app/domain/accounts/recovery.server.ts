// Getting back into an account through its own mailbox: a password reset link, and the link that
// unlocks log-in after failed attempts (login-throttle.server.ts). Asking for a reset answers the
// same whether or not the address has an account; the links are one-time (account-tokens.server.ts).
import { recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { passwordChangedEmail, passwordResetEmail } from "~/domain/notifications/templates";
import type { Db } from "~/utils/db.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { createAccountToken, findOpenAccountToken, useAccountToken } from "./account-tokens.server";
import { clearThrottles } from "./login-throttle.server";
import { hashPassword } from "./password.server";

/** Reset e-mails one address may receive per hour, and requests one IP may make. */
const RESETS_PER_ADDRESS_PER_HOUR = 3;
const RESET_REQUESTS_PER_IP_PER_HOUR = 20;

/**
 * E-mails a reset link when the address has an active account (and has not had too many lately).
 * Returns false only when the client asked too often; otherwise the caller says the same thing
 * whatever happened.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string },
  now: Date = new Date(),
): Promise<{ ok: boolean; retryAfterSeconds: number }> {
  const byIp = await hitRateLimit(`reset-ip:${input.ip}`, RESET_REQUESTS_PER_IP_PER_HOUR, 3_600_000, now);
  if (!byIp.allowed) return { ok: false, retryAfterSeconds: byIp.retryAfterSeconds };
  const byAddress = await hitRateLimit(
    `reset-email:${input.email}`,
    RESETS_PER_ADDRESS_PER_HOUR,
    3_600_000,
    now,
  );
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, role: true, email: true, deactivatedAt: true },
  });
  if (!byAddress.allowed || !user || user.deactivatedAt) return { ok: true, retryAfterSeconds: 0 };
  await db.$transaction(async (tx) => {
    const link = await createAccountToken(tx, { userId: user.id, purpose: "PASSWORD_RESET", now });
    await enqueueEmail(tx, {
      to: user.email,
      template: passwordResetEmail({ link: link.url }),
    });
    await recordAudit(tx, {
      actor: { id: user.id, role: user.role },
      action: "auth.password_reset_requested",
      entityType: "User",
      entityId: user.id,
      ip: input.ip,
    });
  });
  return { ok: true, retryAfterSeconds: 0 };
}

/** Who a still-valid link belongs to (for the page that asks for the new password). */
export async function openLink(db: Db, input: { token: string; purpose: "PASSWORD_RESET" | "UNLOCK" }) {
  const found = await findOpenAccountToken(db, { ...input, now: new Date() });
  return found ? { email: found.user.email } : null;
}

/**
 * Sets a new password from a reset link: the link is used up, every session of the account ends,
 * the log-in counts are forgotten, and the owner is told by e-mail.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false }> {
  const found = await findOpenAccountToken(db, { token: input.token, purpose: "PASSWORD_RESET", now });
  if (!found) return { ok: false };
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (!(await useAccountToken(tx, { id: found.id, now }))) return { ok: false as const };
    const { user } = found;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const revoked = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await clearThrottles(tx, user.email);
    await recordAudit(tx, {
      actor: { id: user.id, role: user.role },
      action: "auth.password_reset",
      entityType: "User",
      entityId: user.id,
      summary: { revokedSessions: revoked.count },
      ip: input.ip,
    });
    await enqueueEmail(tx, {
      to: user.email,
      template: passwordChangedEmail(),
    });
    return { ok: true as const };
  });
}

/** Unlocks log-in from the owner's link: every failed-log-in count of the address is forgotten. */
export async function unlockWithLink(
  db: Db,
  input: { token: string; ip: string },
  now: Date = new Date(),
): Promise<{ ok: boolean }> {
  const found = await findOpenAccountToken(db, { token: input.token, purpose: "UNLOCK", now });
  if (!found) return { ok: false };
  return db.$transaction(async (tx) => {
    if (!(await useAccountToken(tx, { id: found.id, now }))) return { ok: false };
    await clearThrottles(tx, found.user.email);
    await recordAudit(tx, {
      actor: { id: found.user.id, role: found.user.role },
      action: "auth.unlocked",
      entityType: "User",
      entityId: found.user.id,
      ip: input.ip,
    });
    return { ok: true };
  });
}
