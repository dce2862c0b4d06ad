// Sign-up, log-in (with lock-out and a per-IP rate limit) and password changes.
import { recordAudit } from "~/domain/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";

export type LoginOutcome =
  | { ok: true; user: { id: string; role: string; email: string } }
  | { ok: false; reason: "invalid" | "locked" | "rate-limited"; retryAfterSeconds?: number };

export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const config = env();
  const lockMs = config.LOGIN_LOCK_MINUTES * 60_000;

  const ipLimit = await hitRateLimit(
    `login-ip:${input.ip}`,
    config.LOGIN_RATE_LIMIT_PER_IP,
    config.LOGIN_RATE_LIMIT_WINDOW_MINUTES * 60_000,
    now,
  );
  if (!ipLimit.allowed) {
    await recordAudit(db, {
      actor: null,
      action: "auth.login_rate_limited",
      entityType: "User",
      summary: { email: input.email },
      ip: input.ip,
    });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: ipLimit.retryAfterSeconds };
  }

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: {
      id: true,
      role: true,
      email: true,
      passwordHash: true,
      failedLoginCount: true,
      lockedUntil: true,
      deactivatedAt: true,
    },
  });

  if (!user || user.deactivatedAt) {
    await verifyAgainstDummy(input.password);
    // An unknown e-mail locks exactly like a real account does, so lock-out reveals nothing.
    const attempts = await hitRateLimit(
      `login-unknown:${input.email}`,
      config.LOGIN_LOCK_THRESHOLD,
      lockMs,
      now,
    );
    await recordAudit(db, {
      actor: null,
      action: "auth.login_failed",
      entityType: "User",
      summary: { email: input.email, reason: "unknown_email" },
      ip: input.ip,
    });
    return attempts.allowed ? { ok: false, reason: "invalid" } : { ok: false, reason: "locked" };
  }

  const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
  const passwordMatches = await verifyPassword(input.password, user.passwordHash);

  if (locked) {
    await recordAudit(db, {
      actor: { id: user.id, role: user.role },
      action: "auth.login_refused_locked",
      entityType: "User",
      entityId: user.id,
      ip: input.ip,
    });
    return { ok: false, reason: "locked" };
  }

  if (!passwordMatches) {
    // A lock that has run out starts a fresh count.
    const previous = user.lockedUntil ? 0 : user.failedLoginCount;
    const failedLoginCount = previous + 1;
    const lockNow = failedLoginCount >= config.LOGIN_LOCK_THRESHOLD;
    await db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: {
          failedLoginCount: lockNow ? 0 : failedLoginCount,
          lockedUntil: lockNow ? new Date(now.getTime() + lockMs) : null,
        },
      });
      await recordAudit(tx, {
        actor: { id: user.id, role: user.role },
        action: "auth.login_failed",
        entityType: "User",
        entityId: user.id,
        summary: { reason: "wrong_password", failedLoginCount },
        ip: input.ip,
      });
      if (lockNow) {
        await recordAudit(tx, {
          actor: { id: user.id, role: user.role },
          action: "auth.account_locked",
          entityType: "User",
          entityId: user.id,
          summary: { minutes: config.LOGIN_LOCK_MINUTES },
          ip: input.ip,
        });
      }
    });
    return { ok: false, reason: "invalid" };
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null } });
    await recordAudit(tx, {
      actor: { id: user.id, role: user.role },
      action: "auth.login_succeeded",
      entityType: "User",
      entityId: user.id,
      ip: input.ip,
    });
  });
  return { ok: true, user: { id: user.id, role: user.role, email: user.email } };
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

/** Changes the password and revokes every other session of the user. */
export async function changePassword(
  db: Db,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string },
): Promise<ChangePasswordOutcome> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { id: true, role: true, passwordHash: true },
  });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return { ok: false, field: "currentPassword", message: "The current password is not correct." };
  }
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
