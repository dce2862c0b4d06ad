// Suggested matches from the merchant's bank feed (docs/design/servicing.md): debits whose name
// mentions the lender, for no more than the open instalment, posted in its period (after the
// previous instalment fell due, or the funding) or up to MATCH_WINDOW_DAYS after it fell due.
// The lender confirms one to record it as a payment. Pure.
import { type Day, daysBetween } from "./ledger";

export const MATCH_WINDOW_DAYS = 10;

export type FeedTransaction = {
  id: string;
  postedOn: Day;
  /** Our sign: inflow positive, so a payment out of the merchant's account is negative. */
  amountCents: number;
  name: string;
  counterpartyName: string | null;
};

export type Suggestion = FeedTransaction & { paidCents: number; daysFromDue: number };

/** Words of a name that identify it: lower case, without punctuation and common company suffixes. */
export function nameWords(name: string): string[] {
  const SUFFIXES = new Set([
    "inc",
    "llc",
    "ltd",
    "co",
    "corp",
    "company",
    "capital",
    "finance",
    "the",
    "and",
    "of",
  ]);
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !SUFFIXES.has(word));
}

/** Whether a transaction's name or counterparty mentions the lender (every identifying word). */
export function mentionsLender(
  transaction: Pick<FeedTransaction, "name" | "counterpartyName">,
  lenderName: string,
) {
  const wanted = nameWords(lenderName);
  if (wanted.length === 0) return false;
  const text = new Set(nameWords(`${transaction.name} ${transaction.counterpartyName ?? ""}`));
  return wanted.every((word) => text.has(word));
}

/** The feed's debits that could be the payment of the open instalment, nearest the due date first. */
export function suggestMatches(
  open: { dueOn: Day; remainingCents: number; periodStart: Day } | null,
  lenderName: string,
  feed: readonly FeedTransaction[],
  alreadyLinked: ReadonlySet<string>,
): Suggestion[] {
  if (!open) return [];
  return feed
    .filter(
      (t) =>
        t.amountCents < 0 &&
        -t.amountCents <= open.remainingCents &&
        !alreadyLinked.has(t.id) &&
        t.postedOn >= open.periodStart &&
        daysBetween(open.dueOn, t.postedOn) <= MATCH_WINDOW_DAYS &&
        mentionsLender(t, lenderName),
    )
    .map((t) => ({ ...t, paidCents: -t.amountCents, daysFromDue: daysBetween(open.dueOn, t.postedOn) }))
    .sort((a, b) => Math.abs(a.daysFromDue) - Math.abs(b.daysFromDue) || a.id.localeCompare(b.id));
}
