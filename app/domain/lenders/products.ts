// Lender products: what a lender finances and on what terms. Pure: enums and form validation.
import { z } from "zod";
import { parseAmountToMinor } from "~/domain/money";
import { PAYMENT_TERMS } from "~/domain/orders/orders";
import { isCountryCode } from "~/domain/reference/countries";
import { optionalFreeText, organisationName } from "~/domain/text";

export const PRODUCT_TYPES = [
  "PO_FINANCING",
  "INVOICE_FACTORING",
  "EXPORT_WORKING_CAPITAL",
  "TERM_LOAN",
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  PO_FINANCING: "Purchase-order financing",
  INVOICE_FACTORING: "Export invoice factoring",
  EXPORT_WORKING_CAPITAL: "Export working-capital line",
  TERM_LOAN: "Term loan",
};
/** Products priced by a fee per 30 days; the others by an annual rate. */
export const FEE_PRICED: ReadonlySet<ProductType> = new Set(["PO_FINANCING", "INVOICE_FACTORING"]);

export const PRODUCT_STATUSES = ["ACTIVE", "PAUSED"] as const;
export const COUNTRY_MODES = ["ANY", "ALLOWED_ONLY"] as const;

/** "2.5" (percent) → 250 basis points; null when not a percentage with at most two decimals. */
export function percentToBps(value: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value.trim().replace(/%$/, ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0") || "0");
}

const percent = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .transform((value, ctx) => {
      const bps = percentToBps(value);
      if (bps === null || bps < min || bps > max) {
        ctx.addIssue({
          code: "custom",
          message: `Enter a percentage from ${min / 100} to ${max / 100}, e.g. 2.5.`,
        });
        return z.NEVER;
      }
      return bps;
    });

const optionalPercent = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const bps = percentToBps(value);
      if (bps === null || bps < min || bps > max) {
        ctx.addIssue({
          code: "custom",
          message: `Enter the ${label} as a percentage from ${min / 100} to ${max / 100}.`,
        });
        return z.NEVER;
      }
      return bps;
    });

const dollars = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .transform((value, ctx) => {
      const cents = parseAmountToMinor(value, "USD");
      if (cents === null || cents > 100_000_000_000n) {
        ctx.addIssue({ code: "custom", message: "Enter an amount in dollars, e.g. 250,000." });
        return z.NEVER;
      }
      return cents;
    });

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const countries = /* @__PURE__ */ (() =>
  z
    .array(z.string().trim().toUpperCase().refine(isCountryCode, "Choose countries from the list."))
    .max(250)
    .default([])
    .transform((codes) => [...new Set(codes)].sort()))();

const integer = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter the ${label}.` })
    .int("Enter a whole number.")
    .min(min, `The ${label} is at least ${min}.`)
    .max(max, `The ${label} is at most ${max}.`);

export const LenderProductSchema = /* @__PURE__ */ (() =>
  z
    .object({
      name: organisationName("the product's name", 100),
      type: z.enum(PRODUCT_TYPES, { error: "Choose the product type." }),
      description: optionalFreeText(500),
      minAmount: dollars("smallest amount"),
      maxAmount: dollars("largest amount"),
      minScore: integer("minimum score", 0, 1000),
      minMonthsInBusiness: integer("minimum months in business", 0, 600),
      minAnnualRevenue: dollars("minimum annual revenue"),
      countryMode: z.enum(COUNTRY_MODES, { error: "Choose which buyer countries are accepted." }),
      allowedCountries: countries,
      blockedCountries: countries,
      maxOecdCategory: integer("highest OECD category", 0, 7),
      acceptedPaymentTerms: z
        .array(z.enum(PAYMENT_TERMS, { error: "Choose payment terms from the list." }), {
          error: "Choose at least one payment term.",
        })
        .min(1, "Choose at least one payment term.")
        .transform((terms) => [...new Set(terms)]),
      blockedNaicsPrefixes: z
        .string()
        .trim()
        .optional()
        .transform((value, ctx) => {
          const prefixes = (value ?? "").split(/[\s,]+/).filter(Boolean);
          if (prefixes.some((p) => !/^\d{2,6}$/.test(p))) {
            ctx.addIssue({
              code: "custom",
              message: "List NAICS prefixes of 2 to 6 digits, separated by commas, e.g. 1113, 3254.",
            });
            return z.NEVER;
          }
          return [...new Set(prefixes)];
        }),
      minTenorDays: integer("shortest tenor", 1, 3650),
      maxTenorDays: integer("longest tenor", 1, 3650),
      advanceRate: percent("advance rate", 100, 10_000),
      priceMin: optionalPercent("lowest price", 1, 10_000),
      priceMax: optionalPercent("highest price", 1, 10_000),
    })
    .superRefine((p, ctx) => {
      if (p.minAmount > p.maxAmount)
        ctx.addIssue({
          code: "custom",
          path: ["maxAmount"],
          message: "The largest amount must be at least the smallest.",
        });
      if (p.minTenorDays > p.maxTenorDays)
        ctx.addIssue({
          code: "custom",
          path: ["maxTenorDays"],
          message: "The longest tenor must be at least the shortest.",
        });
      if (p.countryMode === "ALLOWED_ONLY" && p.allowedCountries.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["allowedCountries"],
          message: "Choose the countries you accept, or accept any country.",
        });
      }
      const both = p.allowedCountries.filter((c) => p.blockedCountries.includes(c));
      if (p.countryMode === "ALLOWED_ONLY" && both.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["blockedCountries"],
          message: `A country cannot be both accepted and blocked: ${both.join(", ")}.`,
        });
      }
      if (p.priceMin === null)
        ctx.addIssue({ code: "custom", path: ["priceMin"], message: "Enter the lowest price." });
      if (p.priceMax === null)
        ctx.addIssue({ code: "custom", path: ["priceMax"], message: "Enter the highest price." });
      if (p.priceMin !== null && p.priceMax !== null && p.priceMin > p.priceMax) {
        ctx.addIssue({
          code: "custom",
          path: ["priceMax"],
          message: "The highest price must be at least the lowest.",
        });
      }
      if (FEE_PRICED.has(p.type) && p.priceMax !== null && p.priceMax > 2000) {
        ctx.addIssue({
          code: "custom",
          path: ["priceMax"],
          message: "A fee per 30 days above 20% is not accepted on TradeLift.",
        });
      }
    }))();

export type LenderProductInput = z.output<typeof LenderProductSchema>;
