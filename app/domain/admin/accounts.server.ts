// Admins deactivate and reactivate any account. A deactivated person cannot log in, every session
// of theirs ends at once (the session read refuses a deactivated user), and no link e-mailed to
// them (reset, unlock) works. Nothing they did is removed: their records and audit trail stay.
import { recordAudit } from "~/domain/audit/audit.server";
import type { Db } from "~/utils/db.server";
import type { AccountStatusInput } from "./accounts";

export type AccountStatusOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "refused"; message: string };

export async function setAccountStatus(
  db: Db,
  input: { userId: string; change: AccountStatusInput; actor: { id: string; role: string }; ip: string },
  now: Date = new Date(),
): Promise<AccountStatusOutcome> {
  if (input.userId === input.actor.id)
    return {
      ok: false,
      reason: "refused",
      message: "You cannot deactivate your own account; ask another admin.",
    };
  return db
    .$transaction(async (tx) => {
      const user = await tx.user.findUnique({
        where: { id: input.userId },
        select: { id: true, role: true, email: true, deactivatedAt: true },
      });
      if (!user) return { ok: false as const, reason: "not-found" as const };
      if (input.change.intent === "reactivate") {
        const changed = await tx.user.updateMany({
          where: { id: user.id, deactivatedAt: { not: null } },
          data: { deactivatedAt: null },
        });
        if (changed.count === 0)
          return {
            ok: false as const,
            reason: "refused" as const,
            message: "This account is already active.",
          };
        await recordAudit(tx, {
          actor: input.actor,
          action: "admin.account_reactivated",
          entityType: "User",
          entityId: user.id,
          summary: { role: user.role },
          ip: input.ip,
        });
        return { ok: true as const };
      }
      const changed = await tx.user.updateMany({
        where: { id: user.id, deactivatedAt: null },
        data: { deactivatedAt: now },
      });
      if (changed.count === 0)
        return {
          ok: false as const,
          reason: "refused" as const,
          message: "This account is already deactivated.",
        };
      // Checked after the write, in the same transaction: two admins deactivating each other at once
      // cannot leave the platform with none.
      if (
        user.role === "ADMIN" &&
        (await tx.user.count({ where: { role: "ADMIN", deactivatedAt: null } })) === 0
      )
        throw new LastAdminError();
      const sessions = await tx.session.updateMany({
        where: { userId: user.id, revokedAt: null },
        data: { revokedAt: now },
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: "admin.account_deactivated",
        entityType: "User",
        entityId: user.id,
        summary: { role: user.role, reason: input.change.reason, revokedSessions: sessions.count },
        ip: input.ip,
      });
      return { ok: true as const };
    })
    .catch((error: unknown) => {
      if (error instanceof LastAdminError)
        return { ok: false as const, reason: "refused" as const, message: error.message };
      throw error;
    });
}

class LastAdminError extends Error {
  constructor() {
    super("This is the last active admin account; invite another admin first.");
  }
}

/** One account for the admin's account page: who, where, its sessions and recent failed log-ins. */
export async function accountForAdmin(db: Db, userId: string, now: Date = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      deactivatedAt: true,
      createdAt: true,
      merchantMember: { select: { role: true, merchant: { select: { legalName: true } } } },
      lenderMember: { select: { role: true, lenderOrg: { select: { id: true, name: true } } } },
      twoFactor: { select: { enabledAt: true } },
      _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: now } } } } },
    },
  });
  if (!user) return null;
  const [throttle, lastDeactivation] = await Promise.all([
    db.loginThrottle.findUnique({
      where: { key: `account:${user.email}` },
      select: { failures: true, lastFailedAt: true },
    }),
    db.auditEvent.findFirst({
      where: { entityType: "User", entityId: user.id, action: "admin.account_deactivated" },
      orderBy: { createdAt: "desc" },
      select: { summaryJson: true, actorName: true, createdAt: true },
    }),
  ]);
  return {
    ...user,
    activeSessions: user._count.sessions,
    twoFactorEnabledAt: user.twoFactor?.enabledAt ?? null,
    failedLogins:
      throttle && now.getTime() - throttle.lastFailedAt.getTime() < 24 * 3_600_000 ? throttle.failures : 0,
    deactivation:
      user.deactivatedAt && lastDeactivation
        ? {
            by: lastDeactivation.actorName,
            at: lastDeactivation.createdAt,
            reason: (JSON.parse(lastDeactivation.summaryJson) as { reason?: string }).reason ?? null,
          }
        : null,
  };
}
