import { tryToUsdCents } from "~/domain/fx";
import { holdingApplicationText } from "~/domain/orders/financing";
import { orderHolds } from "~/domain/orders/financing.server";
import { OPEN_RECEIVABLE_STATUSES } from "~/domain/orders/orders";
import { loadFxTable } from "~/domain/orders/orders.server";
import { isEmbargoed, notFinanceableText } from "~/domain/sanctions/embargo";
import type { Db } from "~/utils/db.server";

/**
 * The merchant's open orders with their USD equivalents, for the application form. An order held
 * by a live application or a funded deal is listed as unavailable, with where it is; one to an
 * embargoed destination as not financeable.
 */
export async function openOrdersForApplication(db: Db, merchantId: string) {
  const [orders, rates, holds] = await Promise.all([
    db.exportOrder.findMany({
      where: { merchantId, status: { in: [...OPEN_RECEIVABLE_STATUSES] } },
      orderBy: { orderDate: "desc" },
      select: {
        id: true,
        poNumber: true,
        buyerName: true,
        buyerCountry: true,
        buyerRegion: true,
        amountCents: true,
        currency: true,
      },
    }),
    loadFxTable(db),
    orderHolds(db, { merchantId }),
  ]);
  return orders.map((o) => {
    const usd = tryToUsdCents(o.amountCents, o.currency, rates);
    const hold = holds.get(o.id);
    return {
      ...o,
      amountCents: o.amountCents.toString(),
      usdCents: usd === null ? null : usd.toString(),
      unavailable: isEmbargoed(o)
        ? { applicationId: null, reason: notFinanceableText(o) }
        : hold
          ? { applicationId: hold.applicationId, reason: `In ${holdingApplicationText(hold)}` }
          : null,
    };
  });
}
