// Lender partners as admins and lender admins manage them.
import { recordAudit } from "~/domain/audit/audit.server";
import type { Db } from "~/utils/db.server";
import type { LenderPartnerInput } from "./partners";

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
