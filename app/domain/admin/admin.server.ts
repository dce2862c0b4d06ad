// What platform staff see across the marketplace.
import type { Db } from "~/utils/db.server";

export async function platformCounts(db: Db) {
  const [
    partners,
    activePartners,
    products,
    activeProducts,
    merchants,
    completeProfiles,
    users,
    admins,
    lenderUsers,
    merchantUsers,
    applications,
    submittedApplications,
    pendingEmails,
  ] = await Promise.all([
    db.lenderOrg.count(),
    db.lenderOrg.count({ where: { status: "ACTIVE" } }),
    db.lenderProduct.count(),
    db.lenderProduct.count({ where: { status: "ACTIVE" } }),
    db.merchant.count(),
    db.merchant.count({ where: { profileCompletedAt: { not: null } } }),
    db.user.count(),
    db.user.count({ where: { role: "ADMIN" } }),
    db.user.count({ where: { role: "LENDER" } }),
    db.user.count({ where: { role: "MERCHANT" } }),
    db.application.count(),
    db.application.count({ where: { status: { not: "DRAFT" } } }),
    db.outboxEmail.count({ where: { status: "PENDING" } }),
  ]);
  return {
    partners,
    activePartners,
    products,
    activeProducts,
    merchants,
    completeProfiles,
    users,
    admins,
    lenderUsers,
    merchantUsers,
    applications,
    submittedApplications,
    pendingEmails,
  };
}

export async function listUsers(db: Db, options: { role?: string; take?: number } = {}) {
  return db.user.findMany({
    where: options.role ? { role: options.role } : {},
    orderBy: { createdAt: "desc" },
    take: options.take ?? 200,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      lockedUntil: true,
      deactivatedAt: true,
      createdAt: true,
      merchantMember: { select: { merchant: { select: { legalName: true } } } },
      lenderMember: { select: { role: true, lenderOrg: { select: { id: true, name: true } } } },
    },
  });
}

export async function listOutbox(db: Db, take = 100) {
  return db.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      status: true,
      attempts: true,
      sentAt: true,
      createdAt: true,
    },
  });
}

export type AuditFilter = { actorEmail?: string; entityType?: string; from?: Date; to?: Date; take?: number };

export async function listAuditEvents(db: Db, filter: AuditFilter = {}) {
  return db.auditEvent.findMany({
    where: {
      ...(filter.actorEmail ? { actor: { email: { contains: filter.actorEmail } } } : {}),
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.from || filter.to
        ? {
            createdAt: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lt: filter.to } : {}),
            },
          }
        : {}),
    },
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 100,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      summaryJson: true,
      ip: true,
      createdAt: true,
      actorRole: true,
      actor: { select: { name: true, email: true } },
    },
  });
}
