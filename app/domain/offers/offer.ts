// What a lender types to make an offer, and the disclosure terms it becomes. Pure: the browser
// shows the same disclosure as the lender types.
import { z } from "zod";
import { FEE_PRICED, PRODUCT_TYPES, type ProductType, percentToBps } from "~/domain/lenders/products";
import { parseAmountToMinor } from "~/domain/money";
import { optionalFreeText } from "~/domain/text";
import { computeDisclosure, type Disclosure, type OfferTerms } from "./disclosure";
import type { DisclosedOffer } from "./disclosure-content";

/** Fee-priced offers charge their fee per 30 days started. */
export const FEE_PERIOD_DAYS = 30;

export const RECOURSE = ["WITH_RECOURSE", "WITHOUT_RECOURSE"] as const;
export type Recourse = (typeof RECOURSE)[number];

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const OfferSchema = /* @__PURE__ */ (() =>
  z
    .object({
      productType: z.enum(PRODUCT_TYPES, { error: "Choose the kind of financing." }),
      amount: z
        .string({ error: "Enter the amount." })
        .trim()
        .min(1, "Enter the amount.")
        .transform((value, ctx) => {
          const cents = parseAmountToMinor(value, "USD");
          if (cents === null || cents < 100_000n || cents > 2_000_000_000n) {
            ctx.addIssue({ code: "custom", message: "Enter an amount from $1,000 to $20,000,000." });
            return z.NEVER;
          }
          return Number(cents);
        }),
      amountAboveRequestReason: z.string().trim().max(300, "Use at most 300 characters.").optional(),
      // Factoring and PO financing only: a loan or line lends the whole amount.
      advanceRate: z.string().trim().optional(),
      originationFee: z
        .string()
        .trim()
        .optional()
        .transform((value, ctx) => {
          if (!value) return 0;
          const cents = parseAmountToMinor(value, "USD");
          if (cents === null || cents < 0n) {
            ctx.addIssue({ code: "custom", message: "Enter the fee in dollars, or leave it empty." });
            return z.NEVER;
          }
          return Number(cents);
        }),
      feePer30Days: z.string().trim().optional(),
      termDays: z
        .number({ error: "Enter the term in days." })
        .int("Enter whole days.")
        .min(7, "At least 7 days.")
        .max(3650, "At most 10 years.")
        .optional(),
      interestRate: z.string().trim().optional(),
      paymentFrequency: z
        .enum(["WEEKLY", "BIWEEKLY", "MONTHLY"], { error: "Choose how often payments are due." })
        .optional(),
      paymentCount: z
        .number({ error: "Enter the number of payments." })
        .int("Enter a whole number.")
        .min(1, "At least 1 payment.")
        .max(520, "At most 520 payments.")
        .optional(),
      // Factoring: who bears the loss when the buyer does not pay.
      recourse: z
        .enum(RECOURSE, { error: "Choose whether the factoring is with or without recourse." })
        .optional(),
      // Loans and lines: what secures them, in the lender's words (shown to the merchant as written).
      securityTerms: optionalFreeText(300),
      expiresInDays: z
        .number({ error: "Enter how many days the offer stands." })
        .int("Enter whole days.")
        .min(1, "At least 1 day.")
        .max(60, "At most 60 days."),
    })
    .transform((offer, ctx) => {
      const fee = FEE_PRICED.has(offer.productType);
      const advanceRate = fee ? percentToBps(offer.advanceRate ?? "") : 10_000;
      if (advanceRate === null || advanceRate <= 0 || advanceRate > 10_000) {
        ctx.addIssue({
          code: "custom",
          path: ["advanceRate"],
          message: "Enter the advance rate as a percentage above 0 and at most 100.",
        });
        return z.NEVER;
      }
      // The fee comes out of the money disbursed, so it must leave something to disburse.
      if (offer.originationFee >= Math.round((offer.amount * advanceRate) / 10_000)) {
        ctx.addIssue({
          code: "custom",
          path: ["originationFee"],
          message: "The fee must be less than the amount advanced.",
        });
        return z.NEVER;
      }
      if (fee) {
        const feeBps = offer.feePer30Days ? percentToBps(offer.feePer30Days) : null;
        if (feeBps === null || feeBps <= 0 || feeBps > 2000) {
          ctx.addIssue({
            code: "custom",
            path: ["feePer30Days"],
            message: "Enter the fee per 30 days as a percentage above 0 and at most 20.",
          });
          return z.NEVER;
        }
        if (!offer.termDays) {
          ctx.addIssue({
            code: "custom",
            path: ["termDays"],
            message: "Enter the days until the buyer is due to pay.",
          });
          return z.NEVER;
        }
        let recourse: Recourse | null = null;
        if (offer.productType === "INVOICE_FACTORING") {
          if (!offer.recourse) {
            ctx.addIssue({
              code: "custom",
              path: ["recourse"],
              message: "Choose whether the factoring is with or without recourse.",
            });
            return z.NEVER;
          }
          recourse = offer.recourse;
        }
        return {
          ...offer,
          kind: "fee" as const,
          advanceRate,
          feeBps,
          termDays: offer.termDays,
          recourse,
          securityTerms: null,
        };
      }
      const rateBps = offer.interestRate ? percentToBps(offer.interestRate) : null;
      if (rateBps === null || rateBps <= 0 || rateBps > 10_000) {
        ctx.addIssue({
          code: "custom",
          path: ["interestRate"],
          message: "Enter the annual interest rate as a percentage above 0 and at most 100.",
        });
        return z.NEVER;
      }
      if (!offer.paymentFrequency) {
        ctx.addIssue({
          code: "custom",
          path: ["paymentFrequency"],
          message: "Choose how often payments are due.",
        });
        return z.NEVER;
      }
      if (!offer.paymentCount) {
        ctx.addIssue({ code: "custom", path: ["paymentCount"], message: "Enter the number of payments." });
        return z.NEVER;
      }
      if (!offer.securityTerms || offer.securityTerms.length < 4) {
        ctx.addIssue({
          code: "custom",
          path: ["securityTerms"],
          message:
            'Say what secures the financing, e.g. "A lien on all business assets", or "Nothing: unsecured".',
        });
        return z.NEVER;
      }
      return {
        ...offer,
        kind: "amortising" as const,
        recourse: null,
        securityTerms: offer.securityTerms,
        advanceRate,
        interestRateBps: rateBps,
        paymentFrequency: offer.paymentFrequency,
        paymentCount: offer.paymentCount,
      };
    }))();

export type OfferInput = z.output<typeof OfferSchema>;

export function offerTerms(offer: OfferInput): OfferTerms {
  if (offer.kind === "fee") {
    return {
      kind: "fee",
      productType: offer.productType as "PO_FINANCING" | "INVOICE_FACTORING",
      faceCents: offer.amount,
      advanceRateBps: offer.advanceRate,
      feeBps: offer.feeBps,
      feePeriodDays: FEE_PERIOD_DAYS,
      termDays: offer.termDays,
      feeDeductedCents: offer.originationFee,
    };
  }
  return {
    kind: "amortising",
    productType: offer.productType as "EXPORT_WORKING_CAPITAL" | "TERM_LOAN",
    // The amount typed is the amount financed: a loan or line has no advance rate.
    principalCents: offer.amount,
    interestRateBps: offer.interestRateBps,
    paymentFrequency: offer.paymentFrequency,
    paymentCount: offer.paymentCount,
    originationFeeCents: offer.originationFee,
  };
}

export function offerDisclosure(offer: OfferInput): Disclosure {
  return computeDisclosure(offerTerms(offer));
}

/**
 * The offer as it will be stored and disclosed: its terms and every figure. The lender's form
 * previews the disclosure from it, and makeOffer stores it (docs/design/disclosures.md).
 */
export function offerAsDisclosed(offer: OfferInput, madeAt: Date): DisclosedOffer {
  const d = offerDisclosure(offer);
  return {
    productType: offer.productType,
    amountCents: offer.amount,
    advanceRateBps: offer.advanceRate,
    feeBps: offer.kind === "fee" ? offer.feeBps : null,
    feePeriodDays: offer.kind === "fee" ? FEE_PERIOD_DAYS : null,
    interestRateBps: offer.kind === "amortising" ? offer.interestRateBps : null,
    feeDeductedCents: offer.originationFee,
    securityTerms: offer.securityTerms,
    recourse: offer.recourse,
    fundsProvidedCents: d.fundsProvidedCents,
    financeChargeCents: d.financeChargeCents,
    totalRepaymentCents: d.totalRepaymentCents,
    estimatedAprBps: d.estimatedAprBps,
    termDays: d.termDays,
    paymentFrequency: d.paymentFrequency,
    paymentCount: d.paymentCount,
    paymentAmountCents: d.paymentAmountCents,
    prepaymentTerms: d.prepaymentTerms,
    schedule: d.schedule,
    madeAt,
  };
}

/** The day the buyers of the orders financed are due to pay: the longest payment term, if any. */
export function buyerPaysInDays(orders: readonly { paymentTermDays: number }[]): number | null {
  const days = orders.map((o) => o.paymentTermDays).filter((d) => d > 0);
  return days.length > 0 ? Math.max(...days) : null;
}

export function isFeePriced(type: string): boolean {
  return FEE_PRICED.has(type as ProductType);
}
