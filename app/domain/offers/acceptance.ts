// What a merchant signs when accepting an offer: the disclosure as shown (figure by figure and
// line by line), the consent it agreed to, and the name it typed, which must be the signer's own.
// Pure: the page renders the same lines it later stores (docs/design/disclosures.md).
import { z } from "zod";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import {
  type DisclosedOffer,
  type DisclosureContent,
  type DisclosureLine,
  disclosureContent,
} from "./disclosure-content";

export const ACCEPTANCE_CONSENT =
  "I agree to this offer and the terms disclosed above on behalf of the business, and I sign it electronically with the name I typed.";

export const SUSPENDED_PARTNER_NOTICE = "This lender's partnership with TradeLift is suspended.";

export type ShownOffer = DisclosedOffer & {
  id: string;
  currency: string;
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
  const copy: AcceptedDisclosure = {
    format: 2,
    offerId: offer.id,
    lender: offer.lenderName,
    product: PRODUCT_TYPE_LABELS[offer.productType as ProductType] ?? offer.productType,
    amountCents: offer.amountCents,
    currency: offer.currency,
    advanceRateBps: offer.advanceRateBps,
    feeDeductedCents: offer.feeDeductedCents,
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
    content: disclosureContent(offer, offer.lenderName),
    notices: offerNotices(offer),
    consent: ACCEPTANCE_CONSENT,
  };
  return JSON.stringify(copy);
}

/** The accepted copy as stored: format 2 carries the whole disclosure; format 1 only its lines. */
export type AcceptedDisclosure = {
  format: 2;
  offerId: string;
  lender: string;
  product: string;
  amountCents: number;
  currency: string;
  advanceRateBps: number;
  feeDeductedCents: number;
  fundsProvidedCents: number;
  financeChargeCents: number;
  totalRepaymentCents: number;
  estimatedAprBps: number;
  termDays: number;
  paymentFrequency: string;
  paymentCount: number;
  paymentAmountCents: number;
  prepaymentTerms: string;
  expiresAt: string;
  content: DisclosureContent;
  notices: string[];
  consent: string;
};

type AcceptedBeforeContent = {
  format: 1;
  offerId: string;
  lender: string;
  product: string;
  expiresAt: string;
  lines: DisclosureLine[];
  notices: string[];
  consent: string;
};

/**
 * Reads a stored accepted copy back, as the signed document shows it: copies kept before the
 * disclosure had its schedule and notes show their lines only.
 */
export function readAcceptedDisclosure(json: string): AcceptedDisclosure {
  const copy = JSON.parse(json) as AcceptedDisclosure | AcceptedBeforeContent;
  if (copy.format === 2) return copy;
  return {
    ...(copy as AcceptedBeforeContent & Omit<AcceptedDisclosure, "format" | "content">),
    format: 2,
    content: {
      product: copy.product,
      facts: copy.lines,
      schedule: { assumption: "", rows: [], rounding: null },
      notes: [],
    },
  };
}

/** A name as compared for a signature: Unicode-normalised, case and spacing aside. */
export function comparableName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("en-US");
}

export function signatureMatches(typed: string, accountName: string): boolean {
  const signed = comparableName(typed);
  return signed.length > 0 && signed === comparableName(accountName);
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
/** The accept form: the offer, the name typed, the consent box, and the hash of what was shown. */
export const AcceptOfferSchema = /* @__PURE__ */ (() =>
  z.object({
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
  }))();

/** An irreversible step the merchant confirmed (ConfirmAction posts `confirmed=yes`). */
export const confirmed = /* @__PURE__ */ (() =>
  z.literal("yes", {
    error: "Confirm first: open the step, read what will happen and use its button.",
  }))();

export const DeclineOfferSchema = /* @__PURE__ */ (() =>
  z.object({
    offerId: z.string({ error: "Choose an offer." }).min(1, "Choose an offer."),
    confirmed,
  }))();
