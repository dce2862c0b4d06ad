// The lender's offer form previews the merchant's disclosure as it is filled in. The browser does
// not load zod (docs/design/platform.md, "Light pages"), so this reads the few fields the
// disclosure needs by hand. It only decides whether there is something to preview: the server
// parses the submitted offer with OfferSchema, which gives the field messages.
import { FEE_PRICED, type ProductType, percentToBps } from "~/domain/lenders/products";
import { parseAmountToMinor } from "~/domain/money";
import type { OfferInput } from "./offer";

const FREQUENCIES = ["WEEKLY", "BIWEEKLY", "MONTHLY"] as const;

function wholeNumber(value: string | undefined, min: number, max: number): number | null {
  if (!value || !/^\d+$/.test(value.trim())) return null;
  const number = Number(value.trim());
  return number >= min && number <= max ? number : null;
}

function cents(value: string | undefined): number | null {
  const minor = parseAmountToMinor((value ?? "").trim(), "USD");
  return minor === null ? null : Number(minor);
}

/** The offer the form's values describe, or null while they are incomplete or out of range. */
export function previewOffer(productType: string, values: Record<string, unknown>): OfferInput | null {
  const text = (name: string) => {
    const value = values[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const amount = cents(text("amount"));
  if (amount === null || amount < 100_000 || amount > 2_000_000_000) return null;
  const originationFee = text("originationFee") === undefined ? 0 : cents(text("originationFee"));
  if (originationFee === null || originationFee < 0) return null;
  const expiresInDays = wholeNumber(text("expiresInDays"), 1, 60);
  if (expiresInDays === null) return null;
  const fee = FEE_PRICED.has(productType as ProductType);
  const advanceRate = fee ? percentToBps(text("advanceRate") ?? "") : 10_000;
  if (advanceRate === null || advanceRate <= 0 || advanceRate > 10_000) return null;
  if (originationFee >= Math.round((amount * advanceRate) / 10_000)) return null;
  const common = {
    productType: productType as ProductType,
    amount,
    amountAboveRequestReason: text("amountAboveRequestReason"),
    originationFee,
    feePer30Days: text("feePer30Days"),
    interestRate: text("interestRate"),
    expiresInDays,
    advanceRate,
  };
  if (fee) {
    const feeBps = percentToBps(text("feePer30Days") ?? "");
    const termDays = wholeNumber(text("termDays"), 7, 3650);
    if (feeBps === null || feeBps <= 0 || feeBps > 2000 || termDays === null) return null;
    const recourse = text("recourse");
    if (
      productType === "INVOICE_FACTORING" &&
      recourse !== "WITH_RECOURSE" &&
      recourse !== "WITHOUT_RECOURSE"
    )
      return null;
    return {
      ...common,
      kind: "fee",
      feeBps,
      termDays,
      recourse:
        productType === "INVOICE_FACTORING" ? (recourse as "WITH_RECOURSE" | "WITHOUT_RECOURSE") : null,
      securityTerms: null,
    };
  }
  const interestRateBps = percentToBps(text("interestRate") ?? "");
  const paymentFrequency = FREQUENCIES.find((frequency) => frequency === text("paymentFrequency"));
  const paymentCount = wholeNumber(text("paymentCount"), 1, 520);
  const securityTerms = text("securityTerms");
  if (interestRateBps === null || interestRateBps <= 0 || interestRateBps > 10_000) return null;
  if (!paymentFrequency || paymentCount === null || !securityTerms || securityTerms.length < 4) return null;
  return {
    ...common,
    kind: "amortising",
    termDays: undefined,
    recourse: null,
    securityTerms,
    interestRateBps,
    paymentFrequency,
    paymentCount,
  };
}
