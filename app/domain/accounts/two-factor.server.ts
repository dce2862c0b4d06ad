// TOTP two-factor authentication (docs/design/accounts.md#two-factor-authentication): enrolment
// with a QR code and recovery codes, the second log-in step, turning it off, and an admin's reset.
// The secret is stored encrypted; recovery codes only as SHA-256; a code of a step already used is
// refused (lastUsedStep, moved forward by a conditional update so two racing uses cannot both win);
// wrong codes go through the log-in throttle, as wrong passwords do.
import crypto from "node:crypto";
import QRCode from "qrcode";
import { recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import {
  recoveryCodeUsedEmail,
  twoFactorDisabledEmail,
  twoFactorResetEmail,
} from "~/domain/notifications/templates";
import { decryptSecret, encryptSecret, sha256Hex } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { throttleMessage } from "./login-throttle";
import { checkThrottle, recordFailure, recordSuccess } from "./login-throttle.server";
import { verifyPassword } from "./password.server";
import { matchingStep, newTotpSecret, totpFor } from "./totp.server";
import {
  classifyCode,
  groupedSecret,
  newRecoveryCode,
  RECOVERY_CODE_COUNT,
  twoFactorRequired,
} from "./two-factor";

type Writer = Db | Prisma.TransactionClient;
type Account = { id: string; role: string; email: string };

export type TwoFactorStatus = {
  enabled: boolean;
  required: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
};

export async function twoFactorStatus(
  db: Writer,
  user: { id: string; role: string },
): Promise<TwoFactorStatus> {
  const [row, left] = await Promise.all([
    db.twoFactor.findUnique({ where: { userId: user.id }, select: { enabledAt: true } }),
    db.recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
  ]);
  return {
    enabled: Boolean(row?.enabledAt),
    required: twoFactorRequired(user.role),
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: row?.enabledAt ? left : 0,
  };
}

/** After a right password: a full session, a code first, or (staff without 2FA) enrolment first. */
export async function stepAfterPassword(db: Writer, user: { id: string; role: string }) {
  const row = await db.twoFactor.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
  if (row?.enabledAt) return "code" as const;
  return twoFactorRequired(user.role) ? ("enrol" as const) : ("session" as const);
}

export type Enrolment = { groupedSecret: string; uri: string; qrDataUrl: string };

/**
 * The authenticator secret to enrol, with its otpauth:// URI as a QR code (an SVG data: URL, which
 * the Content-Security-Policy's img-src allows; no request leaves the page). A started, unconfirmed enrolment is
 * resumed, so reloading the page does not change the code the app was already given.
 */
export async function startEnrolment(
  db: Writer,
  user: { id: string; email: string },
): Promise<Enrolment | null> {
  const row = await db.twoFactor.findUnique({ where: { userId: user.id } });
  if (row?.enabledAt) return null;
  let secret: string;
  if (row) secret = decryptSecret(row.secretEncrypted);
  else {
    secret = newTotpSecret();
    await db.twoFactor.create({ data: { userId: user.id, secretEncrypted: encryptSecret(secret) } });
  }
  const uri = totpFor(secret, user.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  const qrDataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  return { groupedSecret: groupedSecret(secret), uri, qrDataUrl };
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    newRecoveryCode((size) => crypto.randomBytes(size)),
  );
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: sha256Hex(code.replace("-", "")) })),
  });
  return codes;
}

/**
 * Uses an authenticator code once: its step must be within the window and later than the last
 * step used. Returns "wrong", "replayed", or the step now used.
 */
async function spendTotp(
  db: Writer,
  input: { userId: string; code: string; now: Date; requireEnabled: boolean },
): Promise<"wrong" | "replayed" | "ok"> {
  const row = await db.twoFactor.findUnique({ where: { userId: input.userId } });
  if (!row || Boolean(row.enabledAt) !== input.requireEnabled) return "wrong";
  const step = matchingStep(decryptSecret(row.secretEncrypted), input.code, input.now);
  if (step === null) return "wrong";
  const moved = await db.twoFactor.updateMany({
    where: { userId: input.userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return moved.count === 1 ? "ok" : "replayed";
}

export type CodeOutcome = { ok: true } | { ok: false; message: string; retryAfterSeconds?: number };

const WRONG_CODE = "That code is not right. Check the time on your phone and try the current code.";
const REPLAYED_CODE = "That code was already used. Wait for the next code from your app.";

async function failCode(
  db: Db,
  input: { user: Account; ip: string; now: Date; stage: string; reason: string },
): Promise<void> {
  await recordAudit(db, {
    actor: { id: input.user.id, role: input.user.role },
    action: "auth.two_factor_failed",
    entityType: "User",
    entityId: input.user.id,
    summary: { stage: input.stage, reason: input.reason },
    ip: input.ip,
  });
  // A replayed code is a right code seen before, not a guess: audited, but it does not slow the
  // owner down (their app may not have moved on yet).
  if (input.reason !== "replayed")
    await recordFailure(
      db,
      { email: input.user.email, ip: input.ip, user: input.user, what: "code" },
      input.now,
    );
}

/**
 * Checks an authenticator code for a settings change (turning 2FA off, new recovery codes):
 * throttled and audited like the log-in step.
 */
async function checkCode(
  db: Db,
  input: { user: Account; code: string; ip: string; now: Date; stage: string },
): Promise<CodeOutcome> {
  const throttle = await checkThrottle(db, { email: input.user.email, ip: input.ip }, input.now);
  if (!throttle.allowed)
    return { ok: false, message: throttleMessage(throttle), retryAfterSeconds: throttle.retryAfterSeconds };
  const used = await spendTotp(db, {
    userId: input.user.id,
    code: input.code,
    now: input.now,
    requireEnabled: true,
  });
  if (used !== "ok") {
    await failCode(db, { ...input, reason: used === "replayed" ? "replayed" : "wrong_code" });
    return { ok: false, message: used === "replayed" ? REPLAYED_CODE : WRONG_CODE };
  }
  return { ok: true };
}

/**
 * Confirms an enrolment with a current code from the app: 2FA is on from now, and the ten
 * recovery codes are returned to be shown once.
 */
export async function confirmEnrolment(
  db: Db,
  input: { user: Account; code: string; ip: string; now?: Date },
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; message: string }> {
  const now = input.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const used = await spendTotp(tx, { userId: input.user.id, code: input.code, now, requireEnabled: false });
    if (used !== "ok") return null;
    await tx.twoFactor.update({ where: { userId: input.user.id }, data: { enabledAt: now } });
    const recoveryCodes = await replaceRecoveryCodes(tx, input.user.id);
    await recordAudit(tx, {
      actor: { id: input.user.id, role: input.user.role },
      action: "auth.two_factor_enabled",
      entityType: "User",
      entityId: input.user.id,
      summary: { recoveryCodes: recoveryCodes.length },
      ip: input.ip,
    });
    return recoveryCodes;
  });
  if (!result) {
    await recordAudit(db, {
      actor: { id: input.user.id, role: input.user.role },
      action: "auth.two_factor_failed",
      entityType: "User",
      entityId: input.user.id,
      summary: { stage: "enrolment", reason: "wrong_code" },
      ip: input.ip,
    });
    return { ok: false, message: WRONG_CODE };
  }
  return { ok: true, recoveryCodes: result };
}

export type SecondStepOutcome =
  | { ok: true; usedRecoveryCode: boolean }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "wait" | "stopped"; retryAfterSeconds: number; message: string };

/**
 * The second log-in step: an authenticator code or an unused recovery code. Throttled with the
 * password's counters (this address from this source), which only a full log-in clears.
 */
export async function verifySecondFactor(
  db: Db,
  input: { user: Account; code: string; ip: string },
  now: Date = new Date(),
): Promise<SecondStepOutcome> {
  const throttle = await checkThrottle(db, { email: input.user.email, ip: input.ip }, now);
  if (!throttle.allowed)
    return {
      ok: false,
      reason: throttle.reason,
      retryAfterSeconds: throttle.retryAfterSeconds,
      message: throttleMessage(throttle),
    };
  const typed = classifyCode(input.code);
  let usedRecoveryCode = false;
  if (typed?.kind === "totp") {
    const used = await spendTotp(db, { userId: input.user.id, code: typed.code, now, requireEnabled: true });
    if (used !== "ok") {
      await failCode(db, {
        user: input.user,
        ip: input.ip,
        now,
        stage: "log-in",
        reason: used === "replayed" ? "replayed" : "wrong_code",
      });
      return { ok: false, reason: "invalid", message: used === "replayed" ? REPLAYED_CODE : WRONG_CODE };
    }
  } else {
    const spent =
      typed?.kind === "recovery" &&
      (await spendRecoveryCode(db, { user: input.user, code: typed.code, ip: input.ip, now }));
    if (!spent) {
      await failCode(db, {
        user: input.user,
        ip: input.ip,
        now,
        stage: "log-in",
        reason: "wrong_recovery_code",
      });
      return {
        ok: false,
        reason: "invalid",
        message: "That recovery code is not right, or was already used.",
      };
    }
    usedRecoveryCode = true;
  }
  await recordSuccess(db, { email: input.user.email, ip: input.ip });
  await recordAudit(db, {
    actor: { id: input.user.id, role: input.user.role },
    action: "auth.login_succeeded",
    entityType: "User",
    entityId: input.user.id,
    summary: { secondFactor: usedRecoveryCode ? "recovery_code" : "totp" },
    ip: input.ip,
  });
  return { ok: true, usedRecoveryCode };
}

async function spendRecoveryCode(
  db: Db,
  input: { user: Account; code: string; ip: string; now: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const enabled = await tx.twoFactor.findFirst({
      where: { userId: input.user.id, enabledAt: { not: null } },
      select: { userId: true },
    });
    if (!enabled) return false;
    const spent = await tx.recoveryCode.updateMany({
      where: { userId: input.user.id, codeHash: sha256Hex(input.code), usedAt: null },
      data: { usedAt: input.now },
    });
    if (spent.count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId: input.user.id, usedAt: null } });
    await recordAudit(tx, {
      actor: { id: input.user.id, role: input.user.role },
      action: "auth.recovery_code_used",
      entityType: "User",
      entityId: input.user.id,
      summary: { left },
      ip: input.ip,
    });
    await enqueueEmail(tx, {
      to: input.user.email,
      template: recoveryCodeUsedEmail({ left }),
    });
    return true;
  });
}

/** New recovery codes (the old ones stop working), after a current code. */
export async function regenerateRecoveryCodes(
  db: Db,
  input: { user: Account; code: string; ip: string; now?: Date },
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; message: string }> {
  const now = input.now ?? new Date();
  const checked = await checkCode(db, { ...input, now, stage: "recovery-codes" });
  if (!checked.ok) return checked;
  const recoveryCodes = await db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.user.id);
    await recordAudit(tx, {
      actor: { id: input.user.id, role: input.user.role },
      action: "auth.recovery_codes_regenerated",
      entityType: "User",
      entityId: input.user.id,
      ip: input.ip,
    });
    return codes;
  });
  return { ok: true, recoveryCodes };
}

export type DisableOutcome =
  | { ok: true }
  | { ok: false; field: "currentPassword" | "code" | "form"; message: string };

/** Turns 2FA off for a merchant: the current password (throttled) and a current code. */
export async function disableTwoFactor(
  db: Db,
  input: { user: Account; currentPassword: string; code: string; ip: string; now?: Date },
): Promise<DisableOutcome> {
  const now = input.now ?? new Date();
  if (twoFactorRequired(input.user.role))
    return { ok: false, field: "form", message: "Two-factor authentication is required for your role." };
  const throttle = await checkThrottle(db, { email: input.user.email, ip: input.ip }, now);
  if (!throttle.allowed) return { ok: false, field: "currentPassword", message: throttleMessage(throttle) };
  const { passwordHash } = await db.user.findUniqueOrThrow({
    where: { id: input.user.id },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(input.currentPassword, passwordHash))) {
    await recordAudit(db, {
      actor: { id: input.user.id, role: input.user.role },
      action: "auth.password_check_failed",
      entityType: "User",
      entityId: input.user.id,
      summary: { for: "two_factor_disable" },
      ip: input.ip,
    });
    await recordFailure(db, { email: input.user.email, ip: input.ip, user: input.user }, now);
    return { ok: false, field: "currentPassword", message: "The current password is not correct." };
  }
  const checked = await checkCode(db, {
    user: input.user,
    code: input.code,
    ip: input.ip,
    now,
    stage: "disable",
  });
  if (!checked.ok) return { ok: false, field: "code", message: checked.message };
  await recordSuccess(db, { email: input.user.email, ip: input.ip });
  await db.$transaction(async (tx) => {
    await removeTwoFactor(tx, input.user.id);
    await recordAudit(tx, {
      actor: { id: input.user.id, role: input.user.role },
      action: "auth.two_factor_disabled",
      entityType: "User",
      entityId: input.user.id,
      ip: input.ip,
    });
    await enqueueEmail(tx, {
      to: input.user.email,
      template: twoFactorDisabledEmail(),
    });
  });
  return { ok: true };
}

async function removeTwoFactor(tx: Prisma.TransactionClient, userId: string) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.twoFactor.deleteMany({ where: { userId } });
}

/**
 * An admin resets another person's 2FA (a lost phone): the authenticator and recovery codes are
 * forgotten and every session of theirs ends, so staff enrol again at their next log-in.
 */
export async function resetTwoFactor(
  db: Db,
  input: { userId: string; actor: { id: string; role: string }; ip: string; now?: Date },
): Promise<{ ok: true } | { ok: false; reason: "not-found" | "not-enrolled" | "self"; message: string }> {
  const now = input.now ?? new Date();
  if (input.userId === input.actor.id)
    return {
      ok: false,
      reason: "self",
      message: "Another admin must reset your own two-factor authentication.",
    };
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: { id: true, email: true, role: true, twoFactor: { select: { enabledAt: true } } },
  });
  if (!user) return { ok: false, reason: "not-found", message: "This account does not exist." };
  if (!user.twoFactor?.enabledAt)
    return {
      ok: false,
      reason: "not-enrolled",
      message: "This account has no two-factor authentication to reset.",
    };
  await db.$transaction(async (tx) => {
    await removeTwoFactor(tx, user.id);
    const revoked = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "admin.two_factor_reset",
      entityType: "User",
      entityId: user.id,
      summary: { email: user.email, revokedSessions: revoked.count },
      ip: input.ip,
    });
    await enqueueEmail(tx, {
      to: user.email,
      template: twoFactorResetEmail({ required: twoFactorRequired(user.role) }),
    });
  });
  return { ok: true };
}

/** What ties a pending log-in to the password it was earned with (not the hash itself). */
export function pendingFingerprint(passwordHash: string): string {
  return sha256Hex(`pending-login:${passwordHash}`).slice(0, 32);
}

/**
 * The account behind a pending log-in, while it is still usable: active, the same password, and
 * still at the step the state says (a code needs 2FA on; enrolment needs it off).
 */
export async function accountForPendingLogin(
  db: Writer,
  pending: { userId: string; next: "code" | "enrol"; fingerprint: string },
): Promise<Account | null> {
  const user = await db.user.findUnique({
    where: { id: pending.userId },
    select: {
      id: true,
      role: true,
      email: true,
      passwordHash: true,
      deactivatedAt: true,
      twoFactor: { select: { enabledAt: true } },
    },
  });
  if (!user || user.deactivatedAt || pendingFingerprint(user.passwordHash) !== pending.fingerprint)
    return null;
  const enabled = Boolean(user.twoFactor?.enabledAt);
  if (enabled !== (pending.next === "code")) return null;
  return { id: user.id, role: user.role, email: user.email };
}

/** Enrolment at log-in is finished: the source's failed-attempt count starts again. */
export async function finishEnrolmentLogin(db: Db, input: { user: Account; ip: string }): Promise<void> {
  await recordSuccess(db, { email: input.user.email, ip: input.ip });
  await recordAudit(db, {
    actor: { id: input.user.id, role: input.user.role },
    action: "auth.login_succeeded",
    entityType: "User",
    entityId: input.user.id,
    summary: { secondFactor: "enrolled" },
    ip: input.ip,
  });
}

/** The fingerprint of an account's current password, for a pending log-in started without one typed (an accepted invitation). */
export async function currentFingerprint(db: Writer, userId: string): Promise<string> {
  const { passwordHash } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  return pendingFingerprint(passwordHash);
}
