// Reads which of a merchant's orders are held by a live application or a funded deal.
import type { Db, Prisma } from "~/utils/db.server";
import { HOLDING_APPLICATION_STATUSES, type OrderHold } from "./financing";

type Reader = Db | Prisma.TransactionClient;

/**
 * The holds on a merchant's orders (all of them, or those given), leaving out one application
 * (the one being submitted). An order has at most one hold; should two exist, the first is kept.
 */
export async function orderHolds(
  db: Reader,
  input: { merchantId: string; orderIds?: readonly string[]; exceptApplicationId?: string },
): Promise<Map<string, OrderHold>> {
  if (input.orderIds && input.orderIds.length === 0) return new Map();
  const rows = await db.applicationOrder.findMany({
    where: {
      ...(input.orderIds ? { exportOrderId: { in: [...input.orderIds] } } : {}),
      exportOrder: { merchantId: input.merchantId },
      application: {
        merchantId: input.merchantId,
        status: { in: [...HOLDING_APPLICATION_STATUSES] },
        ...(input.exceptApplicationId ? { id: { not: input.exceptApplicationId } } : {}),
      },
    },
    orderBy: [{ createdAt: "asc" }, { applicationId: "asc" }],
    select: {
      exportOrder: { select: { id: true, poNumber: true } },
      application: { select: { id: true, status: true, requestedAmountCents: true, submittedAt: true } },
    },
  });
  const holds = new Map<string, OrderHold>();
  for (const row of rows) {
    if (holds.has(row.exportOrder.id)) continue;
    holds.set(row.exportOrder.id, {
      orderId: row.exportOrder.id,
      poNumber: row.exportOrder.poNumber,
      applicationId: row.application.id,
      status: row.application.status,
      requestedAmountCents: row.application.requestedAmountCents,
      submittedAt: row.application.submittedAt,
    });
  }
  return holds;
}

/** Whether an order was ever in a submitted application (drafts aside): then it stays on record. */
export async function everSubmitted(db: Reader, merchantId: string, orderId: string): Promise<boolean> {
  const count = await db.applicationOrder.count({
    where: {
      exportOrderId: orderId,
      exportOrder: { merchantId },
      application: { status: { notIn: ["DRAFT", "DISCARDED"] } },
    },
  });
  return count > 0;
}
