// The business profile: what a merchant tells us about its business and owners. Pure: shared by
// the form in the browser and the server, which is the authority.
import { z } from "zod";
import { parseAmountToMinor } from "~/domain/money";
import { isCountryCode } from "~/domain/reference/countries";
import { US_STATE_CODES } from "~/domain/reference/us-states";
import {
  addressLine,
  jobTitle,
  optionalAddressLine,
  optionalOrganisationName,
  organisationName,
  personName,
  websiteUrl,
} from "~/domain/text";

export const ENTITY_TYPES = ["LLC", "C_CORP", "S_CORP", "PARTNERSHIP", "SOLE_PROPRIETORSHIP"] as const;
// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const EntityType = /* @__PURE__ */ (() => z.enum(ENTITY_TYPES))();
export const ENTITY_TYPE_LABELS: Record<(typeof ENTITY_TYPES)[number], string> = {
  LLC: "Limited liability company (LLC)",
  C_CORP: "C corporation",
  S_CORP: "S corporation",
  PARTNERSHIP: "Partnership",
  SOLE_PROPRIETORSHIP: "Sole proprietorship",
};

// IRS campus prefixes that are assigned to EINs (irs.gov, "How EINs are assigned").
const EIN_PREFIXES = new Set([
  "01",
  "02",
  "03",
  "04",
  "05",
  "06",
  "10",
  "11",
  "12",
  "13",
  "14",
  "15",
  "16",
  "20",
  "21",
  "22",
  "23",
  "24",
  "25",
  "26",
  "27",
  "30",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "38",
  "39",
  "40",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "47",
  "48",
  "50",
  "51",
  "52",
  "53",
  "54",
  "55",
  "56",
  "57",
  "58",
  "59",
  "60",
  "61",
  "62",
  "63",
  "64",
  "65",
  "66",
  "67",
  "68",
  "71",
  "72",
  "73",
  "74",
  "75",
  "76",
  "77",
  "80",
  "81",
  "82",
  "83",
  "84",
  "85",
  "86",
  "87",
  "88",
  "90",
  "91",
  "92",
  "93",
  "94",
  "95",
  "98",
  "99",
]);

/** Normalises "12-3456789" or "123456789" to "12-3456789"; null when it cannot be an EIN. */
export function normaliseEin(input: string): string | null {
  const digits = input.trim().replace(/[\s-]/g, "");
  if (!/^\d{9}$/.test(digits)) return null;
  if (!EIN_PREFIXES.has(digits.slice(0, 2))) return null;
  return `${digits.slice(0, 2)}-${digits.slice(2)}`;
}

export function maskEin(last4: string | null | undefined): string {
  return last4 ? `••-•••${last4}` : "not provided";
}

// NAICS 2022 sectors (first two digits of a code).
const NAICS_SECTORS = new Set([
  "11",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "42",
  "44",
  "45",
  "48",
  "49",
  "51",
  "52",
  "53",
  "54",
  "55",
  "56",
  "61",
  "62",
  "71",
  "72",
  "81",
  "92",
]);

export function isNaicsCode(code: string): boolean {
  return /^\d{6}$/.test(code) && NAICS_SECTORS.has(code.slice(0, 2));
}

/** "33.33" → 3333 basis points; null when not a percentage with at most two decimals. */
export function parsePercentToBps(input: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/%$/, ""));
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0") || "0");
  return bps <= 10_000 ? bps : null;
}

export function bpsToPercentString(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const fraction = bps % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/**
 * Full months in business, counted from the 1st of the founding month to `today` (UTC). Null when
 * the year or the month is missing: a missing month is never taken to be January (which would
 * add up to eleven months), the profile is incomplete instead.
 */
export function monthsInBusiness(
  founded: { yearFounded: number | null; monthFounded: number | null },
  today: Date,
): number | null {
  const { yearFounded, monthFounded } = founded;
  if (yearFounded === null || monthFounded === null || monthFounded < 1 || monthFounded > 12) return null;
  const months = (today.getUTCFullYear() - yearFounded) * 12 + (today.getUTCMonth() + 1 - monthFounded);
  return Math.max(0, months);
}

export const MAX_OWNERS = 10;

export const BeneficialOwnerSchema = /* @__PURE__ */ (() =>
  z.object({
    name: personName("the owner's full name"),
    title: jobTitle("the owner's title"),
    ownershipPercent: z
      .string({ error: "Enter the percentage owned (0 for a controlling person who owns none)." })
      .transform((value, ctx) => {
        const bps = parsePercentToBps(value);
        if (bps === null) {
          ctx.addIssue({ code: "custom", message: "Enter a percentage from 0 to 100, e.g. 40 or 33.33." });
          return z.NEVER;
        }
        return bps;
      }),
  }))();

export function merchantProfileSchema(options: {
  currentYear: number;
  /** 1–12; when given, a founding month later this year is refused. */
  currentMonth?: number;
  hasStoredEin: boolean;
}) {
  return z
    .object({
      legalName: organisationName("the legal name"),
      dbaName: optionalOrganisationName(),
      ein: z
        .string()
        .optional()
        .transform((value, ctx) => {
          if (!value || value.trim() === "") {
            if (options.hasStoredEin) return undefined; // keep the EIN on file
            ctx.addIssue({ code: "custom", message: "Enter the business's EIN, e.g. 12-3456789." });
            return z.NEVER;
          }
          const ein = normaliseEin(value);
          if (!ein) {
            ctx.addIssue({
              code: "custom",
              message: "An EIN is 9 digits with a valid IRS prefix, e.g. 12-3456789.",
            });
            return z.NEVER;
          }
          return ein;
        }),
      entityType: z.enum(ENTITY_TYPES, { error: "Choose the entity type." }),
      stateOfIncorporation: z
        .string({ error: "Choose the state of incorporation." })
        .refine((value) => US_STATE_CODES.has(value), "Choose the state of incorporation."),
      yearFounded: z
        .number({ error: "Enter the year the business was founded, e.g. 2015." })
        .int("Enter a whole year.")
        .min(1800, "Enter a year from 1800 on.")
        .max(options.currentYear, "The year founded cannot be in the future."),
      monthFounded: z
        .number({ error: "Choose the month the business was founded." })
        .int("Choose the month the business was founded.")
        .min(1, "Choose the month the business was founded.")
        .max(12, "Choose the month the business was founded."),
      naicsCode: z
        .string({ error: "Enter the 6-digit NAICS code." })
        .trim()
        .refine(isNaicsCode, "Enter a 6-digit NAICS code, e.g. 339920 (sporting goods manufacturing)."),
      website: websiteUrl(),
      addressLine1: addressLine("the street address"),
      addressLine2: optionalAddressLine(),
      city: addressLine("the city", 80),
      addressState: z
        .string({ error: "Choose the state." })
        .refine((value) => US_STATE_CODES.has(value), "Choose the state."),
      postalCode: z
        .string({ error: "Enter the ZIP code." })
        .trim()
        .regex(/^\d{5}(-\d{4})?$/, "Enter a ZIP code like 94107 or 94107-1234."),
      employees: z
        .number({ error: "Enter the number of employees." })
        .int("Enter a whole number.")
        .min(0, "The number of employees cannot be negative.")
        .max(100_000, "TradeLift serves businesses with at most 100,000 employees."),
      annualRevenue: z
        .string({ error: "Enter last year's revenue in US dollars." })
        .transform((value, ctx) => {
          const cents = parseAmountToMinor(value, "USD");
          if (cents === null) {
            ctx.addIssue({ code: "custom", message: "Enter an amount in dollars, e.g. 1,250,000." });
            return z.NEVER;
          }
          if (cents > 100_000_000_000n) {
            ctx.addIssue({
              code: "custom",
              message: "TradeLift serves businesses with up to $1 billion in revenue.",
            });
            return z.NEVER;
          }
          return cents;
        }),
      exportMarkets: z
        .array(z.string().refine(isCountryCode, "Choose countries from the list."), {
          error: "Choose at least one country you sell to.",
        })
        .min(1, "Choose at least one country you sell to.")
        .max(60, "Choose at most 60 countries.")
        .transform((codes) => [...new Set(codes)].sort()),
      owners: z
        .array(BeneficialOwnerSchema, { error: "Add every person who owns 25% or more of the business." })
        .min(1, "Add every person who owns 25% or more of the business, or the person who controls it.")
        .max(MAX_OWNERS, `List at most ${MAX_OWNERS} people.`),
    })
    .superRefine((data, ctx) => {
      const total = data.owners.reduce((sum, owner) => sum + owner.ownershipPercent, 0);
      if (total > 10_000) {
        ctx.addIssue({ code: "custom", path: ["owners"], message: "Ownership adds up to more than 100%." });
      }
      if (
        data.yearFounded === options.currentYear &&
        options.currentMonth &&
        data.monthFounded > options.currentMonth
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["monthFounded"],
          message: "The month founded cannot be in the future.",
        });
      }
    });
}

export type MerchantProfileInput = z.output<ReturnType<typeof merchantProfileSchema>>;

export type ProfileFacts = {
  legalName: string;
  einLast4: string | null;
  entityType: string | null;
  stateOfIncorporation: string | null;
  yearFounded: number | null;
  monthFounded: number | null;
  naicsCode: string | null;
  addressLine1: string | null;
  city: string | null;
  addressState: string | null;
  postalCode: string | null;
  employees: number | null;
  annualRevenueCents: bigint | null;
  exportMarkets: string;
  ownerCount: number;
};

export type ProfileSection = { key: string; label: string; done: boolean };

/** How complete the profile is, by section, for the dashboard. */
export function profileCompleteness(facts: ProfileFacts): {
  sections: ProfileSection[];
  percent: number;
  complete: boolean;
} {
  const sections: ProfileSection[] = [
    {
      key: "identity",
      label: "Legal name, EIN and entity type",
      done: Boolean(facts.legalName && facts.einLast4 && facts.entityType && facts.stateOfIncorporation),
    },
    {
      key: "industry",
      label: "Month and year founded, and industry (NAICS)",
      done: Boolean(facts.yearFounded && facts.monthFounded && facts.naicsCode),
    },
    {
      key: "address",
      label: "Business address",
      done: Boolean(facts.addressLine1 && facts.city && facts.addressState && facts.postalCode),
    },
    {
      key: "size",
      label: "Employees and annual revenue",
      done: facts.employees !== null && facts.annualRevenueCents !== null,
    },
    { key: "markets", label: "Export markets", done: facts.exportMarkets.length > 0 },
    { key: "owners", label: "Beneficial owners", done: facts.ownerCount > 0 },
  ];
  const done = sections.filter((section) => section.done).length;
  return {
    sections,
    percent: Math.round((done / sections.length) * 100),
    complete: done === sections.length,
  };
}
