import { tryToUsdCents } from "~/domain/fx";
import { OPEN_RECEIVABLE_STATUSES } from "~/domain/orders/orders";
import { loadFxTable } from "~/domain/orders/orders.server";
import type { Db } from "~/utils/db.server";

/** The merchant's open orders with their USD equivalents, for the application form. */
export async function openOrdersForApplication(db: Db, merchantId: string) {
  const [orders, rates] = await Promise.all([
    db.exportOrder.findMany({
      where: { merchantId, status: { in: [...OPEN_RECEIVABLE_STATUSES] } },
      orderBy: { orderDate: "desc" },
      select: {
        id: true,
        poNumber: true,
        buyerName: true,
        buyerCountry: true,
        amountCents: true,
        currency: true,
      },
    }),
    loadFxTable(db),
  ]);
  return orders.map((o) => {
    const usd = tryToUsdCents(o.amountCents, o.currency, rates);
    return { ...o, amountCents: o.amountCents.toString(), usdCents: usd === null ? null : usd.toString() };
  });
}
