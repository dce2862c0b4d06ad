// The database side of the log-in throttle (rules in login-throttle.ts): the counters per account
// and per account and source, and the owner's alert with a one-time unlock link.
import { recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { failedLoginsEmail } from "~/domain/notifications/templates";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createAccountToken } from "./account-tokens.server";
import {
  afterFailure,
  type Counter,
  DEFAULT_RULES,
  type ThrottleRules,
  type Verdict,
  verdict,
} from "./login-throttle";

/** The owner is told at most once in this long about one account's failed attempts. */
const ALERT_EVERY_MS = 60 * 60_000;

export function throttleRules(): ThrottleRules {
  const config = env();
  return {
    ...DEFAULT_RULES,
    sourceStopAfter: config.LOGIN_LOCK_THRESHOLD,
    stopMinutes: config.LOGIN_LOCK_MINUTES,
  };
}

const accountKey = (email: string) => `account:${email}`;
const sourceKey = (email: string, ip: string) => `source:${email}|${ip}`;

type Writer = Db | Prisma.TransactionClient;
type Row = Counter & { alertedAt: Date | null };

async function counters(
  db: Writer,
  email: string,
  ip: string,
): Promise<{ source: Row | null; account: Row | null }> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: [accountKey(email), sourceKey(email, ip)] } },
    select: { key: true, failures: true, lastFailedAt: true, blockedUntil: true, alertedAt: true },
  });
  return {
    source: rows.find((row) => row.key === sourceKey(email, ip)) ?? null,
    account: rows.find((row) => row.key === accountKey(email)) ?? null,
  };
}

/** May this source try a password for this address now? */
export async function checkThrottle(
  db: Db,
  input: { email: string; ip: string },
  now: Date,
): Promise<Verdict> {
  return verdict(await counters(db, input.email, input.ip), throttleRules(), now);
}

/**
 * Counts a failed attempt for the address from this source. When it stops the source, or brings
 * the account-wide count to its mark, the account's owner (when the address has one) is e-mailed
 * a one-time link that unlocks it, once per episode.
 */
export async function recordFailure(
  db: Db,
  input: {
    email: string;
    ip: string;
    user: { id: string; role: string; email: string } | null;
    /** What was wrong: a password, or a two-factor code after a right password. */
    what?: "password" | "code";
  },
  now: Date,
): Promise<{ sourceStopped: boolean }> {
  const rules = throttleRules();
  return db.$transaction(async (tx) => {
    // Both counters are written (created when new) before they are read: the write locks them
    // (PostgreSQL: the rows; SQLite: the database) until this transaction ends, so that failures
    // on two app servers at once both count instead of both reading the same number. Sorted keys:
    // two transactions lock them in the same order.
    for (const key of [accountKey(input.email), sourceKey(input.email, input.ip)].sort())
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, failures: 0, lastFailedAt: now },
        update: { key },
        select: { key: true },
      });
    const current = await counters(tx, input.email, input.ip);
    const next = afterFailure(current, rules, now);
    for (const [key, counter] of [
      [sourceKey(input.email, input.ip), next.source],
      [accountKey(input.email), next.account],
    ] as const)
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, ...counter },
        update: counter,
      });
    if (!(next.sourceStopped || next.accountMarked)) return { sourceStopped: false };
    await recordAudit(tx, {
      actor: input.user ? { id: input.user.id, role: input.user.role } : null,
      action: next.sourceStopped ? "auth.source_stopped" : "auth.account_slowed",
      entityType: "User",
      entityId: input.user?.id ?? null,
      summary: input.user
        ? { failures: next.account.failures }
        : { email: input.email, failures: next.account.failures },
      ip: input.ip,
    });
    const alertedAt = current.account?.alertedAt;
    if (input.user && (!alertedAt || now.getTime() - alertedAt.getTime() >= ALERT_EVERY_MS)) {
      const link = await createAccountToken(tx, { userId: input.user.id, purpose: "UNLOCK", now });
      await tx.loginThrottle.update({ where: { key: accountKey(input.email) }, data: { alertedAt: now } });
      await enqueueEmail(tx, {
        to: input.user.email,
        template: failedLoginsEmail({
          what: input.what === "code" ? "code" : "password",
          failures: next.account.failures,
          sourceStopped: next.sourceStopped,
          link: link.url,
        }),
      });
    }
    return { sourceStopped: next.sourceStopped };
  });
}

/** A right password from this source: its count starts again (the account-wide one decays). */
export async function recordSuccess(db: Db, input: { email: string; ip: string }): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: sourceKey(input.email, input.ip) } });
}

/** Forgets every count for the address (the owner's unlock link, a password reset). */
export async function clearThrottles(db: Writer, email: string) {
  await db.loginThrottle.deleteMany({
    where: { OR: [{ key: accountKey(email) }, { key: { startsWith: `source:${email}|` } }] },
  });
}
