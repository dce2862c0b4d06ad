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

export type QueueFilter = {
  status?: string;
  productId?: string;
  minAmountCents?: number;
  maxAmountCents?: number;
  grade?: string;
  buyerCountry?: string;
  maxAgeDays?: number;
  assignee?: "me" | "unassigned";
  sort: "newest" | "oldest" | "amount" | "score";
  page: number;
};

const SORTS = {
  newest: [{ createdAt: "desc" as const }, { id: "asc" as const }],
  oldest: [{ createdAt: "asc" as const }, { id: "asc" as const }],
  amount: [{ application: { requestedAmountCents: "desc" as const } }, { id: "asc" as const }],
  score: [{ application: { scoreReport: { score: "desc" as const } } }, { id: "asc" as const }],
};

/** The lender's referrals, filtered, sorted and paginated; always scoped to the lender's org. */
export async function listReferrals(
  db: Db,
  lenderOrgId: string,
  filter: QueueFilter,
  actorId?: string,
  now: Date = new Date(),
) {
  const where = {
    lenderOrgId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.productId ? { lenderProductId: filter.productId } : {}),
    ...(filter.maxAgeDays
      ? { createdAt: { gte: new Date(now.getTime() - filter.maxAgeDays * 86_400_000) } }
      : {}),
    ...(filter.assignee === "me" && actorId
      ? { assigneeId: actorId }
      : filter.assignee === "unassigned"
        ? { assigneeId: null }
        : {}),
    application: {
      ...(filter.minAmountCents !== undefined || filter.maxAmountCents !== undefined
        ? {
            requestedAmountCents: {
              ...(filter.minAmountCents !== undefined ? { gte: filter.minAmountCents } : {}),
              ...(filter.maxAmountCents !== undefined ? { lte: filter.maxAmountCents } : {}),
            },
          }
        : {}),
      ...(filter.grade ? { scoreReport: { grade: filter.grade } } : {}),
      ...(filter.buyerCountry
        ? { orders: { some: { exportOrder: { buyerCountry: filter.buyerCountry } } } }
        : {}),
    },
  };
  const [rows, total, products, members] = await Promise.all([
    db.referral.findMany({
      where,
      orderBy: SORTS[filter.sort],
      skip: (filter.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        status: true,
        fitRank: true,
        createdAt: true,
        assignee: { select: { name: true } },
        product: { select: { name: true } },
        application: {
          select: {
            requestedAmountCents: true,
            tenorDays: true,
            merchant: { select: { legalName: true } },
            scoreReport: { select: { score: true, grade: true } },
            orders: { select: { exportOrder: { select: { buyerCountry: true } } } },
          },
        },
      },
    }),
    db.referral.count({ where }),
    db.lenderProduct.findMany({
      where: { lenderOrgId },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.lenderMember.findMany({
      where: { lenderOrgId, deactivatedAt: null },
      select: { userId: true, user: { select: { name: true } } },
    }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)), products, members };
}
