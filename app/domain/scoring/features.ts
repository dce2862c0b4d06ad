// The features of the Trade Readiness Score, computed from plain data for a given as-of date
// (docs/design/scoring.md, features). Pure: no database, no clock, no environment.
import { type BankTxn, classifyInflowsIndexed, dayNumber, lastMonths, monthOf } from "~/domain/bank/revenue";
import { type FxRate, fxTable, toUsdCents } from "~/domain/fx";
import { monthsInBusiness } from "~/domain/merchants/profile";
import { pricingOecdCategory } from "~/domain/reference/countries";

export type ScoringAccount = {
  id: string;
  type: string;
  currentBalanceCents: number | null;
  currency: string;
};
export type ScoringSale = { periodStart: string; netMinor: bigint; currency: string; channel: string };
export type ScoringOrder = {
  id: string;
  buyerName: string;
  buyerCountry: string;
  amountMinor: bigint;
  currency: string;
  orderDate: string;
  expectedShipDate: string | null;
  invoiceDate: string | null;
  paymentTerm: string;
  paymentTermDays: number;
  status: string;
};

export type ScoringInput = {
  /** YYYY-MM-DD: the day the score describes. */
  asOf: string;
  accounts: readonly ScoringAccount[];
  transactions: readonly BankTxn[];
  sales: readonly ScoringSale[];
  orders: readonly ScoringOrder[];
  /** Months in business count from the 1st of the founding month; either missing, unknown. */
  profile: { yearFounded: number | null; monthFounded: number | null };
  fxRates: readonly FxRate[];
};

export type Features = {
  monthsOfHistory: number;
  revenueSource: "bank" | "marketplace" | "none";
  revenueMonths: number;
  avgMonthlyRevenueCents: number;
  revenueTrend: number | null;
  revenueCv: number | null;
  seasonality: number[] | null;
  nsfEvents90d: number;
  negativeBalanceDays90d: number;
  averageDailyBalanceCents: number;
  averageDailyOutflowCents: number;
  daysOfCash: number | null;
  debtServiceRatio: number | null;
  topPayerShare: number | null;
  payerHhi: number | null;
  openReceivablesUsdCents: number;
  oecdCategoryShares: Record<string, number>;
  weightedOecdCategory: number | null;
  paymentTermShares: Record<string, number>;
  paymentTermPoints: number | null;
  weightedTenorDays: number | null;
  largestBuyerShare: number | null;
  openOrdersToMonthlyRevenue: number | null;
  buyersSeenPaying: number;
  buyersWithOpenOrders: number;
  yearsInBusiness: number | null;
};

const DAY = 86_400_000;
const DEPOSITORY = "depository";
const NSF_CATEGORIES = new Set(["BANK_FEES_INSUFFICIENT_FUNDS", "BANK_FEES_OVERDRAFT_FEES"]);
const OPEN_STATUSES = new Set(["OPEN", "SHIPPED", "INVOICED"]);
export const PAYMENT_TERM_POINTS: Record<string, number> = {
  CASH_IN_ADVANCE: 25,
  LETTER_OF_CREDIT: 20,
  DOC_COLLECTION_DP: 12,
  DOC_COLLECTION_DA: 8,
  OPEN_ACCOUNT: 0,
  CONSIGNMENT: 0,
};
/** Buyer countries the OECD file does not price are treated as its worst category. */
export const UNKNOWN_COUNTRY_CATEGORY = 7;

function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function populationSd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

function tokens(name: string): string[] {
  const stop = new Set([
    "CO",
    "LTD",
    "INC",
    "LLC",
    "KK",
    "JSC",
    "PVT",
    "PTE",
    "SDN",
    "BHD",
    "CORP",
    "COMPANY",
    "LIMITED",
    "THE",
    "AND",
    "OF",
  ]);
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((t) => t.length > 1 && !stop.has(t));
}

/** A payer matches a buyer when the payer's name holds the buyer's first two significant words. */
export function sameParty(buyer: string, payer: string): boolean {
  const wanted = tokens(buyer).slice(0, 2);
  if (wanted.length === 0) return false;
  const have = new Set(tokens(payer));
  return wanted.every((t) => have.has(t));
}

export function computeFeatures(input: ScoringInput): Features {
  const asOfDay = dayNumber(input.asOf);
  const rates = fxTable(input.fxRates);
  const depository = new Map(
    input.accounts.filter((a) => a.type === DEPOSITORY && a.currency === "USD").map((a) => [a.id, a]),
  );
  // Posted transactions on USD depository accounts up to the as-of date. Every figure below is a
  // sum of integers or a count, so the order they come in does not matter.
  const txns: BankTxn[] = [];
  const days: number[] = [];
  let firstBankDay: number | null = null;
  for (const t of input.transactions) {
    if (t.pending || !depository.has(t.accountId)) continue;
    const day = dayNumber(t.date);
    if (day > asOfDay) continue;
    txns.push(t);
    days.push(day);
    if (firstBankDay === null || day < firstBankDay) firstBankDay = day;
  }

  // ── history ──
  const salesDays = input.sales.map((s) => dayNumber(s.periodStart)).filter((d) => d <= asOfDay);
  const firstSalesDay = salesDays.length > 0 ? Math.min(...salesDays) : null;
  const revenueSource: Features["revenueSource"] =
    txns.length > 0 ? "bank" : firstSalesDay !== null ? "marketplace" : "none";
  const firstDay = revenueSource === "bank" ? firstBankDay : firstSalesDay;
  // Calendar months from the first month with data to the as-of month (730 days of Plaid history
  // is 24 months).
  const monthIndex = (day: number) => {
    const d = new Date(day * DAY);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const monthsOfHistory = firstDay === null ? 0 : Math.max(0, monthIndex(asOfDay) - monthIndex(firstDay));

  // ── revenue by month: the last 12 complete months (at least 6), from the first month on ──
  const completeMonths = lastMonths(dayString(asOfDay - new Date(asOfDay * DAY).getUTCDate()), 24);
  // A month counts only when the history covers it from its first day.
  const covered = completeMonths.filter((m) => firstDay !== null && `${m}-01` >= dayString(firstDay));
  const revenueByMonth = new Map(covered.map((m) => [m, 0]));
  const kinds = classifyInflowsIndexed(txns);
  if (revenueSource === "bank") {
    for (let i = 0; i < txns.length; i++) {
      if (kinds[i] !== "revenue") continue;
      const t = txns[i] as BankTxn;
      const m = monthOf(t.date);
      const total = revenueByMonth.get(m);
      if (total !== undefined) revenueByMonth.set(m, total + t.amountCents);
    }
  } else if (revenueSource === "marketplace") {
    for (const sale of input.sales) {
      const m = monthOf(sale.periodStart);
      const total = revenueByMonth.get(m);
      if (total !== undefined)
        revenueByMonth.set(m, total + Number(toUsdCents(sale.netMinor, sale.currency, rates)));
    }
  }
  const series = covered.map((m) => revenueByMonth.get(m) ?? 0);
  const last12 = series.slice(-12);
  const avgMonthlyRevenueCents = Math.round(mean(last12));
  const last3 = series.slice(-3).reduce((a, b) => a + b, 0);
  const prev3 = series.slice(-6, -3).reduce((a, b) => a + b, 0);
  const revenueTrend = series.length >= 6 && prev3 > 0 ? last3 / prev3 - 1 : null;
  const revenueCv =
    last12.length >= 6 && avgMonthlyRevenueCents > 0 ? populationSd(last12) / mean(last12) : null;
  let seasonality: number[] | null = null;
  // Needs two years of history; each calendar month averages the complete months it has.
  if (monthsOfHistory >= 24 && series.length >= 12 && mean(series) > 0) {
    const overall = mean(series);
    seasonality = Array.from({ length: 12 }, (_, k) => {
      const values = covered
        .map((m, i) => (Number(m.slice(5, 7)) - 1 === k ? (series[i] ?? 0) : null))
        .filter((v): v is number => v !== null);
      return values.length === 0 ? 1 : Math.round((mean(values) / overall) * 1000) / 1000;
    });
  }

  // ── the last 90 days: NSF events, daily balances rebuilt backwards, outflows ──
  const windowStart = asOfDay - 89;
  let nsfEvents90d = 0;
  const netByAccountDay = new Map<string, Map<number, number>>();
  let outflow90 = 0;
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i] as BankTxn;
    const day = days[i] as number;
    if (day < windowStart) continue;
    if (NSF_CATEGORIES.has(t.categoryDetailed ?? "")) nsfEvents90d += 1;
    const perDay = netByAccountDay.get(t.accountId) ?? new Map<number, number>();
    perDay.set(day, (perDay.get(day) ?? 0) + t.amountCents);
    netByAccountDay.set(t.accountId, perDay);
    if (t.amountCents < 0 && (t.categoryPrimary ?? "") !== "TRANSFER_OUT") outflow90 += -t.amountCents;
  }
  const negativeDays = new Set<number>();
  const totalByDay = new Array<number>(90).fill(0);
  for (const account of depository.values()) {
    if (account.currentBalanceCents === null) continue;
    const perDay = netByAccountDay.get(account.id);
    // End of the as-of day is the current balance; end of day d−1 = end of day d − day d's net flow.
    let balance = account.currentBalanceCents;
    for (let day = asOfDay; day >= windowStart; day--) {
      totalByDay[day - windowStart] = (totalByDay[day - windowStart] ?? 0) + balance;
      if (balance < 0) negativeDays.add(day);
      balance -= perDay?.get(day) ?? 0;
    }
  }
  const hasBalances = [...depository.values()].some((a) => a.currentBalanceCents !== null);
  const averageDailyBalanceCents = hasBalances ? Math.round(mean(totalByDay)) : 0;
  const averageDailyOutflowCents = Math.round(outflow90 / 90);
  const daysOfCash = !hasBalances
    ? null
    : averageDailyOutflowCents > 0
      ? averageDailyBalanceCents / averageDailyOutflowCents
      : averageDailyBalanceCents > 0
        ? 365
        : 0;

  // ── debt service and payers over the last 12 months ──
  const yearStart = asOfDay - 364;
  let revenue12 = 0;
  let debt12 = 0;
  const byPayer = new Map<string, number>();
  const recurring = new Map<string, { months: Set<string>; amount: number }>();
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i] as BankTxn;
    const day = days[i] as number;
    if (day < yearStart) continue;
    if (kinds[i] === "revenue") {
      revenue12 += t.amountCents;
      const payer = (t.counterparty ?? t.name).trim().toUpperCase() || "UNKNOWN";
      byPayer.set(payer, (byPayer.get(payer) ?? 0) + t.amountCents);
    }
    if (t.amountCents >= 0) continue;
    const detailed = t.categoryDetailed ?? "";
    if ((t.categoryPrimary ?? "") === "LOAN_PAYMENTS" && detailed !== "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT") {
      debt12 += -t.amountCents;
    } else if ((t.categoryPrimary ?? "") === "TRANSFER_OUT" && detailed !== "TRANSFER_OUT_ACCOUNT_TRANSFER") {
      // Recurring fixed debits to one payee (a loan serviced by transfer): same payee and amount.
      const key = `${(t.counterparty ?? t.name).toUpperCase()}|${t.amountCents}`;
      const entry = recurring.get(key) ?? { months: new Set<string>(), amount: -t.amountCents };
      entry.months.add(monthOf(t.date));
      recurring.set(key, entry);
    }
  }
  for (const entry of recurring.values())
    if (entry.months.size >= 3) debt12 += entry.amount * entry.months.size;
  const debtServiceRatio =
    revenue12 > 0 ? debt12 / revenue12 : debt12 > 0 ? 1 : revenueSource === "marketplace" ? 0 : null;
  const shares = revenue12 > 0 ? [...byPayer.values()].map((v) => v / revenue12) : [];
  const topPayerShare = shares.length > 0 ? Math.max(...shares) : null;
  const payerHhi = shares.length > 0 ? shares.reduce((sum, s) => sum + s * s, 0) : null;

  // ── open export orders ──
  const open = input.orders.filter((o) => OPEN_STATUSES.has(o.status));
  let openUsd = 0;
  let categoryWeighted = 0;
  let termWeighted = 0;
  let tenorWeighted = 0;
  const byCategory: Record<string, number> = {};
  const byTerm: Record<string, number> = {};
  const byBuyer = new Map<string, number>();
  for (const order of open) {
    const usd = Number(toUsdCents(order.amountMinor, order.currency, rates));
    openUsd += usd;
    const category = pricingOecdCategory(order.buyerCountry) ?? UNKNOWN_COUNTRY_CATEGORY;
    byCategory[String(category)] = (byCategory[String(category)] ?? 0) + usd;
    categoryWeighted += category * usd;
    byTerm[order.paymentTerm] = (byTerm[order.paymentTerm] ?? 0) + usd;
    termWeighted += (PAYMENT_TERM_POINTS[order.paymentTerm] ?? 0) * usd;
    const from = order.invoiceDate ?? order.expectedShipDate ?? order.orderDate;
    const due = dayNumber(from) + order.paymentTermDays;
    tenorWeighted += Math.max(0, due - asOfDay) * usd;
    const buyer = order.buyerName.trim().toUpperCase();
    byBuyer.set(buyer, (byBuyer.get(buyer) ?? 0) + usd);
  }
  const share = (record: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(record).map(([k, v]) => [
        k,
        openUsd > 0 ? Math.round((v / openUsd) * 10_000) / 10_000 : 0,
      ]),
    );
  const buyers = [...new Set(open.map((o) => o.buyerName))];
  const payerNames = [...byPayer.keys()];
  const buyersSeenPaying = buyers.filter((buyer) =>
    payerNames.some((payer) => sameParty(buyer, payer)),
  ).length;

  const monthsFounded = monthsInBusiness(input.profile, new Date(`${input.asOf}T00:00:00Z`));
  return {
    monthsOfHistory,
    revenueSource,
    revenueMonths: last12.length,
    avgMonthlyRevenueCents,
    revenueTrend: revenueTrend === null ? null : Math.round(revenueTrend * 10_000) / 10_000,
    revenueCv: revenueCv === null ? null : Math.round(revenueCv * 10_000) / 10_000,
    seasonality,
    nsfEvents90d,
    negativeBalanceDays90d: negativeDays.size,
    averageDailyBalanceCents,
    averageDailyOutflowCents,
    daysOfCash: daysOfCash === null ? null : Math.round(daysOfCash * 10) / 10,
    debtServiceRatio: debtServiceRatio === null ? null : Math.round(debtServiceRatio * 10_000) / 10_000,
    topPayerShare: topPayerShare === null ? null : Math.round(topPayerShare * 10_000) / 10_000,
    payerHhi: payerHhi === null ? null : Math.round(payerHhi * 10_000) / 10_000,
    openReceivablesUsdCents: openUsd,
    oecdCategoryShares: share(byCategory),
    weightedOecdCategory: openUsd > 0 ? Math.round((categoryWeighted / openUsd) * 100) / 100 : null,
    paymentTermShares: share(byTerm),
    paymentTermPoints: openUsd > 0 ? Math.round((termWeighted / openUsd) * 100) / 100 : null,
    weightedTenorDays: openUsd > 0 ? Math.round(tenorWeighted / openUsd) : null,
    largestBuyerShare:
      openUsd > 0 ? Math.round((Math.max(...byBuyer.values()) / openUsd) * 10_000) / 10_000 : null,
    openOrdersToMonthlyRevenue:
      avgMonthlyRevenueCents > 0 ? Math.round((openUsd / avgMonthlyRevenueCents) * 100) / 100 : null,
    buyersSeenPaying,
    buyersWithOpenOrders: buyers.length,
    yearsInBusiness: monthsFounded === null ? null : Math.floor(monthsFounded / 12),
  };
}
