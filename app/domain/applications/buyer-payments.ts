// Buyer-payment evidence (docs/design/application-package.md, buyer-payment evidence): for each
// buyer of the orders an application finances, the deposits in the merchant's bank feed that came
// from that buyer, and how long that buyer took to pay the merchant's earlier invoices. Frozen into
// the package at submission. Pure: transactions, buyers and invoices in, the evidence out.
//
// Names are compared as the sanctions matcher compares them (app/domain/sanctions/normalise.ts:
// case, punctuation, diacritics and legal forms do not count, words are a set), but stricter: a
// deposit is a buyer's when its counterparty, or its description without the bank's own words
// ("WIRE IN", "REF 123"), names exactly that buyer, or is at least 0.95 like it (a letter off),
// never when it names a longer or shorter company ("Hanbit Camping" is not "Hanbit Camping Gear").
import { type BankTxn, dayNumber } from "~/domain/bank/revenue";
import { nameSimilarity } from "~/domain/sanctions/matcher";
import { nameTokens } from "~/domain/sanctions/normalise";

/** Below this similarity a deposit's name is another payer's (a single letter off scores ~0.97). */
export const BUYER_MATCH_THRESHOLD = 0.95;
/** A deposit pays an invoice when it is within this share of the invoice's amount (wire fees). */
const PAIR_TOLERANCE = 0.02;
/** …and arrives at most this many days after the invoice. */
const PAIR_MAX_DAYS = 365;

/**
 * Words banks add to a deposit's description that name no payer. Left out of a description
 * before it is compared, unless the buyer's own name has the word.
 */
const BANK_WORDS: ReadonlySet<string> = new Set([
  "wire",
  "in",
  "incoming",
  "inbound",
  "inward",
  "intl",
  "ach",
  "credit",
  "cr",
  "deposit",
  "dep",
  "payment",
  "pmt",
  "pymt",
  "remittance",
  "remit",
  "rmt",
  "from",
  "ref",
  "reference",
  "trn",
  "transfer",
  "xfer",
  "swift",
  "fedwire",
  "book",
  "orig",
  "originator",
  "invoice",
  "inv",
  "po",
]);

export type EvidenceBuyer = { orderId: string; poNumber: string; buyerName: string };

/** An earlier export order of the merchant with an invoice on file. */
export type EvidenceInvoice = {
  orderId: string;
  poNumber: string;
  buyerName: string;
  /** YYYY-MM-DD */
  invoiceDate: string;
  /** Minor units of `currency`. */
  amountCents: number;
  currency: string;
};

export type BuyerPaymentEvidence = {
  /** The buyer's name as on the first of its orders (by PO number). */
  buyerName: string;
  /** The orders of this application with this buyer. */
  poNumbers: string[];
  deposits: number;
  /** Per account currency, integer minor units. */
  totals: { currency: string; cents: number }[];
  firstDate: string | null;
  lastDate: string | null;
  /** The payer names as the bank gave them, at most five, so a reader sees why they matched. */
  payerNames: string[];
  /** Earlier invoices of this buyer on file, and how many of them a deposit paid. */
  invoicesOnFile: number;
  invoicesPaired: number;
  /** Average whole days from invoice to the deposit that paid it (null: none paired). */
  averageDaysToPay: number | null;
};

export type BuyerPayments = {
  /** The stretch of the bank feed read (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  buyers: BuyerPaymentEvidence[];
  /** Deposits that named two different buyers equally well, counted for neither. */
  ambiguousDeposits: number;
};

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (tokens: readonly string[]) => [...tokens].sort(byString).join(" ");

/** How alike a payer's words are to a buyer's: 1 for the same words, else the matcher's score. */
function likeness(buyer: readonly string[], buyerKey: string, payer: readonly string[]): number {
  if (payer.length === 0) return 0;
  if (keyOf(payer) === buyerKey) return 1;
  // A one-word name is exact or nothing: "Yamato" is not "Yamato Outdoor Supply".
  if (buyer.length < 2 || payer.length < 2 || buyer.length !== payer.length) return 0;
  return nameSimilarity(buyer, payer);
}

type Group = {
  tokens: string[];
  key: string;
  tokenSet: Set<string>;
  buyerName: string;
  poNumbers: string[];
};

function groupBuyers(buyers: readonly EvidenceBuyer[]): Group[] {
  const groups = new Map<string, Group>();
  for (const buyer of [...buyers].sort(
    (a, b) => byString(a.poNumber, b.poNumber) || byString(a.orderId, b.orderId),
  )) {
    const tokens = nameTokens(buyer.buyerName);
    if (tokens.length === 0) continue;
    const key = keyOf(tokens);
    const known = groups.get(key);
    if (known) known.poNumbers.push(buyer.poNumber);
    else
      groups.set(key, {
        tokens,
        key,
        tokenSet: new Set(tokens),
        buyerName: buyer.buyerName,
        poNumbers: [buyer.poNumber],
      });
  }
  return [...groups.values()];
}

type PayerMatch = { score: number; groups: number[] };
const NO_MATCH: PayerMatch = { score: 0, groups: [] };

const ASCII = /^[\x20-\x7e]*$/;
const PREFIX = 3;

/**
 * Which buyers a payer's name (a counterparty, or a description) names best, memoised: a feed has
 * up to 50,000 transactions (docs/design/platform.md), and the same payers come back every month.
 * A plain ASCII text none of whose words starts like a buyer's word (first three letters) is
 * nobody's without the full normalisation; a description's words with digits (references, dates)
 * are left out before it is looked up, so "REF 1234" and "REF 1235" are one lookup.
 */
function payerMatcher(groups: readonly Group[]) {
  const prefixes = new Set(groups.flatMap((g) => g.tokens.map((t) => t.slice(0, PREFIX))));
  const buyersHaveDigits = groups.some((g) => g.tokens.some((t) => /\d/.test(t)));
  const memo = [new Map<string, PayerMatch>(), new Map<string, PayerMatch>()];
  const score = (text: string, description: boolean): PayerMatch => {
    const tokens = nameTokens(text);
    let best = 0;
    let at: number[] = [];
    groups.forEach((group, index) => {
      const words = description
        ? tokens.filter((w) => group.tokenSet.has(w) || (!BANK_WORDS.has(w) && !/\d/.test(w)))
        : tokens;
      const s = likeness(group.tokens, group.key, words);
      if (s < BUYER_MATCH_THRESHOLD || s < best) return;
      if (s > best) {
        best = s;
        at = [index];
      } else at.push(index);
    });
    return best === 0 ? NO_MATCH : { score: best, groups: at };
  };
  const raw = [new Map<string, PayerMatch>(), new Map<string, PayerMatch>()];
  const lookUp = (text: string, description: boolean): PayerMatch => {
    let key = text;
    if (ASCII.test(text)) {
      const words = text
        .toLowerCase()
        .replace(/['`]/g, "")
        .split(/[^a-z0-9]+/);
      if (!words.some((w) => w.length > 0 && prefixes.has(w.slice(0, PREFIX)))) return NO_MATCH;
      if (description && !buyersHaveDigits) key = words.filter((w) => w && !/\d/.test(w)).join(" ");
    }
    const cache = memo[description ? 1 : 0] as Map<string, PayerMatch>;
    let known = cache.get(key);
    if (!known) {
      known = score(key, description);
      cache.set(key, known);
    }
    return known;
  };
  return (text: string, description: boolean): PayerMatch => {
    const cache = raw[description ? 1 : 0] as Map<string, PayerMatch>;
    let known = cache.get(text);
    if (!known) {
      known = lookUp(text, description);
      // Texts seen once (a reference in every description) are not worth keeping.
      if (cache.size < 5_000) cache.set(text, known);
    }
    return known;
  };
}

/**
 * The evidence for each buyer. `transactions` are the feed read for the package (posted,
 * depository); only money in counts. A deposit counts for at most one buyer: the one it names
 * best, and for none when two name it equally well.
 */
export function buyerPaymentEvidence(input: {
  buyers: readonly EvidenceBuyer[];
  transactions: readonly BankTxn[];
  /** Each account's currency (ISO 4217); an account not listed is taken as USD. */
  accountCurrency: ReadonlyMap<string, string>;
  /** Earlier orders with an invoice date, not those of this application. */
  invoices: readonly EvidenceInvoice[];
  from: string;
  to: string;
}): BuyerPayments {
  const groups = groupBuyers(input.buyers);
  const matched: BankTxn[][] = groups.map(() => []);
  let ambiguous = 0;
  const payerOf = payerMatcher(groups);
  if (groups.length > 0)
    for (const t of input.transactions) {
      if (t.pending || t.amountCents <= 0 || t.date < input.from || t.date > input.to) continue;
      const byCounterparty = t.counterparty ? payerOf(t.counterparty, false) : NO_MATCH;
      const byDescription = payerOf(t.name, true);
      const best = Math.max(byCounterparty.score, byDescription.score);
      if (best < BUYER_MATCH_THRESHOLD) continue;
      const named = [
        ...(byCounterparty.score === best ? byCounterparty.groups : []),
        ...(byDescription.score === best ? byDescription.groups : []),
      ];
      const at = named[0] as number;
      if (named.some((g) => g !== at)) {
        ambiguous++;
        continue;
      }
      matched[at]?.push(t);
    }

  const invoiceGroups = input.invoices.map((invoice) => {
    const words = nameTokens(invoice.buyerName);
    const key = keyOf(words);
    let best = 0;
    let bestAt = -1;
    groups.forEach((group, at) => {
      const score = likeness(group.tokens, group.key, words);
      if (score >= BUYER_MATCH_THRESHOLD && score > best) {
        best = score;
        bestAt = at;
      }
    });
    return { invoice, at: key ? bestAt : -1 };
  });

  const buyers = groups.map((group, at): BuyerPaymentEvidence => {
    const deposits = (matched[at] ?? []).sort((a, b) => byString(a.date, b.date) || byString(a.id, b.id));
    const totals = new Map<string, number>();
    const payers = new Set<string>();
    for (const d of deposits) {
      const currency = input.accountCurrency.get(d.accountId) ?? "USD";
      totals.set(currency, (totals.get(currency) ?? 0) + d.amountCents);
      if (payers.size < 5) payers.add((d.counterparty ?? d.name).trim());
    }
    const invoices = invoiceGroups
      .filter((g) => g.at === at)
      .map((g) => g.invoice)
      .filter((i) => i.invoiceDate <= input.to)
      .sort((a, b) => byString(a.invoiceDate, b.invoiceDate) || byString(a.poNumber, b.poNumber));
    // Each invoice takes the first deposit after it of about its amount, each deposit once.
    const depositDays = deposits.map((d) => dayNumber(d.date));
    const used = new Set<number>();
    const days: number[] = [];
    for (const invoice of invoices) {
      const invoiceDay = dayNumber(invoice.invoiceDate);
      const low = invoice.amountCents * (1 - PAIR_TOLERANCE);
      const high = invoice.amountCents * (1 + PAIR_TOLERANCE);
      // The deposits are in date order: start at the invoice's day.
      let lo = 0;
      let hi = deposits.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((depositDays[mid] as number) < invoiceDay) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < deposits.length; i++) {
        const day = depositDays[i] as number;
        if (day - invoiceDay > PAIR_MAX_DAYS) break;
        const d = deposits[i] as BankTxn;
        if (
          used.has(i) ||
          (input.accountCurrency.get(d.accountId) ?? "USD") !== invoice.currency ||
          d.amountCents < low ||
          d.amountCents > high
        )
          continue;
        used.add(i);
        days.push(day - invoiceDay);
        break;
      }
    }
    return {
      buyerName: group.buyerName,
      poNumbers: group.poNumbers,
      deposits: deposits.length,
      totals: [...totals.entries()]
        .map(([currency, cents]) => ({ currency, cents }))
        .sort((a, b) => byString(a.currency, b.currency)),
      firstDate: deposits[0]?.date ?? null,
      lastDate: deposits.at(-1)?.date ?? null,
      payerNames: [...payers],
      invoicesOnFile: invoices.length,
      invoicesPaired: days.length,
      averageDaysToPay: days.length === 0 ? null : Math.round(days.reduce((s, d) => s + d, 0) / days.length),
    };
  });
  return { from: input.from, to: input.to, buyers, ambiguousDeposits: ambiguous };
}
