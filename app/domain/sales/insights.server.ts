// What the "Sales & orders" page shows: monthly revenue from the bank and the marketplaces,
// expected receivables from export orders, and the largest payers.
import { bankTransactionsBetween } from "~/domain/bank/bank.server";
import { lastMonths, monthlyRevenue, topPayers } from "~/domain/bank/revenue";
import { tryToUsdCents } from "~/domain/fx";
import { expectedPaymentDate, OPEN_RECEIVABLE_STATUSES } from "~/domain/orders/orders";
import { loadFxTable } from "~/domain/orders/orders.server";
import type { Db } from "~/utils/db.server";
import type { SalesChannel } from "./sales";

const DAY = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function salesInsights(db: Db, merchantId: string, today: Date) {
  const asOf = isoDay(today);
  const months = lastMonths(asOf, 24);
  const since = new Date(`${months[0]}-01T00:00:00.000Z`);
  const [bank, sales, orders, rates] = await Promise.all([
    bankTransactionsBetween(db, {
      merchantId,
      from: new Date(since.getTime() - 7 * DAY),
      to: today,
      depositoryOnly: true,
      postedOnly: true,
    }),
    db.salesRecord.findMany({
      where: { merchantId, periodStart: { gte: since } },
      select: { channel: true, periodStart: true, netCents: true, currency: true },
    }),
    db.exportOrder.findMany({
      where: { merchantId, status: { in: [...OPEN_RECEIVABLE_STATUSES] } },
      select: {
        buyerCountry: true,
        amountCents: true,
        currency: true,
        orderDate: true,
        expectedShipDate: true,
        invoiceDate: true,
        paymentTermDays: true,
      },
    }),
    loadFxTable(db),
  ]);

  const bankByMonth = monthlyRevenue(bank, months);

  const channels = new Set<SalesChannel>();
  const salesByMonth = new Map<string, Map<string, number>>();
  const salesWithoutRate = new Set<string>();
  for (const record of sales) {
    const usd = tryToUsdCents(record.netCents, record.currency, rates);
    if (usd === null) {
      salesWithoutRate.add(record.currency);
      continue;
    }
    const month = isoDay(record.periodStart).slice(0, 7);
    const row = salesByMonth.get(month) ?? new Map<string, number>();
    row.set(record.channel, (row.get(record.channel) ?? 0) + Number(usd));
    salesByMonth.set(month, row);
    channels.add(record.channel as SalesChannel);
  }

  const revenue = months.map((month) => ({
    month,
    bankCents: bankByMonth.get(month) ?? 0,
    channels: Object.fromEntries([...channels].map((c) => [c, salesByMonth.get(month)?.get(c) ?? 0])),
  }));

  // Receivables: overdue, then the next six months of expected payments, in USD, by buyer country.
  const receivableMonths = [
    "Overdue",
    ...lastMonths(isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 5, 1))), 6),
  ];
  const countries = new Set<string>();
  const receivables = new Map<string, Map<string, number>>();
  const ordersWithoutRate = new Set<string>();
  let laterCents = 0;
  for (const order of orders) {
    const usd = tryToUsdCents(order.amountCents, order.currency, rates);
    if (usd === null) {
      ordersWithoutRate.add(order.currency);
      continue;
    }
    const due = expectedPaymentDate(order);
    const bucket = due < today ? "Overdue" : isoDay(due).slice(0, 7);
    if (!receivableMonths.includes(bucket)) {
      laterCents += Number(usd);
      continue;
    }
    const row = receivables.get(bucket) ?? new Map<string, number>();
    row.set(order.buyerCountry, (row.get(order.buyerCountry) ?? 0) + Number(usd));
    receivables.set(bucket, row);
    countries.add(order.buyerCountry);
  }

  const payers = topPayers(bank, isoDay(new Date(today.getTime() - 365 * DAY)), asOf);
  const firstDate = bank.reduce<string | null>(
    (min, t) => (min === null || t.date < min ? t.date : min),
    null,
  );
  return {
    asOf,
    revenue,
    channels: [...channels].sort(),
    hasBank: bank.length > 0,
    hasSales: sales.length > 0,
    firstBankDate: firstDate,
    receivables: receivableMonths.map((month) => ({
      month,
      countries: Object.fromEntries([...countries].map((c) => [c, receivables.get(month)?.get(c) ?? 0])),
    })),
    receivableCountries: [...countries].sort(),
    laterReceivablesCents: laterCents,
    openOrders: orders.length,
    payers: payers.payers,
    payersTotalCents: payers.totalCents,
    missingRates: [...new Set([...salesWithoutRate, ...ordersWithoutRate])].sort(),
  };
}
