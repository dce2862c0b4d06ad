// What counts as sales revenue in a bank history (docs/design/scoring.md): money in, except transfers
// between the merchant's own accounts, loan proceeds, tax refunds, other refunds and interest.
// Pure: plain transactions in, plain figures out.

export type BankTxn = {
  id: string;
  accountId: string;
  /** Posted date, YYYY-MM-DD. */
  date: string;
  /** Our sign: money in is positive. Integer cents. */
  amountCents: number;
  categoryPrimary: string | null;
  categoryDetailed: string | null;
  counterparty: string | null;
  name: string;
  pending: boolean;
};

export type InflowKind = "revenue" | "own-transfer" | "loan-proceeds" | "tax-refund" | "refund" | "interest";

const OWN_TRANSFER_WINDOW_DAYS = 3;

/** Days since 1970-01-01 of a YYYY-MM-DD date, without building a Date (hot path of scoring). */
export function dayNumber(date: string): number {
  // Digits read directly (no helper closure: this runs for every transaction).
  let y =
    date.charCodeAt(0) * 1000 +
    date.charCodeAt(1) * 100 +
    date.charCodeAt(2) * 10 +
    date.charCodeAt(3) -
    53_328;
  const m = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528;
  const d = date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const byDayThenId = (a: BankTxn, b: BankTxn) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Classifies every posted inflow; pending transactions and outflows are not in the result. */
export function classifyInflows(transactions: readonly BankTxn[]): Map<string, InflowKind> {
  const kinds = classifyInflowsIndexed(transactions);
  const result = new Map<string, InflowKind>();
  transactions.forEach((t, i) => {
    const kind = kinds[i];
    if (kind) result.set(t.id, kind);
  });
  return result;
}

/** The same, as an array aligned with `transactions` (null for outflows and pending ones). */
export function classifyInflowsIndexed(transactions: readonly BankTxn[]): (InflowKind | null)[] {
  const kinds = new Array<InflowKind | null>(transactions.length).fill(null);
  const transfersIn: number[] = [];
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as BankTxn;
    if (t.pending || t.amountCents <= 0) continue;
    const detailed = t.categoryDetailed ?? "";
    const primary = t.categoryPrimary ?? "";
    if (detailed === "TRANSFER_IN_CASH_ADVANCES_AND_LOANS") kinds[i] = "loan-proceeds";
    else if (detailed === "INCOME_TAX_REFUND") kinds[i] = "tax-refund";
    else if (detailed === "INCOME_INTEREST_EARNED") kinds[i] = "interest";
    else if (primary === "TRANSFER_IN") transfersIn.push(i);
    // Money back from a merchant or supplier (a refund), not a sale.
    else if (primary !== "" && primary !== "INCOME") kinds[i] = "refund";
    else kinds[i] = "revenue";
  }
  if (transfersIn.length === 0) return kinds;
  // A transfer in is between own accounts when another own account sent the same amount within a
  // few days. Matched in date order, each outflow at most once, so the result does not depend on
  // the order the transactions came in.
  const amounts = new Set(transfersIn.map((i) => (transactions[i] as BankTxn).amountCents));
  const outflows = new Map<number, { accountId: string; day: number; used: boolean }[]>();
  for (const t of transactions
    .filter((o) => !o.pending && o.amountCents < 0 && amounts.has(-o.amountCents))
    .sort(byDayThenId)) {
    const list = outflows.get(-t.amountCents) ?? [];
    list.push({ accountId: t.accountId, day: dayNumber(t.date), used: false });
    outflows.set(-t.amountCents, list);
  }
  transfersIn.sort((a, b) => byDayThenId(transactions[a] as BankTxn, transactions[b] as BankTxn));
  for (const i of transfersIn) {
    const t = transactions[i] as BankTxn;
    const day = dayNumber(t.date);
    const match = (outflows.get(t.amountCents) ?? []).find(
      (o) => !o.used && o.accountId !== t.accountId && Math.abs(o.day - day) <= OWN_TRANSFER_WINDOW_DAYS,
    );
    if (match) match.used = true;
    kinds[i] = match ? "own-transfer" : "revenue";
  }
  return kinds;
}

/** YYYY-MM of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The `count` calendar months ending with the month of `asOf`, oldest first. */
export function lastMonths(asOf: string, count: number): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Revenue per calendar month (cents), for the months given. */
export function monthlyRevenue(
  transactions: readonly BankTxn[],
  months: readonly string[],
): Map<string, number> {
  const kinds = classifyInflows(transactions);
  const totals = new Map(months.map((m) => [m, 0]));
  for (const t of transactions) {
    if (kinds.get(t.id) !== "revenue") continue;
    const month = monthOf(t.date);
    const total = totals.get(month);
    if (total !== undefined) totals.set(month, total + t.amountCents);
  }
  return totals;
}

export type Payer = { name: string; cents: number; share: number };

/** The payers of revenue between two dates (inclusive), largest first, with their shares. */
export function topPayers(
  transactions: readonly BankTxn[],
  from: string,
  to: string,
  limit = 10,
): { payers: Payer[]; totalCents: number } {
  const kinds = classifyInflows(transactions);
  const byPayer = new Map<string, number>();
  let totalCents = 0;
  for (const t of transactions) {
    if (kinds.get(t.id) !== "revenue" || t.date < from || t.date > to) continue;
    const name = (t.counterparty ?? t.name).trim() || "Unknown payer";
    byPayer.set(name, (byPayer.get(name) ?? 0) + t.amountCents);
    totalCents += t.amountCents;
  }
  const payers = [...byPayer.entries()]
    .map(([name, cents]) => ({ name, cents, share: totalCents === 0 ? 0 : cents / totalCents }))
    .sort((a, b) => b.cents - a.cents || a.name.localeCompare(b.name))
    .slice(0, limit);
  return { payers, totalCents };
}
