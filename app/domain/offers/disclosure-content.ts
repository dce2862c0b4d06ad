// The disclosure of one offer as people read it, built once from the offer's stored terms and
// figures: the page, the PDF and the signed copy all come from this (docs/design/disclosures.md).
// In the style of California's commercial-financing disclosures (10 CCR §§ 900–956) and New York's
// (23 NYCRR 600): the financing, each fee withheld and what is left to disburse, the finance
// charge, the APR, the term (an estimate where it depends on a buyer), the payments with their
// dates, prepayment, what secures the financing, and how the figures were computed. Pure.
import { FEE_PRICED, PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { divideRounded, type PaymentFrequency, type ScheduledPayment } from "./disclosure";

/** An offer's terms and figures as stored (app/domain/offers/offer.ts makes them). */
export type DisclosedOffer = {
  productType: string;
  /** Face value of the invoice or order (factoring, PO financing), or the amount financed. */
  amountCents: number;
  advanceRateBps: number;
  feeBps: number | null;
  feePeriodDays: number | null;
  interestRateBps: number | null;
  feeDeductedCents: number;
  securityTerms: string | null;
  recourse: string | null;
  fundsProvidedCents: number;
  financeChargeCents: number;
  totalRepaymentCents: number;
  estimatedAprBps: number;
  termDays: number;
  paymentFrequency: string;
  paymentCount: number;
  paymentAmountCents: number;
  prepaymentTerms: string;
  schedule: readonly ScheduledPayment[];
  /** When the offer was made: the schedule's dates assume the funds are sent that day. */
  madeAt: Date | string;
};

export type DisclosureLine = { label: string; value: string };

export type DisclosureContent = {
  product: string;
  /** The figures, in the order they are read. */
  facts: DisclosureLine[];
  schedule: {
    /** What the dates rest on. */
    assumption: string;
    rows: { number: number; date: string; amount: string }[];
    /** How the last payment absorbs the rounding, when it differs from the others. */
    rounding: string | null;
  };
  /** Short sections of plain text: the term, prepayment, security and recourse, the method. */
  notes: { heading: string; text: string }[];
};

const FREQUENCY_WORD: Record<string, string> = {
  WEEKLY: "weekly",
  BIWEEKLY: "every-two-weeks",
  MONTHLY: "monthly",
};
const PERIODS_PER_YEAR: Record<string, number> = { WEEKLY: 52, BIWEEKLY: 26, MONTHLY: 12 };

const percent = (bps: number) => `${Number((bps / 100).toFixed(2))}%`;
const apr = (bps: number) => `${(bps / 100).toFixed(2)}%`;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function startOfDay(value: Date | string): Date {
  const date = new Date(value);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The same day `months` later, or the last day of a shorter month. */
function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** The date payment `number` is due, counted from the day the funds are sent. */
export function paymentDate(fundedOn: Date, frequency: string, number: number, termDays: number): Date {
  switch (frequency) {
    case "WEEKLY":
      return addDays(fundedOn, 7 * number);
    case "BIWEEKLY":
      return addDays(fundedOn, 14 * number);
    case "MONTHLY":
      return addMonths(fundedOn, number);
    default:
      return addDays(fundedOn, termDays);
  }
}

/** "12 monthly payments of $4,333.33", or "11 of $4,333.33 and a last payment of $4,333.37". */
export function paymentsText(frequency: PaymentFrequency | string, amounts: readonly number[]): string {
  const first = amounts[0] ?? 0;
  const last = amounts[amounts.length - 1] ?? 0;
  const word = FREQUENCY_WORD[frequency] ?? frequency.toLowerCase();
  if (amounts.every((a) => a === first))
    return `${amounts.length} ${word} payment${amounts.length === 1 ? "" : "s"} of ${formatMoney(first)}`;
  return `${amounts.length} ${word} payments: ${amounts.length - 1} of ${formatMoney(first)} and a last payment of ${formatMoney(last)}`;
}

function termText(frequency: string, count: number, termDays: number): string {
  switch (frequency) {
    case "WEEKLY":
      return `${count} week${count === 1 ? "" : "s"} (${termDays} days)`;
    case "BIWEEKLY":
      return `${count * 2} weeks (${termDays} days)`;
    case "MONTHLY": {
      // Beyond a year, years and months read better than a count of months.
      const years = Math.floor(count / 12);
      const months = count % 12;
      const span =
        count <= 12
          ? `${count} month${count === 1 ? "" : "s"}`
          : `${years} year${years === 1 ? "" : "s"}${months ? ` and ${months} month${months === 1 ? "" : "s"}` : ""}`;
      return `${span} (about ${termDays} days)`;
    }
    default:
      return `${termDays} days`;
  }
}

function feeLabel(productType: string): string {
  return productType === "INVOICE_FACTORING" || productType === "PO_FINANCING"
    ? "Fee deducted from the advance"
    : "Origination fee deducted";
}

function securityText(offer: DisclosedOffer, lender: string): string {
  switch (offer.productType) {
    case "INVOICE_FACTORING":
      return offer.recourse === "WITHOUT_RECOURSE"
        ? `You sell the invoice to ${lender}, which owns it and collects it from your buyer. Without recourse: if your buyer cannot pay because it is insolvent, you do not repay the advance or the fee. You remain answerable if the invoice is disputed (for example over the goods) or was not genuine.`
        : `You sell the invoice to ${lender}, which owns it and collects it from your buyer. With recourse: if your buyer does not pay the invoice in full, you must repay the advance and the fee yourself.`;
    case "PO_FINANCING":
      return `The advance is secured by the purchase order, the invoice and receivable it creates, and their proceeds: ${lender} takes a security interest in them, and your buyer is asked to pay ${lender}. If your buyer does not pay, you must repay the advance and the fee yourself.`;
    default:
      return `As ${lender} states it: ${offer.securityTerms ?? "not stated"}.`.replace(/\.\.$/, ".");
  }
}

function methodText(offer: DisclosedOffer): string {
  const fees = offer.feeDeductedCents
    ? ` The ${formatMoney(offer.feeDeductedCents)} deducted when the funds are sent is part of the finance charge: you repay the whole ${offer.productType === "INVOICE_FACTORING" || offer.productType === "PO_FINANCING" ? "advance" : "amount financed"} but receive it less the fee.`
    : "";
  if (offer.feeBps !== null && offer.feePeriodDays) {
    const factoring = offer.productType === "INVOICE_FACTORING";
    const advance = Number(divideRounded(BigInt(offer.amountCents) * BigInt(offer.advanceRateBps), 10_000n));
    const base = factoring ? offer.amountCents : advance;
    const periods = Math.max(1, Math.ceil(offer.termDays / offer.feePeriodDays));
    const perPeriod = Number(divideRounded(BigInt(base) * BigInt(offer.feeBps), 10_000n));
    return `The advance is ${percent(offer.advanceRateBps)} of the face value of ${formatMoney(offer.amountCents)}. The fee is ${percent(offer.feeBps)} of the ${factoring ? "face value" : "advance"} (${formatMoney(perPeriod)}) for each ${offer.feePeriodDays} days or part of ${offer.feePeriodDays} days until your buyer pays: ${periods} period${periods === 1 ? "" : "s"} for ${offer.termDays} days, ${formatMoney(perPeriod * periods)}.${fees} You repay the advance and the fee in one sum when your buyer pays. The APR treats the whole term as one period: finance charge ÷ amount disbursed × 365 ÷ ${offer.termDays} days. It is an estimate because the term is: if your buyer pays on another day, the cost and the APR change.`;
  }
  const ppy = PERIODS_PER_YEAR[offer.paymentFrequency] ?? 12;
  return `Each payment is the level payment that repays ${formatMoney(offer.amountCents)} with interest at ${percent(offer.interestRateBps ?? 0)} a year, charged on the balance each period (${ppy} periods a year) and rounded to the cent; the last payment takes up the rounding.${fees} The finance charge is the total repayment less the amount disbursed to you. The APR follows the actuarial method of the federal Truth in Lending rules (Regulation Z, Appendix J): it is the rate per period at which the payments, each discounted to the day the funds are sent, add up to the amount disbursed, times ${ppy} periods a year.`;
}

/** What an APR is, in plain words, for the product's kind of pricing. */
function aprMeaning(offer: DisclosedOffer, feePriced: boolean): string {
  const base =
    "The APR is the yearly cost of the financing: it counts the amount and timing of the money you receive, the fees and interest you pay, and when you pay them.";
  return feePriced
    ? `${base} It is not the fee rate: the fee is ${percent(offer.feeBps ?? 0)} per ${offer.feePeriodDays ?? 30} days, and the APR is higher because it puts that cost on a yearly basis and on the money you actually receive.`
    : `${base} It is not an interest rate: your interest rate is ${percent(offer.interestRateBps ?? 0)} a year, and the APR ${offer.feeDeductedCents > 0 ? "is higher because it also counts the fee deducted" : "equals it here because no fee is deducted"}.`;
}

/** The disclosure of one offer, from its stored terms and figures. */
export function disclosureContent(offer: DisclosedOffer, lenderName: string): DisclosureContent {
  const feePriced = FEE_PRICED.has(offer.productType as ProductType);
  const fundedOn = startOfDay(offer.madeAt);
  const amounts = offer.schedule.map((p) => p.amountCents);
  const facts: DisclosureLine[] = [];
  const advance = Number(divideRounded(BigInt(offer.amountCents) * BigInt(offer.advanceRateBps), 10_000n));
  if (feePriced) {
    const factoring = offer.productType === "INVOICE_FACTORING";
    facts.push(
      {
        label: factoring ? "Invoice face value" : "Purchase order face value",
        value: formatMoney(offer.amountCents),
      },
      { label: "Advance rate", value: `${percent(offer.advanceRateBps)} of the face value` },
      { label: "Total amount of financing", value: `${formatMoney(advance)} (the advance)` },
    );
  } else {
    facts.push({ label: "Total amount of financing", value: formatMoney(offer.amountCents) });
  }
  if (offer.feeDeductedCents > 0)
    facts.push({ label: feeLabel(offer.productType), value: formatMoney(offer.feeDeductedCents) });
  facts.push(
    {
      label: "Amount disbursed to you",
      value:
        offer.feeDeductedCents > 0
          ? `${formatMoney(offer.fundsProvidedCents)} (the financing less the fee deducted)`
          : formatMoney(offer.fundsProvidedCents),
    },
    { label: "Finance charge", value: formatMoney(offer.financeChargeCents) },
    { label: "Total repayment", value: formatMoney(offer.totalRepaymentCents) },
  );
  const due = isoDay(paymentDate(fundedOn, offer.paymentFrequency, 1, offer.termDays));
  if (feePriced) {
    facts.push(
      { label: "Estimated APR", value: apr(offer.estimatedAprBps) },
      {
        label: "Estimated term",
        value: `${offer.termDays} days (assumes your buyer pays on day ${offer.termDays})`,
      },
      {
        label: "Payment",
        value: `${formatMoney(offer.totalRepaymentCents)} in one sum when your buyer pays (estimated ${due})`,
      },
      {
        label: "Fee",
        value: `${percent(offer.feeBps ?? 0)} of the ${offer.productType === "INVOICE_FACTORING" ? "face value" : "advance"} per ${offer.feePeriodDays ?? 30} days or part of them`,
      },
    );
  } else {
    facts.push(
      { label: "APR", value: apr(offer.estimatedAprBps) },
      { label: "Term", value: termText(offer.paymentFrequency, offer.paymentCount, offer.termDays) },
      { label: "Payments", value: paymentsText(offer.paymentFrequency, amounts) },
      { label: "Interest rate", value: `${percent(offer.interestRateBps ?? 0)} a year` },
    );
  }

  const last = amounts[amounts.length - 1] ?? 0;
  const rounding =
    amounts.length > 1 && amounts.some((a) => a !== amounts[0])
      ? `Payments are rounded to the cent; the last one, ${formatMoney(last)}, takes up the rounding (${formatMoney(last - (amounts[0] ?? 0))} ${last >= (amounts[0] ?? 0) ? "more" : "less"} than the others), so the payments add up to the total repayment exactly.`
      : null;
  const assumption = feePriced
    ? `The date assumes the funds are sent on ${isoDay(fundedOn)}, the day the offer was made, and that your buyer pays ${offer.termDays} days later.`
    : `The dates assume the funds are sent on ${isoDay(fundedOn)}, the day the offer was made, ${offer.paymentFrequency === "MONTHLY" ? "with each payment on the same day of the following months (the last day of a shorter month)" : `with a payment every ${offer.paymentFrequency === "WEEKLY" ? "7" : "14"} days`}. If the funds are sent on another day, every date moves with it.`;

  const notes: { heading: string; text: string }[] = [];
  if (feePriced) {
    const perPeriodBase = offer.productType === "INVOICE_FACTORING" ? offer.amountCents : advance;
    const perPeriod = Number(divideRounded(BigInt(perPeriodBase) * BigInt(offer.feeBps ?? 0), 10_000n));
    notes.push({
      heading: "Estimated term",
      text: `The term is an estimate: it assumes your buyer pays on day ${offer.termDays} after the funds are sent, the day the lender expects from the payment term of the ${offer.productType === "INVOICE_FACTORING" ? "invoice" : "order"}. If your buyer pays later, you pay ${formatMoney(perPeriod)} more for each further ${offer.feePeriodDays ?? 30} days started; the APR changes with the term.`,
    });
  }
  notes.push(
    { heading: "Prepayment", text: offer.prepaymentTerms },
    { heading: "Security and recourse", text: securityText(offer, lenderName) },
    { heading: "What the APR means", text: aprMeaning(offer, feePriced) },
    { heading: "How the figures were computed", text: methodText(offer) },
  );

  return {
    product: PRODUCT_TYPE_LABELS[offer.productType as ProductType] ?? offer.productType,
    facts,
    schedule: {
      assumption,
      rows: offer.schedule.map((p) => ({
        number: p.number,
        date: isoDay(paymentDate(fundedOn, offer.paymentFrequency, p.number, offer.termDays)),
        amount: formatMoney(p.amountCents),
      })),
      rounding,
    },
    notes,
  };
}
