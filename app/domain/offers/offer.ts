// What a lender types to make an offer, and the disclosure terms it becomes. Pure: the browser
// shows the same disclosure as the lender types.
import { z } from "zod";
import { FEE_PRICED, PRODUCT_TYPES, type ProductType, percentToBps } from "~/domain/lenders/products";
import { parseAmountToMinor } from "~/domain/money";
import { computeDisclosure, type Disclosure, type OfferTerms } from "./disclosure";

const percent = (label: string, maxBps: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .transform((value, ctx) => {
      const bps = percentToBps(value);
      if (bps === null || bps <= 0 || bps > maxBps) {
        ctx.addIssue({
          code: "custom",
          message: `Enter the ${label} as a percentage above 0 and at most ${maxBps / 100}.`,
        });
        return z.NEVER;
      }
      return bps;
    });

export const OfferSchema = z
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
    advanceRate: percent("advance rate", 10_000),
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
    expiresInDays: z
      .number({ error: "Enter how many days the offer stands." })
      .int("Enter whole days.")
      .min(1, "At least 1 day.")
      .max(60, "At most 60 days."),
  })
  .transform((offer, ctx) => {
    const fee = FEE_PRICED.has(offer.productType);
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
      return { ...offer, kind: "fee" as const, feeBps, termDays: offer.termDays };
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
    return {
      ...offer,
      kind: "amortising" as const,
      interestRateBps: rateBps,
      paymentFrequency: offer.paymentFrequency,
      paymentCount: offer.paymentCount,
    };
  });

export type OfferInput = z.output<typeof OfferSchema>;

export function offerTerms(offer: OfferInput): OfferTerms {
  if (offer.kind === "fee") {
    return {
      kind: "fee",
      productType: offer.productType as "PO_FINANCING" | "INVOICE_FACTORING",
      faceCents: offer.amount,
      advanceRateBps: offer.advanceRate,
      feeBps: offer.feeBps,
      feePeriodDays: 30,
      termDays: offer.termDays,
    };
  }
  return {
    kind: "amortising",
    productType: offer.productType as "EXPORT_WORKING_CAPITAL" | "TERM_LOAN",
    principalCents: Math.round((offer.amount * offer.advanceRate) / 10_000),
    interestRateBps: offer.interestRateBps,
    paymentFrequency: offer.paymentFrequency,
    paymentCount: offer.paymentCount,
  };
}

export function offerDisclosure(offer: OfferInput): Disclosure {
  return computeDisclosure(offerTerms(offer));
}

export function isFeePriced(type: string): boolean {
  return FEE_PRICED.has(type as ProductType);
}
