// Marketplace and storefront sales, imported from CSV. Pure: channels, row validation, columns.
import { z } from "zod";
import type { CsvColumn } from "~/domain/imports/csv";
import { parseAmountToMinor } from "~/domain/money";
import { ORDER_CURRENCIES, parseDate } from "~/domain/orders/orders";
import { isCountryCode } from "~/domain/reference/countries";

export const SALES_CHANNELS = [
  "SHOPIFY",
  "AMAZON",
  "ALIBABA",
  "TMALL_GLOBAL",
  "SHOPEE",
  "LAZADA",
  "RAKUTEN",
  "ETSY",
  "OTHER",
] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];
export const SALES_CHANNEL_LABELS: Record<SalesChannel, string> = {
  SHOPIFY: "Shopify",
  AMAZON: "Amazon",
  ALIBABA: "Alibaba.com",
  TMALL_GLOBAL: "Tmall Global",
  SHOPEE: "Shopee",
  LAZADA: "Lazada",
  RAKUTEN: "Rakuten",
  ETSY: "Etsy",
  OTHER: "Other",
};

export const SALES_CSV_COLUMNS: readonly CsvColumn[] = [
  {
    header: "channel",
    field: "channel",
    required: true,
    description: `One of ${SALES_CHANNELS.join(", ")}.`,
    example: "SHOPIFY",
  },
  {
    header: "period_start",
    field: "periodStart",
    required: true,
    description: "First day of the period (or the day of sale), YYYY-MM-DD.",
    example: "2026-10-01",
  },
  {
    header: "period_end",
    field: "periodEnd",
    required: false,
    description: "Last day of the period, YYYY-MM-DD (empty for a single day).",
    example: "2026-10-31",
  },
  {
    header: "gross",
    field: "gross",
    required: true,
    description: "Gross sales in the currency, e.g. 48250.00.",
    example: "48250.00",
  },
  {
    header: "refunds",
    field: "refunds",
    required: false,
    description: "Refunds in the same period (0 when empty).",
    example: "1250.00",
  },
  {
    header: "net",
    field: "net",
    required: true,
    description: "Net sales: gross minus refunds.",
    example: "47000.00",
  },
  {
    header: "currency",
    field: "currency",
    required: true,
    description: "ISO 4217 code, e.g. USD, JPY.",
    example: "USD",
  },
  {
    header: "buyer_country",
    field: "buyerCountry",
    required: false,
    description: "ISO alpha-2 code of the buyers' country, if one.",
    example: "JP",
  },
];

const money = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`);

export function salesRowSchema(options: { today: Date }) {
  return z
    .object({
      channel: z
        .string({ error: "Enter the channel." })
        .trim()
        .transform((value) => value.toUpperCase().replace(/[\s.-]+/g, "_"))
        .pipe(z.enum(SALES_CHANNELS, { error: `Use one of ${SALES_CHANNELS.join(", ")}.` })),
      periodStart: z.string({ error: "Enter the period start (YYYY-MM-DD)." }).trim(),
      periodEnd: z.string().trim().optional(),
      gross: money("gross sales"),
      refunds: z.string().trim().optional(),
      net: money("net sales"),
      currency: z.enum(ORDER_CURRENCIES, { error: `Use a currency code such as USD, JPY or CNY.` }),
      buyerCountry: z
        .string()
        .trim()
        .transform((value) => value.toUpperCase())
        .refine((value) => isCountryCode(value), "Use an ISO country code such as JP, or leave it empty.")
        .optional(),
    })
    .transform((row, ctx) => {
      const start = parseDate(row.periodStart);
      if (!start) {
        ctx.addIssue({ code: "custom", path: ["periodStart"], message: "Use YYYY-MM-DD, e.g. 2026-10-01." });
        return z.NEVER;
      }
      const end = row.periodEnd ? parseDate(row.periodEnd) : start;
      if (!end) {
        ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "Use YYYY-MM-DD, e.g. 2026-10-31." });
        return z.NEVER;
      }
      if (end < start || end.getTime() - start.getTime() > 366 * 86_400_000) {
        ctx.addIssue({
          code: "custom",
          path: ["periodEnd"],
          message: "The period must end on or after its start, within a year.",
        });
        return z.NEVER;
      }
      if (end > options.today) {
        ctx.addIssue({
          code: "custom",
          path: ["periodEnd"],
          message: "The period cannot end in the future.",
        });
        return z.NEVER;
      }
      const gross = parseAmountToMinor(row.gross, row.currency);
      const refunds = row.refunds ? parseAmountToMinor(row.refunds, row.currency) : 0n;
      const net = parseAmountToMinor(row.net, row.currency);
      if (gross === null)
        ctx.addIssue({
          code: "custom",
          path: ["gross"],
          message: `Enter an amount in ${row.currency}, e.g. 48250.00.`,
        });
      if (refunds === null)
        ctx.addIssue({
          code: "custom",
          path: ["refunds"],
          message: `Enter an amount in ${row.currency}, or leave it empty.`,
        });
      if (net === null)
        ctx.addIssue({
          code: "custom",
          path: ["net"],
          message: `Enter an amount in ${row.currency}, e.g. 47000.00.`,
        });
      if (gross === null || refunds === null || net === null) return z.NEVER;
      if (refunds > gross) {
        ctx.addIssue({ code: "custom", path: ["refunds"], message: "Refunds cannot exceed gross sales." });
        return z.NEVER;
      }
      if (net !== gross - refunds) {
        ctx.addIssue({ code: "custom", path: ["net"], message: "Net must equal gross minus refunds." });
        return z.NEVER;
      }
      return {
        channel: row.channel,
        periodStart: start,
        periodEnd: end,
        grossMinor: gross,
        refundsMinor: refunds,
        netMinor: net,
        currency: row.currency,
        buyerCountry: row.buyerCountry ?? null,
      };
    });
}

export type SalesRowInput = z.output<ReturnType<typeof salesRowSchema>>;

/** Two rows describe the same sales when channel, period, currency and buyer country agree. */
export function salesRowKey(row: {
  channel: string;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  buyerCountry: string | null;
}): string {
  return [
    row.channel,
    row.periodStart.toISOString().slice(0, 10),
    row.periodEnd.toISOString().slice(0, 10),
    row.currency,
    row.buyerCountry ?? "",
  ].join("|");
}
