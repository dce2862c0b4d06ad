import { tryToUsdCents } from "~/domain/fx";
import { holdingApplicationText } from "~/domain/orders/financing";
import { orderHolds } from "~/domain/orders/financing.server";
import { OPEN_RECEIVABLE_STATUSES } from "~/domain/orders/orders";
import { loadFxTable } from "~/domain/orders/orders.server";
import { isEmbargoed, notFinanceableText } from "~/domain/sanctions/embargo";
import { containsText, type Db } from "~/utils/db.server";

/** Orders per page of the application form's picker: a page stays light with 20,000 orders on file. */
export const ORDER_PICKER_PAGE_SIZE = 25;

/**
 * The application form's order picker: the orders already chosen (always shown, whatever the
 * search), then one page of the other open orders, newest first, matching the search on the PO
 * number or the buyer's name. Only the orders shown are converted and checked for holds.
 */
export async function orderPicker(
  db: Db,
  merchantId: string,
  input: { query?: string; page?: number; selectedIds?: readonly string[] },
) {
  const query = (input.query ?? "").trim().slice(0, 100);
  const selectedIds = [...new Set(input.selectedIds ?? [])].slice(0, 500);
  const open = { merchantId, status: { in: [...OPEN_RECEIVABLE_STATUSES] } };
  const matching = {
    ...open,
    id: { notIn: selectedIds },
    ...(query ? { OR: [{ poNumber: containsText(query) }, { buyerName: containsText(query) }] } : {}),
  };
  const total = await db.exportOrder.count({ where: matching });
  const pageCount = Math.max(1, Math.ceil(total / ORDER_PICKER_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pageCount);
  const select = {
    id: true,
    poNumber: true,
    buyerName: true,
    buyerCountry: true,
    buyerRegion: true,
    amountCents: true,
    currency: true,
  } as const;
  const [selected, results, rates, holds] = await Promise.all([
    selectedIds.length > 0
      ? db.exportOrder.findMany({
          where: { ...open, id: { in: selectedIds } },
          orderBy: { orderDate: "desc" },
          select,
        })
      : Promise.resolve([]),
    db.exportOrder.findMany({
      where: matching,
      orderBy: [{ orderDate: "desc" }, { id: "asc" }],
      skip: (page - 1) * ORDER_PICKER_PAGE_SIZE,
      take: ORDER_PICKER_PAGE_SIZE,
      select,
    }),
    loadFxTable(db),
    orderHolds(db, { merchantId }),
  ]);
  // Each order with its USD equivalent; one held by a live application or a funded deal is listed
  // as unavailable, with where it is, and one to an embargoed destination as not financeable.
  const shown = (o: (typeof results)[number]) => {
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
  };
  return {
    selected: selected.map(shown),
    results: results.map(shown),
    total,
    page,
    pageCount,
    query,
  };
}

export type OrderPickerData = Awaited<ReturnType<typeof orderPicker>>;

/** The picker's search and page from a page's address (?orderQ=…&orderPage=…); anything odd is page 1. */
export function pickerParams(url: URL): { query: string; page: number } {
  const page = Number.parseInt(url.searchParams.get("orderPage") ?? "1", 10);
  return { query: url.searchParams.get("orderQ") ?? "", page: Number.isFinite(page) && page > 0 ? page : 1 };
}
