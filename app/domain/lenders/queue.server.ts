// A lender's view of the applications referred to it. Always scoped by the lender's own org.
import type { Db } from "~/utils/db.server";

export async function lenderQueueSummary(db: Db, lenderOrgId: string) {
  const [org, grouped, activeProducts] = await Promise.all([
    db.lenderOrg.findUniqueOrThrow({ where: { id: lenderOrgId }, select: { status: true } }),
    db.referral.groupBy({ by: ["status"], where: { lenderOrgId }, _count: { _all: true } }),
    db.lenderProduct.count({ where: { lenderOrgId, status: "ACTIVE" } }),
  ]);
  const byStatus = grouped.map((row) => ({ status: row.status, count: row._count._all }));
  return {
    orgStatus: org.status,
    byStatus,
    total: byStatus.reduce((sum, row) => sum + row.count, 0),
    activeProducts,
  };
}

export const QUEUE_PAGE_SIZE = 25;

/** The lender's referrals, newest first, optionally of one status. */
export async function listReferrals(db: Db, lenderOrgId: string, filter: { status?: string; page: number }) {
  const where = { lenderOrgId, ...(filter.status ? { status: filter.status } : {}) };
  const [rows, total] = await Promise.all([
    db.referral.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        status: true,
        fitRank: true,
        createdAt: true,
        product: { select: { name: true } },
        application: {
          select: {
            requestedAmountCents: true,
            tenorDays: true,
            merchant: { select: { legalName: true } },
            scoreReport: { select: { score: true, grade: true } },
          },
        },
      },
    }),
    db.referral.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}
