// What counts as sales revenue in a bank history (DESIGN.md §4): money in, except transfers
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

const DAY = 86_400_000;
const OWN_TRANSFER_WINDOW_DAYS = 3;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

/** Classifies every posted inflow; pending transactions and outflows are not in the result. */
export function classifyInflows(transactions: readonly BankTxn[]): Map<string, InflowKind> {
  // Outflows by amount, to match transfers arriving from another own account.
  const outflows = new Map<number, { accountId: string; day: number; used: boolean }[]>();
  for (const t of transactions) {
    if (t.pending || t.amountCents >= 0) continue;
    const key = -t.amountCents;
    const list = outflows.get(key) ?? [];
    list.push({ accountId: t.accountId, day: dayNumber(t.date), used: false });
    outflows.set(key, list);
  }
  const kinds = new Map<string, InflowKind>();
  const inflows = transactions
    .filter((t) => !t.pending && t.amountCents > 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  for (const t of inflows) {
    const detailed = t.categoryDetailed ?? "";
    const primary = t.categoryPrimary ?? "";
    if (detailed === "TRANSFER_IN_CASH_ADVANCES_AND_LOANS") {
      kinds.set(t.id, "loan-proceeds");
    } else if (detailed === "INCOME_TAX_REFUND") {
      kinds.set(t.id, "tax-refund");
    } else if (detailed === "INCOME_INTEREST_EARNED") {
      kinds.set(t.id, "interest");
    } else if (primary === "TRANSFER_IN") {
      const day = dayNumber(t.date);
      const match = (outflows.get(t.amountCents) ?? []).find(
        (o) => !o.used && o.accountId !== t.accountId && Math.abs(o.day - day) <= OWN_TRANSFER_WINDOW_DAYS,
      );
      if (match) {
        match.used = true;
        kinds.set(t.id, "own-transfer");
      } else {
        kinds.set(t.id, "revenue");
      }
    } else if (primary !== "" && primary !== "INCOME" && primary !== "TRANSFER_IN") {
      // Money back from a merchant or supplier (a refund), not a sale.
      kinds.set(t.id, "refund");
    } else {
      kinds.set(t.id, "revenue");
    }
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
