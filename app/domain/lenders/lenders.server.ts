// Lender partners as admins and lender admins manage them.
import { settleApplication } from "~/domain/applications/settle.server";
import { REFERRAL_WORKFLOW } from "~/domain/applications/workflow";
import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { partnerApplicationRejectedEmail } from "~/domain/notifications/templates";
import { INFO_REQUEST_WORKFLOW } from "~/domain/referrals/workflow";
import { createInStatus, transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { activationRefusal, type LenderPartnerInput } from "./partners";
import { PARTNER_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;

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
    return await db.$transaction((tx) =>
      createInStatus(tx, PARTNER_WORKFLOW, {
        status: "PENDING",
        data: {
          name: partner.name,
          contactName: partner.contactName,
          contactEmail: partner.contactEmail,
          contactPhone: partner.contactPhone ?? null,
          website: partner.website ?? null,
          statesLicensed: partner.statesLicensed.join(","),
          description: partner.description ?? null,
          addressLine1: partner.addressLine1 ?? null,
          addressLine2: partner.addressLine2 ?? null,
          city: partner.city ?? null,
          addressState: partner.addressState ?? null,
          postalCode: partner.postalCode ?? null,
          regulatorType: partner.regulatorType,
        },
        actor: input.actor,
        ip: input.ip,
        action: "lender.partner_created",
        summary: { name: partner.name, contactEmail: partner.contactEmail },
      }),
    );
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
      appliedAt: true,
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
      addressLine1: true,
      addressLine2: true,
      city: true,
      addressState: true,
      postalCode: true,
      regulatorType: true,
      appliedAt: true,
      productsOfInterest: true,
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
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string };

/** Why a referral was withdrawn when its partner was suspended (Referral.statusReason). */
export const PARTNER_SUSPENDED_REASON = "PARTNER_SUSPENDED";

/** Referral statuses a suspension withdraws: the lender is still deciding and has no pending offer. */
const WITHDRAWN_ON_SUSPENSION = ["NEW", "IN_REVIEW", "INFO_REQUESTED"] as const;

/**
 * Activates, suspends, reactivates or rejects (a pending one) a partner through its table
 * (docs/design/workflows.md).
 * Suspending stops new referrals (matching only uses active partners) and, in the same
 * transaction, withdraws every referral the partner is still deciding on without a pending offer,
 * cancels their open requests for information, and settles each application concerned (matched
 * again to other lenders, or ended with its notice). Pending offers stay valid: the merchant may
 * still accept them, and is told the partnership is suspended.
 */
export async function changePartnerStatus(
  db: Db,
  input: {
    lenderOrgId: string;
    to: "ACTIVE" | "SUSPENDED" | "REJECTED";
    reason?: string;
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<PartnerStatusOutcome> {
  return db.$transaction(async (tx) => {
    const org = await tx.lenderOrg.findUnique({
      where: { id: input.lenderOrgId },
      select: {
        status: true,
        statusReason: true,
        name: true,
        contactName: true,
        contactEmail: true,
        appliedAt: true,
        addressLine1: true,
        city: true,
        addressState: true,
        postalCode: true,
      },
    });
    if (!org) return { ok: false, reason: "not-found" };
    const refusal = input.to === "ACTIVE" ? activationRefusal(org) : null;
    if (refusal) return { ok: false, reason: "conflict", message: refusal };
    const suspending = input.to === "SUSPENDED";
    const reason = input.to === "ACTIVE" ? null : (input.reason ?? null);
    const moved = await transition(tx, PARTNER_WORKFLOW, {
      id: input.lenderOrgId,
      to: input.to,
      data: { statusReason: reason },
      actor: input.actor,
      ip: input.ip,
      action: suspending
        ? "lender.partner_suspended"
        : input.to === "REJECTED"
          ? "lender.partner_rejected"
          : org.status === "SUSPENDED"
            ? "lender.partner_reactivated"
            : "lender.partner_activated",
      summary: { reason: { before: org.statusReason, after: reason } },
    });
    if (!moved.ok)
      return moved.reason === "not-found" ? moved : { ok: false, reason: "conflict", message: moved.message };
    // An organisation that applied through the public form hears the answer; an admin-added one
    // was never told it applied.
    if (input.to === "REJECTED" && org.appliedAt)
      await enqueueEmail(tx, {
        to: org.contactEmail,
        template: partnerApplicationRejectedEmail({ contactName: org.contactName, organisation: org.name }),
      });
    if (!suspending) return { ok: true, withdrawnReferrals: 0 };
    const withdrawn = await withdrawUndecidedReferrals(tx, {
      lenderOrgId: input.lenderOrgId,
      actor: input.actor,
      ip: input.ip,
    });
    return { ok: true, withdrawnReferrals: withdrawn };
  });
}

async function withdrawUndecidedReferrals(
  tx: Tx,
  input: { lenderOrgId: string; actor: { id: string; role: string }; ip: string },
): Promise<number> {
  const referrals = await tx.referral.findMany({
    where: {
      lenderOrgId: input.lenderOrgId,
      status: { in: [...WITHDRAWN_ON_SUSPENSION] },
      offers: { none: { status: "PENDING" } },
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      applicationId: true,
      infoRequests: { where: { status: "OPEN" }, select: { id: true } },
    },
  });
  const now = new Date();
  const applications = new Set<string>();
  let withdrawn = 0;
  for (const referral of referrals) {
    const moved = await transition(tx, REFERRAL_WORKFLOW, {
      id: referral.id,
      from: WITHDRAWN_ON_SUSPENSION,
      to: "WITHDRAWN",
      data: { statusReason: PARTNER_SUSPENDED_REASON, decidedAt: now },
      actor: input.actor,
      ip: input.ip,
      action: "referral.withdrawn",
      summary: {
        reason: PARTNER_SUSPENDED_REASON,
        lenderOrgId: input.lenderOrgId,
        applicationId: referral.applicationId,
      },
    });
    if (!moved.ok) continue;
    withdrawn += 1;
    for (const request of referral.infoRequests) {
      await transition(tx, INFO_REQUEST_WORKFLOW, {
        id: request.id,
        from: ["OPEN"],
        to: "CANCELLED",
        actor: input.actor,
        ip: input.ip,
        summary: { reason: PARTNER_SUSPENDED_REASON, referralId: referral.id },
      });
    }
    applications.add(referral.applicationId);
  }
  for (const applicationId of applications) {
    await settleApplication(tx, { applicationId, actor: input.actor, ip: input.ip });
  }
  return withdrawn;
}

/** A partner's status, for pages that say what a suspended partner's people can still do. */
export async function partnerStatus(db: Db, lenderOrgId: string) {
  return db.lenderOrg.findUnique({
    where: { id: lenderOrgId },
    select: { status: true, statusReason: true },
  });
}

export class PartnerSuspendedError extends Error {
  constructor(what: string) {
    super(`Your partnership with TradeLift is suspended: ${what} until it is reactivated.`);
    this.name = "PartnerSuspendedError";
  }
}

/**
 * Refuses, inside the caller's transaction, an action a suspended partner's people may not take
 * (`what` completes "…is suspended: you cannot …"). Reading the status in the same transaction
 * as the change means a suspension that commits first is always seen.
 */
export async function assertPartnerNotSuspended(tx: Tx, lenderOrgId: string, what: string): Promise<void> {
  const org = await tx.lenderOrg.findUnique({ where: { id: lenderOrgId }, select: { status: true } });
  if (org?.status === "SUSPENDED") throw new PartnerSuspendedError(what);
}

/** A partner's details an edit may change, compared before and after in its audit event. */
const PARTNER_DETAILS = [
  "name",
  "contactName",
  "contactEmail",
  "contactPhone",
  "website",
  "statesLicensed",
  "description",
  "addressLine1",
  "addressLine2",
  "city",
  "addressState",
  "postalCode",
  "regulatorType",
] as const;

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
        select: Object.fromEntries(PARTNER_DETAILS.map((field) => [field, true])) as Record<
          (typeof PARTNER_DETAILS)[number],
          true
        >,
      });
      if (!existing) return false;
      const { partner } = input;
      const data = {
        name: partner.name,
        contactName: partner.contactName,
        contactEmail: partner.contactEmail,
        contactPhone: partner.contactPhone ?? null,
        website: partner.website ?? null,
        statesLicensed: partner.statesLicensed.join(","),
        description: partner.description ?? null,
        addressLine1: partner.addressLine1 ?? null,
        addressLine2: partner.addressLine2 ?? null,
        city: partner.city ?? null,
        addressState: partner.addressState ?? null,
        postalCode: partner.postalCode ?? null,
        regulatorType: partner.regulatorType,
      };
      await tx.lenderOrg.update({ where: { id: input.lenderOrgId }, data });
      await recordAudit(tx, {
        actor: input.actor,
        action: "lender.partner_updated",
        entityType: "LenderOrg",
        entityId: input.lenderOrgId,
        summary: { changed: changedFields(PARTNER_DETAILS, existing, data) },
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
