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
