// What a merchant signs when accepting an offer: the disclosure as shown (figure by figure and
// line by line), the consent it agreed to, and the name it typed, which must be the signer's own.
// Pure: the page renders the same lines it later stores (docs/design/disclosures.md).
import { z } from "zod";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import type { Disclosure } from "./disclosure";

export const ACCEPTANCE_CONSENT =
  "I agree to this offer and the terms disclosed above on behalf of the business, and I sign it electronically with the name I typed.";

export const SUSPENDED_PARTNER_NOTICE = "This lender's partnership with TradeLift is suspended.";

const FREQUENCY: Record<string, string> = {
  SINGLE: "one payment",
  WEEKLY: "weekly",
  BIWEEKLY: "every two weeks",
  MONTHLY: "monthly",
};

export type DisclosureFigures = Pick<
  Disclosure,
  | "fundsProvidedCents"
  | "financeChargeCents"
  | "totalRepaymentCents"
  | "estimatedAprBps"
  | "termDays"
  | "paymentCount"
  | "paymentAmountCents"
  | "prepaymentTerms"
> & {
  paymentFrequency: string /** A fee deducted from the funds, already in the finance charge. */;
  feeDeductedCents?: number;
};

/** The disclosure's lines, each as the merchant reads it. */
export function disclosureLines(d: DisclosureFigures): { label: string; value: string }[] {
  return [
    { label: "Funds provided", value: formatMoney(d.fundsProvidedCents) },
    ...(d.feeDeductedCents
      ? [
          {
            label: "Fee deducted from the funds",
            value: `${formatMoney(d.feeDeductedCents)} (part of the finance charge)`,
          },
        ]
      : []),
    { label: "Finance charge", value: formatMoney(d.financeChargeCents) },
    { label: "Total repayment", value: formatMoney(d.totalRepaymentCents) },
    { label: "Estimated APR", value: `${(d.estimatedAprBps / 100).toFixed(2)}%` },
    { label: "Term", value: `${d.termDays} days` },
    {
      label: "Payments",
      value:
        d.paymentCount === 1
          ? `${formatMoney(d.paymentAmountCents)} once, at the end of the term`
          : `${d.paymentCount} payments of ${formatMoney(d.paymentAmountCents)}, ${FREQUENCY[d.paymentFrequency] ?? d.paymentFrequency}`,
    },
    { label: "Prepayment", value: d.prepaymentTerms },
  ];
}

export type ShownOffer = DisclosureFigures & {
  id: string;
  productType: string;
  amountCents: number;
  currency: string;
  advanceRateBps: number;
  expiresAt: Date | string;
  lenderName: string;
  partnerStatus: string;
};

/** The notes shown beside an offer before it is accepted. */
export function offerNotices(offer: { partnerStatus: string }): string[] {
  return offer.partnerStatus === "SUSPENDED" ? [SUSPENDED_PARTNER_NOTICE] : [];
}

/**
 * The exact copy of what the merchant is shown before signing, as JSON with a fixed key order, so
 * that the same offer always gives the same text (and hash). A change of any figure, line, notice
 * or of the consent text changes it.
 */
export function acceptedDisclosureJson(offer: ShownOffer): string {
  return JSON.stringify({
    format: 1,
    offerId: offer.id,
    lender: offer.lenderName,
    product: PRODUCT_TYPE_LABELS[offer.productType as ProductType] ?? offer.productType,
    amountCents: offer.amountCents,
    currency: offer.currency,
    advanceRateBps: offer.advanceRateBps,
    fundsProvidedCents: offer.fundsProvidedCents,
    financeChargeCents: offer.financeChargeCents,
    totalRepaymentCents: offer.totalRepaymentCents,
    estimatedAprBps: offer.estimatedAprBps,
    termDays: offer.termDays,
    paymentFrequency: offer.paymentFrequency,
    paymentCount: offer.paymentCount,
    paymentAmountCents: offer.paymentAmountCents,
    prepaymentTerms: offer.prepaymentTerms,
    expiresAt: new Date(offer.expiresAt).toISOString(),
    lines: disclosureLines(offer),
    notices: offerNotices(offer),
    consent: ACCEPTANCE_CONSENT,
  });
}

/** A name as compared for a signature: Unicode-normalised, case and spacing aside. */
export function comparableName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("en-US");
}

export function signatureMatches(typed: string, accountName: string): boolean {
  const signed = comparableName(typed);
  return signed.length > 0 && signed === comparableName(accountName);
}

/** The accept form: the offer, the name typed, the consent box, and the hash of what was shown. */
export const AcceptOfferSchema = z.object({
  offerId: z.string({ error: "Choose an offer." }).min(1, "Choose an offer."),
  signatureName: z
    .string({ error: "Type your full name to sign." })
    .trim()
    .min(1, "Type your full name to sign.")
    .max(120, "Use at most 120 characters."),
  consent: z.literal("on", { error: "Tick the box to agree to the offer and its terms." }),
  disclosureSha256: z
    .string({ error: "The page did not say which terms you saw; reload it and sign again." })
    .regex(/^[0-9a-f]{64}$/, "The page did not say which terms you saw; reload it and sign again."),
});

/** An irreversible step the merchant confirmed (ConfirmAction posts `confirmed=yes`). */
export const confirmed = z.literal("yes", {
  error: "Confirm first: open the step, read what will happen and use its button.",
});

export const DeclineOfferSchema = z.object({
  offerId: z.string({ error: "Choose an offer." }).min(1, "Choose an offer."),
  confirmed,
});
