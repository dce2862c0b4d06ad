// Sign-up, log-in (throttled per account and source, and per IP) and password changes.
import { recordAudit } from "~/domain/audit/audit.server";
import { recordLimited } from "~/domain/audit/refusals.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { throttleMessage } from "./login-throttle";
import { checkThrottle, recordFailure, recordSuccess } from "./login-throttle.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { pendingFingerprint, stepAfterPassword } from "./two-factor.server";

export type LoginOutcome =
  | {
      ok: true;
      user: { id: string; role: string; email: string };
      /** What is left: nothing (a session), a two-factor code, or enrolling an authenticator. */
      next: "session" | "code" | "enrol";
      fingerprint: string;
    }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited" | "wait" | "stopped"; retryAfterSeconds: number };

/**
 * Checks a log-in. Before any password is compared, the client's IP limit and the throttle of
 * this address from this source must allow it (login-throttle.ts); an unknown or deactivated
 * address goes through the same steps and answers, so no answer tells whether an account exists.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const config = env();
  const ipLimit = await hitRateLimit(
    `login-ip:${input.ip}`,
    config.LOGIN_RATE_LIMIT_PER_IP,
    config.LOGIN_RATE_LIMIT_WINDOW_MINUTES * 60_000,
    now,
  );
  if (!ipLimit.allowed) {
    await recordLimited(
      db,
      { key: `login-rate-limited:${input.ip}`, limit: 1, windowMs: 10 * 60_000, now },
      { actor: null, action: "auth.login_rate_limited", entityType: "User", summary: {}, ip: input.ip },
    );
    return { ok: false, reason: "rate-limited", retryAfterSeconds: ipLimit.retryAfterSeconds };
  }

  const throttle = await checkThrottle(db, input, now);
  const found = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, role: true, email: true, passwordHash: true, deactivatedAt: true },
  });
  const user = found && !found.deactivatedAt ? found : null;
  if (!throttle.allowed) {
    await recordLimited(
      db,
      { key: `login-throttled:${input.email}|${input.ip}`, limit: 1, windowMs: 10 * 60_000, now },
      {
        actor: user ? { id: user.id, role: user.role } : null,
        action: "auth.login_throttled",
        entityType: "User",
        entityId: user?.id ?? null,
        summary: { reason: throttle.reason, ...(user ? {} : { email: input.email }) },
        ip: input.ip,
      },
    );
    return { ok: false, reason: throttle.reason, retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const passwordMatches = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password).then(() => false);
  if (!user || !passwordMatches) {
    await recordAudit(db, {
      actor: user ? { id: user.id, role: user.role } : null,
      action: "auth.login_failed",
      entityType: "User",
      entityId: user?.id ?? null,
      summary: user ? { reason: "wrong_password" } : { email: input.email, reason: "unknown_email" },
      ip: input.ip,
    });
    await recordFailure(db, { email: input.email, ip: input.ip, user }, now);
    return { ok: false, reason: "invalid" };
  }

  // With a second step to come, the source's failed attempts are forgotten only once it is passed:
  // otherwise a right password would reset the count of wrong codes.
  const next = await stepAfterPassword(db, user);
  if (next === "session") await recordSuccess(db, input);
  await recordAudit(db, {
    actor: { id: user.id, role: user.role },
    action: next === "session" ? "auth.login_succeeded" : "auth.password_accepted",
    entityType: "User",
    entityId: user.id,
    summary: next === "session" ? {} : { next },
    ip: input.ip,
  });
  return {
    ok: true,
    user: { id: user.id, role: user.role, email: user.email },
    next,
    fingerprint: pendingFingerprint(user.passwordHash),
  };
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this e-mail already exists.");
    this.name = "EmailTakenError";
  }
}

/** Creates the merchant user, its business and the owner membership in one transaction. */
export async function signUpMerchant(
  db: Db,
  input: { name: string; email: string; businessName: string; password: string; ip: string },
): Promise<{ userId: string; merchantId: string }> {
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new EmailTakenError();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, role: "MERCHANT" },
        select: { id: true },
      });
      const merchant = await tx.merchant.create({
        data: { legalName: input.businessName },
        select: { id: true },
      });
      await tx.merchantMember.create({ data: { userId: user.id, merchantId: merchant.id, role: "OWNER" } });
      await recordAudit(tx, {
        actor: { id: user.id, role: "MERCHANT" },
        action: "auth.signed_up",
        entityType: "Merchant",
        entityId: merchant.id,
        summary: { businessName: input.businessName },
        ip: input.ip,
      });
      return { userId: user.id, merchantId: merchant.id };
    });
  } catch (error) {
    // Two sign-ups with one e-mail at the same moment: the unique index decides.
    if ((error as { code?: string }).code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

export type ChangePasswordOutcome =
  | { ok: true; revokedSessions: number }
  | { ok: false; field: "currentPassword"; message: string };

/**
 * Changes the password and revokes every other session of the user. The current-password check is
 * throttled like log-in (a stolen session must not become a password-guessing oracle).
 */
export async function changePassword(
  db: Db,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string },
  now: Date = new Date(),
): Promise<ChangePasswordOutcome> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { id: true, role: true, email: true, passwordHash: true },
  });
  const throttle = await checkThrottle(db, { email: user.email, ip: input.ip }, now);
  if (!throttle.allowed) return { ok: false, field: "currentPassword", message: throttleMessage(throttle) };
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordAudit(db, {
      actor: { id: user.id, role: user.role },
      action: "auth.password_check_failed",
      entityType: "User",
      entityId: user.id,
      ip: input.ip,
    });
    await recordFailure(db, { email: user.email, ip: input.ip, user }, now);
    return { ok: false, field: "currentPassword", message: "The current password is not correct." };
  }
  await recordSuccess(db, { email: user.email, ip: input.ip });
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const revoked = await tx.session.updateMany({
      where: { userId: user.id, id: { not: input.sessionId }, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: { id: user.id, role: user.role },
      action: "auth.password_changed",
      entityType: "User",
      entityId: user.id,
      summary: { revokedSessions: revoked.count },
      ip: input.ip,
    });
    return { ok: true as const, revokedSessions: revoked.count };
  });
}
