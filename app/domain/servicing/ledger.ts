// A funded deal's ledger (docs/design/servicing.md): its dated instalments from the accepted
// offer's schedule, payments applied oldest instalment first, what is outstanding, the next due,
// days past due, and what repays the deal in full on a given day under the offer's prepayment
// terms as its disclosure states them. Pure and exact in cents; days are UTC calendar days
// written YYYY-MM-DD.
import { divideRounded } from "~/domain/offers/disclosure";

const DAY_MS = 86_400_000;

export type Day = string;

export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

export type FeeProductType = "INVOICE_FACTORING" | "PO_FINANCING";
export type PaymentFrequency = "SINGLE" | "WEEKLY" | "BIWEEKLY" | "MONTHLY";

/** What the ledger needs of the accepted offer and its funding. */
export type DealTerms = {
  productType: string;
  fundedOn: Day;
  /** Face value of the invoice or order (fee products); the principal (loans and lines). */
  amountCents: number;
  advanceRateBps: number;
  feeBps: number | null;
  feePeriodDays: number | null;
  /** The term the disclosure charged fees for (fee products). */
  termDays: number;
  interestRateBps: number | null;
  paymentFrequency: string;
  totalRepaymentCents: number;
};

export type ScheduleEntry = { number: number; dueInDays: number; amountCents: number };
export type Instalment = { number: number; dueOn: Day; amountCents: number };
/** A payment; `byBuyer` marks a factoring buyer's payment of the invoice. */
export type Payment = { amountCents: number; paidOn: Day; byBuyer?: boolean };

export function isFeeProduct(productType: string): productType is FeeProductType {
  return productType === "INVOICE_FACTORING" || productType === "PO_FINANCING";
}

/** cents × basis points ÷ 10,000, rounded half away from zero, as the disclosure rounds. */
function ofBps(cents: number, bps: number): number {
  return Number(divideRounded(BigInt(cents) * BigInt(bps), 10_000n));
}

/**
 * The deal's dated instalments: each scheduled payment falls its `dueInDays` after the funding
 * date. A fee product is one amount due when the buyer is due to pay (the attached order's
 * expected payment date) when that is known and after the funding, else on the schedule's date.
 */
export function instalmentsFrom(
  schedule: readonly ScheduleEntry[],
  fundedOn: Day,
  buyerDueOn: Day | null = null,
): Instalment[] {
  if (schedule.length === 1 && buyerDueOn && buyerDueOn > fundedOn) {
    const only = schedule[0] as ScheduleEntry;
    return [{ number: 1, dueOn: buyerDueOn, amountCents: only.amountCents }];
  }
  return schedule.map((entry) => ({
    number: entry.number,
    dueOn: addDays(fundedOn, entry.dueInDays),
    amountCents: entry.amountCents,
  }));
}

/** The money advanced on a fee product: the face value × the advance rate. */
export function advanceOf(terms: DealTerms): number {
  return ofBps(terms.amountCents, terms.advanceRateBps);
}

/** Fee periods charged when the deal is repaid on `day`: each period started, at least one. */
export function feePeriodsUsed(terms: DealTerms, day: Day): number {
  const period = terms.feePeriodDays ?? 30;
  const disclosed = Math.max(1, Math.ceil(terms.termDays / period));
  const used = Math.max(1, Math.ceil(daysBetween(terms.fundedOn, day) / period));
  return Math.min(disclosed, used);
}

/** The fee for `periods` periods: of the face value (factoring) or of the advance (PO financing). */
function feeFor(terms: DealTerms, periods: number): number {
  const base = terms.productType === "INVOICE_FACTORING" ? terms.amountCents : advanceOf(terms);
  return ofBps(base, (terms.feeBps ?? 0) * periods);
}

const PERIODS_PER_YEAR: Record<string, number> = { WEEKLY: 52, BIWEEKLY: 26, MONTHLY: 12 };

/**
 * Everything the borrower must have paid, in total, to be done with the deal on `day`:
 * - fee products: the advance and the fee for each period started (never more than disclosed);
 * - loans and lines: every instalment due by `day`, the principal still owed after them, and the
 *   interest accrued on it since the last due date (actual days ÷ 365), at most that period's
 *   scheduled interest: interest stops on the amount repaid.
 * Never more than the scheduled total: nothing beyond what the disclosure stated is charged.
 */
export function payoffTotal(terms: DealTerms, instalments: readonly Instalment[], day: Day): number {
  const scheduled = instalments.reduce((sum, i) => sum + i.amountCents, 0);
  if (isFeeProduct(terms.productType)) {
    return Math.min(scheduled, advanceOf(terms) + feeFor(terms, feePeriodsUsed(terms, day)));
  }
  const rate = BigInt(terms.interestRateBps ?? 0);
  const perYear = BigInt(PERIODS_PER_YEAR[terms.paymentFrequency] ?? 12);
  let balance = BigInt(terms.amountCents);
  let due = 0;
  let lastDue = terms.fundedOn;
  for (const instalment of instalments) {
    const interest = divideRounded(balance * rate, 10_000n * perYear);
    if (instalment.dueOn > day) {
      const days = BigInt(Math.max(0, daysBetween(lastDue, day)));
      const accrued = divideRounded(balance * rate * days, 10_000n * 365n);
      const owed = due + Number(balance) + Math.min(Number(accrued), Number(interest));
      return Math.min(scheduled, owed);
    }
    due += instalment.amountCents;
    balance = balance + interest - BigInt(instalment.amountCents);
    lastDue = instalment.dueOn;
  }
  return scheduled;
}

export type InstalmentState = "PAID" | "PARTLY_PAID" | "DUE" | "PAST_DUE" | "SETTLED_EARLY";

export type InstalmentLine = Instalment & {
  paidCents: number;
  remainingCents: number;
  state: InstalmentState;
  daysPastDue: number;
};

export type Ledger = {
  instalments: InstalmentLine[];
  scheduledCents: number;
  paidCents: number;
  /** What remains of the schedule; 0 once paid off. */
  outstandingCents: number;
  next: { number: number; dueOn: Day; amountCents: number } | null;
  /** Days since the oldest unpaid instalment fell due (0 when none is past due). */
  daysPastDue: number;
  paidOff: boolean;
  /** The day the deal was paid off, if it was. */
  paidOffOn: Day | null;
  /** Paid above what repaid the deal: the factoring rebate owed to the merchant. */
  surplusCents: number;
  /** What would repay the deal in full today (0 once paid off). */
  payoffTodayCents: number;
};

/**
 * Applies the payments (in date order) to the instalments, oldest first. The deal is paid off
 * once what has been paid reaches what repays it on the day of the last payment (payoffTotal);
 * the instalments that payment made unnecessary are SETTLED_EARLY.
 */
export function buildLedger(
  terms: DealTerms,
  instalments: readonly Instalment[],
  payments: readonly Payment[],
  today: Day,
): Ledger {
  const ordered = [...payments].sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const scheduledCents = instalments.reduce((sum, i) => sum + i.amountCents, 0);
  let paid = 0;
  let paidOffOn: Day | null = null;
  let owedAtPayoff = scheduledCents;
  for (const payment of ordered) {
    paid += payment.amountCents;
    if (paidOffOn) continue;
    const owed = payoffTotal(terms, instalments, payment.paidOn);
    if (paid >= owed) {
      paidOffOn = payment.paidOn;
      owedAtPayoff = owed;
    }
  }
  let left = paid;
  const lines: InstalmentLine[] = instalments.map((instalment) => {
    const applied = Math.min(left, instalment.amountCents);
    left -= applied;
    const remaining = instalment.amountCents - applied;
    const pastDue = remaining > 0 && !paidOffOn && instalment.dueOn < today;
    const state: InstalmentState =
      remaining === 0
        ? "PAID"
        : paidOffOn
          ? "SETTLED_EARLY"
          : pastDue
            ? "PAST_DUE"
            : applied > 0
              ? "PARTLY_PAID"
              : "DUE";
    return {
      ...instalment,
      paidCents: applied,
      remainingCents: paidOffOn ? 0 : remaining,
      state,
      daysPastDue: pastDue ? daysBetween(instalment.dueOn, today) : 0,
    };
  });
  const open = lines.find((line) => line.remainingCents > 0);
  return {
    instalments: lines,
    scheduledCents,
    paidCents: paid,
    outstandingCents: paidOffOn ? 0 : Math.max(0, scheduledCents - paid),
    next: open ? { number: open.number, dueOn: open.dueOn, amountCents: open.remainingCents } : null,
    daysPastDue: open?.daysPastDue ?? 0,
    paidOff: paidOffOn !== null,
    paidOffOn,
    surplusCents: paidOffOn ? paid - owedAtPayoff : 0,
    payoffTodayCents: paidOffOn ? 0 : Math.max(0, payoffTotal(terms, instalments, today) - paid),
  };
}

export type PaymentProblem = { field: "amount" | "paidOn"; message: string };

/**
 * Why a payment cannot be recorded, or null. Payments are recorded in date order, from the funding
 * day to today, and none may take the deal past what repays it in full on its day: an
 * over-payment is refused with the most that can be paid. A factoring buyer's payment of the
 * invoice may go up to the face value: what it pays above the amount owed is the merchant's rebate.
 */
export function paymentProblem(
  terms: DealTerms,
  instalments: readonly Instalment[],
  payments: readonly Payment[],
  payment: Payment,
  today: Day,
  format: (cents: number) => string,
): PaymentProblem | null {
  if (payment.paidOn > today)
    return { field: "paidOn", message: "The payment date cannot be in the future." };
  if (payment.paidOn < terms.fundedOn)
    return {
      field: "paidOn",
      message: `The payment date cannot be before the funding, on ${terms.fundedOn}.`,
    };
  const last = payments.reduce<Day | null>((max, p) => (max && max > p.paidOn ? max : p.paidOn), null);
  if (last && payment.paidOn < last)
    return {
      field: "paidOn",
      message: `Payments are recorded in date order: the last one is dated ${last}.`,
    };
  const before = buildLedger(terms, instalments, payments, payment.paidOn);
  if (before.paidOff) return { field: "amount", message: "This deal is already paid off." };
  if (payment.amountCents <= 0) return { field: "amount", message: "Enter an amount above zero." };
  const owed = before.payoffTodayCents;
  // The buyer pays the invoice, whatever the merchant paid before: up to its face value in all.
  const buyerPaid = payments.reduce((sum, p) => sum + (p.byBuyer ? p.amountCents : 0), 0);
  const most = payment.byBuyer ? Math.max(owed, terms.amountCents - buyerPaid) : owed;
  if (payment.amountCents > most)
    return {
      field: "amount",
      message: payment.byBuyer
        ? `The buyer's payment cannot be more than the invoice's face value: at most ${format(most)}.`
        : `That is more than is owed: ${format(most)} repays the deal in full on ${payment.paidOn}.`,
    };
  return null;
}

/**
 * The factoring rebate the merchant can expect if the buyer pays the whole invoice on `day`: the
 * face value less the advance less the fees for the periods used by then.
 */
export function expectedRebate(terms: DealTerms, instalments: readonly Instalment[], day: Day): number {
  if (terms.productType !== "INVOICE_FACTORING") return 0;
  return Math.max(0, terms.amountCents - payoffTotal(terms, instalments, day));
}
