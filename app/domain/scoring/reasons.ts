// The score's sentences from the data (docs/design/scoring.md, principal reasons): what each
// characteristic's value actually is, which characteristics count against the applicant (the
// principal reasons of a notice) and what would raise the score (shown to the merchant). Pure.
import { formatMoney } from "~/domain/money";
import { PAYMENT_TERM_LABELS, type PaymentTerm } from "~/domain/orders/orders";
import type { Features } from "./features";
import { type Characteristic, SCORECARD } from "./scorecard";

export type Reason = { code: string; text: string };

/** A characteristic's points as scored, what reasons and hints are chosen from. */
export type ScoredCharacteristic = { code: string; value: number | null; points: number; maxPoints: number };

export type ImprovementHint = {
  code: string;
  /** What the value is now, in the same words a reason would use. */
  fact: string;
  /** What would raise the points. */
  action: string;
  /** Raw points (of the scorecard's total) the characteristic can still gain. */
  pointsAvailable: number;
};

export const MAX_REASONS = 4;

/** With no open export orders, R09 and R10 are one missing-information reason under R09's code. */
export const NO_OPEN_ORDERS = { code: "R09", text: "No open export orders on file." };
const ORDER_CODES = new Set(["R09", "R10"]);
/** Characteristics read from bank or sales history: when there is too little of it to score, the
 * not-scoreable reason already says so, and their "could not be measured" sentences would repeat it. */
const HISTORY_CODES = new Set(["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R11"]);

/** 0.07 → "7%", 0.2789 → "27.9%". */
export function percent(share: number): string {
  const tenths = Math.round(Math.abs(share) * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function days(value: number): string {
  const tenths = Math.round(value * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)} ${tenths === 1 ? "day" : "days"}`;
}

const usd = (cents: number) => formatMoney(Math.round(cents), "USD", { whole: true });

function salesWord(f: Features): string {
  return f.revenueSource === "marketplace" ? "marketplace sales" : "sales revenue";
}

/** Why a feature has no value: information that is missing, never a statement about the business. */
function missingSentence(code: string, f: Features): string {
  const tooShort = f.revenueMonths < 6;
  switch (code) {
    case "R02":
      return tooShort
        ? "Fewer than six months of sales revenue on file, so the recent sales trend could not be measured."
        : "No sales revenue found in the three months before the last three, so the recent sales trend could not be measured.";
    case "R03":
      return tooShort
        ? "Fewer than six months of sales revenue on file, so month-to-month variation could not be measured."
        : "No sales revenue found in the last 12 months, so month-to-month variation could not be measured.";
    case "R06":
      return "The connected bank did not report account balances, so days of cash could not be measured.";
    case "R07":
      return "No sales deposits found in the last 12 months to compare loan payments with.";
    case "R08":
      return f.revenueSource === "marketplace"
        ? "Sales come from marketplace reports, which do not name payers, so payer concentration could not be measured."
        : "No sales deposits found in the last 12 months, so payer concentration could not be measured.";
    case "R09":
    case "R10":
      return NO_OPEN_ORDERS.text;
    case "R12":
      return "Year founded was not provided.";
    default:
      return "This information was not available.";
  }
}

function termsSentence(f: Features): string {
  const parts = Object.entries(f.paymentTermShares)
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([term, share]) => {
      const label = PAYMENT_TERM_LABELS[term as PaymentTerm] ?? term;
      return `${percent(share)} ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
    });
  return `Payment terms of open export orders, by value: ${parts.join(", ")}.`;
}

/**
 * The sentence for one characteristic, stating its actual value and direction (or the missing
 * information). The same sentence serves a notice's reason and the merchant's "what would raise
 * your score", so it never judges: the selection does.
 */
export function characteristicSentence(code: string, f: Features): string {
  const value = (SCORECARD.find((c) => c.code === code)?.feature ?? "") as keyof Features;
  const raw = f[value];
  if (typeof raw !== "number" || !Number.isFinite(raw)) return missingSentence(code, f);
  switch (code) {
    case "R01":
      return `Average monthly ${salesWord(f)} over the last ${count(f.revenueMonths, "month", "months")} was ${usd(raw)}.`;
    case "R02":
      if (percent(raw) === "0%")
        return "Sales were unchanged over the last three months compared with the three before.";
      return `Sales ${raw < 0 ? "fell" : "grew"} ${percent(raw)} over the last three months compared with the three before.`;
    case "R03":
      return `Monthly ${salesWord(f)} varied by ${percent(raw)} of the average month over the last ${count(f.revenueMonths, "month", "months")} (standard deviation).`;
    case "R04":
      return raw === 0
        ? "No NSF or overdraft fees in the last 90 days."
        : `${count(raw, "NSF or overdraft fee", "NSF or overdraft fees")} in the last 90 days.`;
    case "R05":
      return raw === 0
        ? "The business account balance did not go below zero in the last 90 days."
        : raw >= 90
          ? "The business account balance was below zero on every one of the last 90 days."
          : `The business account balance was below zero on ${count(raw, "day", "days")} in the last 90 days.`;
    case "R06":
      if (f.averageDailyBalanceCents <= 0)
        return `The average balance over the last 90 days was ${usd(f.averageDailyBalanceCents)}, so cash on hand covered no days of the business's spending.`;
      return `Cash on hand covered ${days(raw)} of the business's spending (average balance ${usd(f.averageDailyBalanceCents)}, average daily spending ${usd(f.averageDailyOutflowCents)}).`;
    case "R07":
      return raw === 0
        ? "No loan or advance payments found in the last 12 months."
        : `Loan and advance payments took ${percent(raw)} of sales revenue over the last 12 months.`;
    case "R08":
      return `One payer accounts for ${percent(raw)} of sales deposits over the last 12 months.`;
    case "R09":
      return `Buyers of open export orders are in countries of OECD risk category ${raw.toFixed(1)} on average, weighted by amount (0 is the lowest risk, 7 the highest).`;
    case "R10":
      return termsSentence(f);
    case "R11":
      return `The ${f.revenueSource === "marketplace" ? "marketplace sales" : "connected bank"} history covers ${count(raw, "month", "months")}.`;
    case "R12":
      return raw === 0
        ? "The business was founded in the current year."
        : `The business has been operating for ${count(raw, "year", "years")}, counted from the year founded.`;
    default:
      return String(raw);
  }
}

const byCode = new Map<string, Characteristic>(SCORECARD.map((c) => [c.code, c]));

type Candidate = { code: string; points: number; neutral: number; max: number; text: string };

/** One candidate per characteristic, with R09 and R10 joined into one when there are no open orders. */
function candidates(features: Features, characteristics: readonly ScoredCharacteristic[]): Candidate[] {
  const noOpenOrders = features.openReceivablesUsdCents === 0;
  const list: Candidate[] = [];
  for (const c of characteristics) {
    if (noOpenOrders && ORDER_CODES.has(c.code)) continue;
    list.push({
      code: c.code,
      points: c.points,
      neutral: byCode.get(c.code)?.neutralPoints ?? c.maxPoints,
      max: c.maxPoints,
      text: characteristicSentence(c.code, features),
    });
  }
  if (noOpenOrders) {
    const orders = characteristics.filter((c) => ORDER_CODES.has(c.code));
    list.push({
      code: NO_OPEN_ORDERS.code,
      points: orders.reduce((sum, c) => sum + c.points, 0),
      neutral: orders.reduce((sum, c) => sum + (byCode.get(c.code)?.neutralPoints ?? c.maxPoints), 0),
      max: orders.reduce((sum, c) => sum + c.maxPoints, 0),
      text: NO_OPEN_ORDERS.text,
    });
  }
  return list;
}

/**
 * The principal reasons (Regulation B): the not-scoreable reason first, then only the
 * characteristics below their neutral points, the largest shortfall below neutral first (then the
 * larger shortfall from the maximum, then the code), at most four.
 */
export function principalReasons(
  features: Features,
  characteristics: readonly ScoredCharacteristic[],
  notScoreable: Reason | null,
): Reason[] {
  const against = candidates(features, characteristics)
    .filter((c) => c.points < c.neutral)
    // Without enough history, "could not be measured" and the history's length restate the
    // not-scoreable reason; what was measured (NSF fees, say) still counts.
    .filter(
      (c) =>
        notScoreable === null ||
        !HISTORY_CODES.has(c.code) ||
        (c.code !== "R11" &&
          typeof features[(byCode.get(c.code)?.feature ?? "") as keyof Features] === "number"),
    )
    .sort(
      (a, b) =>
        b.neutral - b.points - (a.neutral - a.points) ||
        b.max - b.points - (a.max - a.points) ||
        a.code.localeCompare(b.code),
    )
    .map((c) => ({ code: c.code, text: c.text }));
  return [...(notScoreable ? [notScoreable] : []), ...against].slice(0, MAX_REASONS);
}

/**
 * What would raise the score, for the merchant's own page: the characteristics short of their
 * maximum, the most points to gain first, each with its present value and what would help.
 */
export function improvementHints(
  features: Features,
  characteristics: readonly ScoredCharacteristic[],
): ImprovementHint[] {
  return candidates(features, characteristics)
    .filter((c) => c.points < c.max)
    .sort((a, b) => b.max - b.points - (a.max - a.points) || a.code.localeCompare(b.code))
    .slice(0, MAX_REASONS)
    .map((c) => ({
      code: c.code,
      fact: c.text,
      action:
        c.text === NO_OPEN_ORDERS.text
          ? "Add the open export orders the business has, with their buyers' countries and payment terms."
          : (byCode.get(c.code)?.improve ?? ""),
      pointsAvailable: c.max - c.points,
    }));
}
