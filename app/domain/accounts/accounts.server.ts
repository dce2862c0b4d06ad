// Sign-up (confirmed by e-mail before an account exists), log-in (throttled per account and
// source, and per IP) and password changes.
import { recordAudit } from "~/domain/audit/audit.server";
import { recordLimited } from "~/domain/audit/refusals.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { accountExistsEmail, signupConfirmationEmail } from "~/domain/notifications/templates";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
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

/** Sign-ups one IP may ask for per hour, and e-mails one address may receive from them. */
const SIGNUPS_PER_IP_PER_HOUR = 20;
const SIGNUP_MAILS_PER_ADDRESS_PER_HOUR = 3;
const SIGNUP_LINK_HOURS = 24;

/**
 * A merchant asks to sign up. Nothing is created yet: the address must prove it is theirs first.
 * A new address gets a one-time link that creates the account; an address that already has one
 * gets a note to its owner instead. Either way the caller answers the same "check your e-mail",
 * so sign-up never tells who has an account. Returns false only when the client asked too often.
 */
export async function requestSignup(
  db: Db,
  input: { name: string; email: string; businessName: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const byIp = await hitRateLimit(`signup-ip:${input.ip}`, SIGNUPS_PER_IP_PER_HOUR, 3_600_000, now);
  if (!byIp.allowed) return { ok: false, retryAfterSeconds: byIp.retryAfterSeconds };
  // Hashed whatever happens, so the answer takes as long for a known address as for a new one.
  const passwordHash = await hashPassword(input.password);
  const byAddress = await hitRateLimit(
    `signup-email:${input.email}`,
    SIGNUP_MAILS_PER_ADDRESS_PER_HOUR,
    3_600_000,
    now,
  );
  if (!byAddress.allowed) return { ok: true };
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, role: true, deactivatedAt: true },
  });
  const appUrl = env().APP_URL;
  await db.$transaction(async (tx) => {
    if (existing) {
      await recordAudit(tx, {
        actor: null,
        action: "auth.signup_existing_address",
        entityType: "User",
        entityId: existing.id,
        ip: input.ip,
      });
      if (existing.deactivatedAt) return;
      await enqueueEmail(tx, {
        to: input.email,
        template: accountExistsEmail(),
      });
      return;
    }
    // A newer request voids older links for the address.
    await tx.signupRequest.updateMany({
      where: { email: input.email, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const token = randomToken();
    await tx.signupRequest.create({
      data: {
        email: input.email,
        name: input.name,
        businessName: input.businessName,
        passwordHash,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + SIGNUP_LINK_HOURS * 3_600_000),
      },
    });
    await enqueueEmail(tx, {
      to: input.email,
      template: signupConfirmationEmail({
        name: input.name,
        businessName: input.businessName,
        link: new URL(`/verify-email/${token}`, appUrl).toString(),
        hours: SIGNUP_LINK_HOURS,
      }),
    });
  });
  return { ok: true };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The address behind a still-valid sign-up link, for the page that confirms it. */
export async function openSignupRequest(db: Db, token: string, now: Date = new Date()) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return db.signupRequest.findFirst({
    where: { tokenHash: sha256Hex(token), usedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, businessName: true },
  });
}

/**
 * Uses a sign-up link once: creates the merchant user, its business and the owner membership in
 * one transaction. Of two uses (or two links for one address) exactly one creates the account.
 */
export async function confirmSignup(
  db: Db,
  input: { token: string; ip: string },
  now: Date = new Date(),
): Promise<{ ok: true; userId: string; merchantId: string } | { ok: false }> {
  const open = await openSignupRequest(db, input.token, now);
  if (!open) return { ok: false };
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.signupRequest.updateMany({
        where: { id: open.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) return { ok: false as const };
      const request = await tx.signupRequest.findUniqueOrThrow({ where: { id: open.id } });
      const user = await tx.user.create({
        data: {
          email: request.email,
          name: request.name,
          passwordHash: request.passwordHash,
          role: "MERCHANT",
        },
        select: { id: true },
      });
      const merchant = await tx.merchant.create({
        data: { legalName: request.businessName },
        select: { id: true },
      });
      await tx.merchantMember.create({ data: { userId: user.id, merchantId: merchant.id, role: "OWNER" } });
      await recordAudit(tx, {
        actor: { id: user.id, role: "MERCHANT" },
        action: "auth.signed_up",
        entityType: "Merchant",
        entityId: merchant.id,
        summary: { businessName: request.businessName, emailVerified: true },
        ip: input.ip,
      });
      return { ok: true as const, userId: user.id, merchantId: merchant.id };
    });
  } catch (error) {
    // The address got an account meanwhile (another link of it was used first).
    if ((error as { code?: string }).code === "P2002") return { ok: false };
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
