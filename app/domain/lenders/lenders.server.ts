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
        select: { id: true, role: true, deactivatedAt: true, user: { select: { name: true, email: true } } },
      },
      invitations: {
        where: { acceptedAt: null, revokedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, name: true, email: true, lenderRole: true, expiresAt: true },
      },
    },
  });
}
