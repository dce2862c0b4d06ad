import { formatMoney } from "~/domain/money";
import type { Disclosure } from "~/domain/offers/disclosure";

const FREQUENCY: Record<string, string> = {
  SINGLE: "one payment",
  WEEKLY: "weekly",
  BIWEEKLY: "every two weeks",
  MONTHLY: "monthly",
};

/** The disclosure exactly as the merchant sees it. */
export function DisclosureTable({
  disclosure,
}: {
  disclosure: Pick<
    Disclosure,
    | "fundsProvidedCents"
    | "financeChargeCents"
    | "totalRepaymentCents"
    | "estimatedAprBps"
    | "termDays"
    | "paymentCount"
    | "paymentAmountCents"
    | "prepaymentTerms"
  > & { paymentFrequency: string };
}) {
  return (
    <dl className="details disclosure">
      <dt>Funds provided</dt>
      <dd>{formatMoney(disclosure.fundsProvidedCents)}</dd>
      <dt>Finance charge</dt>
      <dd>{formatMoney(disclosure.financeChargeCents)}</dd>
      <dt>Total repayment</dt>
      <dd>{formatMoney(disclosure.totalRepaymentCents)}</dd>
      <dt>Estimated APR</dt>
      <dd>
        <strong>{`${(disclosure.estimatedAprBps / 100).toFixed(2)}%`}</strong>
      </dd>
      <dt>Term</dt>
      <dd>{`${disclosure.termDays} days`}</dd>
      <dt>Payments</dt>
      <dd>
        {disclosure.paymentCount === 1
          ? `${formatMoney(disclosure.paymentAmountCents)} once, at the end of the term`
          : `${disclosure.paymentCount} payments of ${formatMoney(disclosure.paymentAmountCents)}, ${FREQUENCY[disclosure.paymentFrequency] ?? disclosure.paymentFrequency}`}
      </dd>
      <dt>Prepayment</dt>
      <dd>{disclosure.prepaymentTerms}</dd>
    </dl>
  );
}
