// The commercial-financing disclosure of an offer (docs/design/disclosures.md; in the style of California
// SB 1235 and the New York CFDL): funds provided, finance charge, total repayment, estimated APR,
// term, payments and prepayment terms. Pure and exact in cents.
//
// Estimated APR: term loans and lines by the actuarial method of Regulation Z, Appendix J (the
// unit-period rate that makes the payments' present value equal the funds provided, times the
// unit periods in a year); factoring and PO financing assuming the invoice is paid on its due date,
// which makes the whole term one unit period: finance charge ÷ funds × 365 ÷ days. A fee deducted
// from the money disbursed is a prepaid finance charge: funds provided are net of it.

import { formatMoney } from "~/domain/money";

export type PaymentFrequency = "SINGLE" | "WEEKLY" | "BIWEEKLY" | "MONTHLY";

export type OfferTerms =
  | {
      kind: "fee";
      productType: "PO_FINANCING" | "INVOICE_FACTORING";
      /** Face value of the invoice or order financed, in cents. */
      faceCents: number;
      advanceRateBps: number;
      /** Fee per period, in basis points: of the face value (factoring) or of the advance (PO financing). */
      feeBps: number;
      feePeriodDays: number;
      /** Days until the buyer is due to pay. */
      termDays: number;
      /** Flat fees deducted from the advance (processing), in cents. */
      feeDeductedCents?: number;
    }
  | {
      kind: "amortising";
      productType: "EXPORT_WORKING_CAPITAL" | "TERM_LOAN";
      principalCents: number;
      /** Nominal annual interest rate, in basis points. */
      interestRateBps: number;
      paymentFrequency: Exclude<PaymentFrequency, "SINGLE">;
      paymentCount: number;
      /** Flat fees deducted from the funds (origination), in cents. */
      originationFeeCents?: number;
    };

export type ScheduledPayment = { number: number; dueInDays: number; amountCents: number };

export type Disclosure = {
  fundsProvidedCents: number;
  financeChargeCents: number;
  totalRepaymentCents: number;
  estimatedAprBps: number;
  termDays: number;
  paymentFrequency: PaymentFrequency;
  paymentCount: number;
  paymentAmountCents: number;
  schedule: ScheduledPayment[];
  prepaymentTerms: string;
};

const PERIODS_PER_YEAR: Record<Exclude<PaymentFrequency, "SINGLE">, number> = {
  WEEKLY: 52,
  BIWEEKLY: 26,
  MONTHLY: 12,
};
const DAYS_PER_PERIOD: Record<Exclude<PaymentFrequency, "SINGLE">, number> = {
  WEEKLY: 7,
  BIWEEKLY: 14,
  MONTHLY: 365 / 12,
};

/** numerator ÷ denominator (denominator > 0), rounded half away from zero: exact integer arithmetic. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -quotient : quotient;
}

/** cents × basis points ÷ 10,000, exact, rounded half away from zero. */
function ofBps(cents: number, bps: number): number {
  return Number(divideRounded(BigInt(cents) * BigInt(bps), 10_000n));
}

/**
 * The unit-period rate i with Σ payment_k / (1 + i)^t_k = funds (t_k in unit periods), by
 * bisection: the present value falls as i rises, so there is one root when payments exceed funds.
 */
export function solveUnitPeriodRate(
  fundsCents: number,
  payments: readonly { amountCents: number; periods: number }[],
): number {
  const pv = (i: number) => payments.reduce((sum, p) => sum + p.amountCents / (1 + i) ** p.periods, 0);
  if (pv(0) <= fundsCents) return 0;
  let low = 0;
  let high = 1;
  while (pv(high) > fundsCents) high *= 2;
  for (let step = 0; step < 200 && high - low > 1e-15; step++) {
    const mid = (low + high) / 2;
    if (pv(mid) > fundsCents) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The level payments of an amortising loan, in exact integer arithmetic: with the period rate
 * r = rate ÷ (10,000 × periods a year) = a ÷ d, the level payment P·r ÷ (1 − (1 + r)^−n) is the
 * fraction P·a·(d + a)^n ÷ (d·((d + a)^n − d^n)), rounded to the cent. Each period's interest is the
 * balance × a ÷ d, rounded; the last payment clears the balance, so it takes the rounding.
 */
function levelSchedule(
  principalCents: number,
  rateBps: number,
  periodsPerYear: number,
  count: number,
): number[] {
  const principal = BigInt(principalCents);
  const a = BigInt(rateBps);
  const d = 10_000n * BigInt(periodsPerYear);
  const n = BigInt(count);
  const payment =
    a === 0n
      ? divideRounded(principal, n)
      : divideRounded(principal * a * (d + a) ** n, d * ((d + a) ** n - d ** n));
  const payments: number[] = [];
  let balance = principal;
  for (let k = 1; k <= count; k++) {
    const interest = divideRounded(balance * a, d);
    const due = k === count ? balance + interest : payment;
    balance = balance + interest - due;
    payments.push(Number(due));
  }
  return payments;
}

/** A fee deducted at funding is earned then: prepaying does not bring it back. */
function keptFee(cents: number | undefined): string {
  if (!cents) return "";
  return ` The ${formatMoney(cents)} fee deducted when the funds are sent is not refunded.`;
}

export function computeDisclosure(terms: OfferTerms): Disclosure {
  if (terms.kind === "fee") {
    const advance = ofBps(terms.faceCents, terms.advanceRateBps);
    const periods = Math.max(1, Math.ceil(terms.termDays / terms.feePeriodDays));
    const feeBase = terms.productType === "INVOICE_FACTORING" ? terms.faceCents : advance;
    const fee = ofBps(feeBase, terms.feeBps * periods);
    const total = advance + fee;
    // A fee deducted from the advance is a prepaid finance charge: the merchant receives the
    // advance net of it and still repays the whole advance (Appendix J: the amount financed
    // excludes prepaid finance charges).
    const funds = advance - (terms.feeDeductedCents ?? 0);
    const charge = total - funds;
    // One unit period (the whole term): APR = finance charge ÷ funds × 365 ÷ days.
    const apr = funds <= 0 ? 0 : (charge / funds) * (365 / terms.termDays);
    return {
      fundsProvidedCents: funds,
      financeChargeCents: charge,
      totalRepaymentCents: total,
      estimatedAprBps: Math.round(apr * 10_000),
      termDays: terms.termDays,
      paymentFrequency: "SINGLE",
      paymentCount: 1,
      paymentAmountCents: total,
      schedule: [{ number: 1, dueInDays: terms.termDays, amountCents: total }],
      prepaymentTerms:
        (terms.productType === "INVOICE_FACTORING"
          ? `Repaid when your buyer pays the invoice. The fee is charged for each ${terms.feePeriodDays} days started; if your buyer pays early, the periods not started are not charged.`
          : `Repaid when your buyer pays for the order. The fee is charged for each ${terms.feePeriodDays} days started; repaying early saves the periods not started.`) +
        keptFee(terms.feeDeductedCents),
    };
  }
  const payments = levelSchedule(
    terms.principalCents,
    terms.interestRateBps,
    PERIODS_PER_YEAR[terms.paymentFrequency],
    terms.paymentCount,
  );
  const total = payments.reduce((a, b) => a + b, 0);
  const funds = terms.principalCents - (terms.originationFeeCents ?? 0);
  const unitRate = solveUnitPeriodRate(
    funds,
    payments.map((amountCents, k) => ({ amountCents, periods: k + 1 })),
  );
  const dayStep = DAYS_PER_PERIOD[terms.paymentFrequency];
  return {
    fundsProvidedCents: funds,
    financeChargeCents: total - funds,
    totalRepaymentCents: total,
    estimatedAprBps: Math.round(unitRate * PERIODS_PER_YEAR[terms.paymentFrequency] * 10_000),
    termDays: Math.round(dayStep * terms.paymentCount),
    paymentFrequency: terms.paymentFrequency,
    paymentCount: terms.paymentCount,
    paymentAmountCents: payments[0] ?? 0,
    schedule: payments.map((amountCents, k) => ({
      number: k + 1,
      dueInDays: Math.round(dayStep * (k + 1)),
      amountCents,
    })),
    prepaymentTerms:
      "You may repay all or part early at any time without a penalty; interest stops on the amount repaid, so repaying early saves the interest not yet due." +
      keptFee(terms.originationFeeCents),
  };
}

/** The APR of any schedule of payments (Appendix J), e.g. a quoted "repay $52,000 for $40,000". */
export function aprOfSchedule(
  fundsCents: number,
  paymentsCents: readonly number[],
  periodsPerYear: number,
): number {
  const rate = solveUnitPeriodRate(
    fundsCents,
    paymentsCents.map((amountCents, k) => ({ amountCents, periods: k + 1 })),
  );
  return Math.round(rate * periodsPerYear * 10_000);
}
