// Lender partners as admins and lender admins manage them.
import { recordAudit } from "~/domain/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { type LenderOrgStatus, type LenderPartnerInput, PARTNER_TRANSITIONS } from "./partners";

export class DuplicatePartnerError extends Error {
  constructor() {
    super("A lender partner with this name already exists.");
    this.name = "DuplicatePartnerError";
  }
}

export async function createLenderPartner(
  db: Db,
  input: { partner: LenderPartnerInput; actor: { id: string; role: string }; ip: string },
): Promise<{ id: string }> {
  const { partner } = input;
  try {
    return await db.$transaction(async (tx) => {
      const org = await tx.lenderOrg.create({
        data: {
          name: partner.name,
          status: "PENDING",
          contactName: partner.contactName,
          contactEmail: partner.contactEmail,
          contactPhone: partner.contactPhone ?? null,
          website: partner.website ?? null,
          statesLicensed: partner.statesLicensed.join(","),
          description: partner.description ?? null,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: "lender.partner_created",
        entityType: "LenderOrg",
        entityId: org.id,
        summary: { name: partner.name, status: "PENDING" },
        ip: input.ip,
      });
      return org;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new DuplicatePartnerError();
    throw error;
  }
}

export async function listLenderPartners(db: Db) {
  return db.lenderOrg.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      status: true,
      contactName: true,
      contactEmail: true,
      createdAt: true,
      _count: { select: { members: true, products: true, referrals: true } },
    },
  });
}

export async function getLenderPartner(db: Db, id: string) {
  return db.lenderOrg.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      status: true,
      statusReason: true,
      contactName: true,
      contactEmail: true,
      contactPhone: true,
      website: true,
      statesLicensed: true,
      description: true,
      createdAt: true,
      members: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          role: true,
          deactivatedAt: true,
          user: { select: { id: true, name: true, email: true } },
        },
      },
      products: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          type: true,
          status: true,
          minAmountCents: true,
          maxAmountCents: true,
        },
      },
      invitations: {
        where: { acceptedAt: null, revokedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, name: true, email: true, lenderRole: true, expiresAt: true, createdAt: true },
      },
    },
  });
}

export async function listLenderTeam(db: Db, lenderOrgId: string) {
  return db.lenderOrg.findUniqueOrThrow({
    where: { id: lenderOrgId },
    select: {
      name: true,
      status: true,
      members: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          role: true,
          deactivatedAt: true,
          user: { select: { id: true, name: true, email: true } },
        },
      },
      invitations: {
        where: { acceptedAt: null, revokedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, name: true, email: true, lenderRole: true, expiresAt: true },
      },
    },
  });
}

export class LastLenderAdminError extends Error {
  constructor() {
    super("A lender must keep at least one active lender admin.");
    this.name = "LastLenderAdminError";
  }
}

export class SelfMemberChangeError extends Error {
  constructor() {
    super("You cannot change your own role or deactivate yourself; ask another lender admin.");
    this.name = "SelfMemberChangeError";
  }
}

/**
 * Changes a lender member's role or active state, scoped to one lender org. Refuses to leave the
 * org without an active admin. Deactivating revokes the person's sessions. Returns false when the
 * member is not in that org (the caller answers 404).
 */
export async function updateLenderMember(
  db: Db,
  input: {
    lenderOrgId: string;
    memberId: string;
    change: { role: "ADMIN" | "UNDERWRITER" } | { active: boolean };
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const member = await tx.lenderMember.findFirst({
      where: { id: input.memberId, lenderOrgId: input.lenderOrgId },
      select: { id: true, userId: true, role: true, deactivatedAt: true },
    });
    if (!member) return false;
    if (member.userId === input.actor.id) throw new SelfMemberChangeError();
    const next = {
      role: "role" in input.change ? input.change.role : member.role,
      active: "active" in input.change ? input.change.active : member.deactivatedAt === null,
    };
    if (member.role === "ADMIN" && member.deactivatedAt === null && (next.role !== "ADMIN" || !next.active)) {
      const otherAdmins = await tx.lenderMember.count({
        where: { lenderOrgId: input.lenderOrgId, role: "ADMIN", deactivatedAt: null, id: { not: member.id } },
      });
      if (otherAdmins === 0) throw new LastLenderAdminError();
    }
    const now = new Date();
    await tx.lenderMember.update({
      where: { id: member.id },
      data: { role: next.role, deactivatedAt: next.active ? null : (member.deactivatedAt ?? now) },
    });
    await tx.user.update({
      where: { id: member.userId },
      data: { deactivatedAt: next.active ? null : now },
    });
    if (!next.active) {
      await tx.session.updateMany({
        where: { userId: member.userId, revokedAt: null },
        data: { revokedAt: now },
      });
    }
    const action =
      "role" in input.change
        ? "auth.role_changed"
        : next.active
          ? "lender.member_reactivated"
          : "lender.member_deactivated";
    await recordAudit(tx, {
      actor: input.actor,
      action,
      entityType: "User",
      entityId: member.userId,
      summary: {
        lenderOrgId: input.lenderOrgId,
        before: { role: member.role, active: member.deactivatedAt === null },
        after: next,
      },
      ip: input.ip,
    });
    return true;
  });
}

export type PartnerStatusOutcome =
  | { ok: true; withdrawnReferrals: number }
  | { ok: false; reason: "not-found" | "not-allowed"; from?: string };

/**
 * Activates or suspends a partner through the transition table. Suspending stops new referrals
 * (matching only uses active partners) and withdraws the partner's untouched (NEW) referrals in
 * the same transaction; offers already made stay valid unless the lender withdraws them.
 */
export async function changePartnerStatus(
  db: Db,
  input: {
    lenderOrgId: string;
    to: "ACTIVE" | "SUSPENDED";
    reason?: string;
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<PartnerStatusOutcome> {
  return db.$transaction(async (tx) => {
    const org = await tx.lenderOrg.findUnique({ where: { id: input.lenderOrgId }, select: { status: true } });
    if (!org) return { ok: false, reason: "not-found" };
    const allowed = PARTNER_TRANSITIONS[org.status as LenderOrgStatus] ?? [];
    if (!allowed.includes(input.to)) return { ok: false, reason: "not-allowed", from: org.status };
    const changed = await tx.lenderOrg.updateMany({
      where: { id: input.lenderOrgId, status: org.status },
      data: { status: input.to, statusReason: input.to === "SUSPENDED" ? (input.reason ?? null) : null },
    });
    if (changed.count !== 1) return { ok: false, reason: "not-allowed", from: org.status };
    let withdrawnReferrals = 0;
    if (input.to === "SUSPENDED") {
      const withdrawn = await tx.referral.updateMany({
        where: { lenderOrgId: input.lenderOrgId, status: "NEW" },
        data: { status: "WITHDRAWN", decidedAt: new Date() },
      });
      withdrawnReferrals = withdrawn.count;
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: input.to === "SUSPENDED" ? "lender.partner_suspended" : "lender.partner_activated",
      entityType: "LenderOrg",
      entityId: input.lenderOrgId,
      summary: { from: org.status, to: input.to, reason: input.reason ?? null, withdrawnReferrals },
      ip: input.ip,
    });
    return { ok: true, withdrawnReferrals };
  });
}

export async function updateLenderPartner(
  db: Db,
  input: {
    lenderOrgId: string;
    partner: LenderPartnerInput;
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<boolean> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.lenderOrg.findUnique({
        where: { id: input.lenderOrgId },
        select: { name: true, contactEmail: true },
      });
      if (!existing) return false;
      const { partner } = input;
      await tx.lenderOrg.update({
        where: { id: input.lenderOrgId },
        data: {
          name: partner.name,
          contactName: partner.contactName,
          contactEmail: partner.contactEmail,
          contactPhone: partner.contactPhone ?? null,
          website: partner.website ?? null,
          statesLicensed: partner.statesLicensed.join(","),
          description: partner.description ?? null,
        },
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: "lender.partner_updated",
        entityType: "LenderOrg",
        entityId: input.lenderOrgId,
        summary: { before: existing, after: { name: partner.name, contactEmail: partner.contactEmail } },
        ip: input.ip,
      });
      return true;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new DuplicatePartnerError();
    throw error;
  }
}

/** Referral counts and offer and acceptance rates of a partner. */
export async function partnerStats(db: Db, lenderOrgId: string) {
  const [referrals, byStatus, offers, accepted] = await Promise.all([
    db.referral.count({ where: { lenderOrgId } }),
    db.referral.groupBy({ by: ["status"], where: { lenderOrgId }, _count: { _all: true } }),
    db.offer.count({ where: { lenderOrgId } }),
    db.offer.count({ where: { lenderOrgId, status: "ACCEPTED" } }),
  ]);
  const offered = byStatus
    .filter((row) => row.status === "OFFERED")
    .reduce((sum, row) => sum + row._count._all, 0);
  return {
    referrals,
    byStatus: byStatus.map((row) => ({ status: row.status, count: row._count._all })),
    offerRate: referrals > 0 ? offered / referrals : null,
    offers,
    acceptanceRate: offers > 0 ? accepted / offers : null,
  };
}

export type MemberAction =
  | { intent: "change-role"; memberId: string; role: "ADMIN" | "UNDERWRITER" }
  | { intent: "set-active"; memberId: string; active: boolean };

/**
 * A member action from the admin's partner page or the lender admin's team page: "not-found" for
 * a member of another lender, a plain message for a refused change, or done.
 */
export async function applyMemberAction(
  db: Db,
  input: { lenderOrgId: string; action: MemberAction; actor: { id: string; role: string }; ip: string },
): Promise<{ outcome: "done" } | { outcome: "not-found" } | { outcome: "refused"; message: string }> {
  const change =
    input.action.intent === "change-role" ? { role: input.action.role } : { active: input.action.active };
  try {
    const updated = await updateLenderMember(db, {
      lenderOrgId: input.lenderOrgId,
      memberId: input.action.memberId,
      change,
      actor: input.actor,
      ip: input.ip,
    });
    return updated ? { outcome: "done" } : { outcome: "not-found" };
  } catch (error) {
    if (error instanceof LastLenderAdminError || error instanceof SelfMemberChangeError)
      return { outcome: "refused", message: error.message };
    throw error;
  }
}
