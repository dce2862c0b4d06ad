// Export orders: the purchase orders of overseas buyers. Pure: enums, the status transition table,
// and the validation of a typed order or a CSV row.
import { z } from "zod";
import { minorUnitDigits, parseAmountToMinor } from "~/domain/money";
import { isCountryCode } from "~/domain/reference/countries";
import { embargoMessage, embargoOf, isRegionOf, REGION_COUNTRIES } from "~/domain/sanctions/embargo";
import { organisationName } from "~/domain/text";
import { defineMachine } from "~/domain/workflow/machine";

export const PAYMENT_TERMS = [
  "CASH_IN_ADVANCE",
  "LETTER_OF_CREDIT",
  "DOC_COLLECTION_DP",
  "DOC_COLLECTION_DA",
  "OPEN_ACCOUNT",
  "CONSIGNMENT",
] as const;
export type PaymentTerm = (typeof PAYMENT_TERMS)[number];
export const PAYMENT_TERM_LABELS: Record<PaymentTerm, string> = {
  CASH_IN_ADVANCE: "Cash in advance",
  LETTER_OF_CREDIT: "Letter of credit",
  DOC_COLLECTION_DP: "Documentary collection (D/P)",
  DOC_COLLECTION_DA: "Documentary collection (D/A)",
  OPEN_ACCOUNT: "Open account",
  CONSIGNMENT: "Consignment",
};

// Incoterms® 2020: the 11 rules.
export const INCOTERMS = [
  "EXW",
  "FCA",
  "CPT",
  "CIP",
  "DAP",
  "DPU",
  "DDP",
  "FAS",
  "FOB",
  "CFR",
  "CIF",
] as const;
export type Incoterm = (typeof INCOTERMS)[number];
export const INCOTERM_LABELS: Record<Incoterm, string> = {
  EXW: "EXW — Ex Works",
  FCA: "FCA — Free Carrier",
  CPT: "CPT — Carriage Paid To",
  CIP: "CIP — Carriage and Insurance Paid To",
  DAP: "DAP — Delivered at Place",
  DPU: "DPU — Delivered at Place Unloaded",
  DDP: "DDP — Delivered Duty Paid",
  FAS: "FAS — Free Alongside Ship",
  FOB: "FOB — Free on Board",
  CFR: "CFR — Cost and Freight",
  CIF: "CIF — Cost, Insurance and Freight",
};

export const ORDER_STATUSES = ["OPEN", "SHIPPED", "INVOICED", "PAID", "CANCELLED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  OPEN: "Open",
  SHIPPED: "Shipped",
  INVOICED: "Invoiced",
  PAID: "Paid",
  CANCELLED: "Cancelled",
};

/** The one table of allowed status changes (docs/design/workflows.md). */
export const ORDER_WORKFLOW = defineMachine({
  entity: "ExportOrder",
  noun: "export order",
  statuses: ORDER_STATUSES,
  initial: ["OPEN", "SHIPPED", "INVOICED", "PAID"],
  transitions: {
    OPEN: ["SHIPPED", "CANCELLED"],
    SHIPPED: ["INVOICED", "CANCELLED"],
    INVOICED: ["PAID", "CANCELLED"],
    PAID: [],
    CANCELLED: [],
  },
  labels: ORDER_STATUS_LABELS,
});
export const ORDER_TRANSITIONS = ORDER_WORKFLOW.transitions;

/** Paid and cancelled orders are final: their status no longer changes and they cannot be edited. */
export function isOrderFinal(status: string): boolean {
  return (ORDER_TRANSITIONS[status as OrderStatus] ?? []).length === 0;
}

export function canTransition(from: string, to: string): boolean {
  return (ORDER_TRANSITIONS[from as OrderStatus] ?? []).includes(to as OrderStatus);
}

/** Receivables not yet collected: orders that will still be paid. */
export const OPEN_RECEIVABLE_STATUSES: readonly OrderStatus[] = ["OPEN", "SHIPPED", "INVOICED"];

/** Currencies an order may be in (ISO 4217). */
export const ORDER_CURRENCIES = [
  "USD",
  "CNY",
  "HKD",
  "TWD",
  "JPY",
  "KRW",
  "VND",
  "INR",
  "IDR",
  "MYR",
  "PHP",
  "THB",
  "SGD",
  "AUD",
  "CAD",
  "MXN",
  "EUR",
  "GBP",
  "AED",
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDate(value: string): Date | null {
  if (!DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

const dateField = (label: string) =>
  z
    .string({ error: `Enter the ${label} (YYYY-MM-DD).` })
    .trim()
    .transform((value, ctx) => {
      const date = parseDate(value);
      if (!date) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as YYYY-MM-DD, e.g. 2026-11-20.` });
        return z.NEVER;
      }
      return date;
    });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const date = parseDate(value);
      if (!date) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as YYYY-MM-DD, e.g. 2026-12-15.` });
        return z.NEVER;
      }
      return date;
    });

/** The fields of an order, as typed in the form or read from a CSV row. */
export function exportOrderSchema(options: { today: Date }) {
  const latest = new Date(options.today.getTime() + 5 * 366 * 86_400_000);
  const earliest = new Date(Date.UTC(2000, 0, 1));
  return z
    .object({
      poNumber: z
        .string({ error: "Enter the PO number." })
        .trim()
        .min(1, "Enter the PO number.")
        .max(60, "Use at most 60 characters.")
        .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_#-]*$/, "Use letters, digits, spaces and . / _ # - only."),
      buyerName: organisationName("the buyer's name"),
      buyerCountry: z
        .string({ error: "Choose the buyer's country." })
        .trim()
        .transform((value) => value.toUpperCase())
        .refine(
          (value) => isCountryCode(value) && value !== "US",
          "Choose the buyer's country (an ISO code like JP; not US).",
        ),
      // Ukraine only (ISO 3166-2:UA): some of its regions are embargoed (docs/design/sanctions.md).
      buyerRegion: z
        .string()
        .trim()
        .optional()
        .transform((value) => (value ? value.toUpperCase() : null)),
      currency: z.enum(ORDER_CURRENCIES, { error: `Choose a currency: ${ORDER_CURRENCIES.join(", ")}.` }),
      amount: z.string({ error: "Enter the order amount." }).trim().min(1, "Enter the order amount."),
      orderDate: dateField("order date"),
      expectedShipDate: optionalDate("expected ship date"),
      paymentTerm: z.enum(PAYMENT_TERMS, { error: "Choose the payment term." }),
      paymentTermDays: z
        .number({ error: "Enter the days of credit (0 for cash in advance or at sight)." })
        .int("Enter whole days.")
        .min(0, "Days cannot be negative.")
        .max(360, "TradeLift finances terms of up to 360 days."),
      incoterm: z.enum(INCOTERMS, { error: "Choose the Incoterms 2020 rule." }),
    })
    .transform((order, ctx) => {
      const region = REGION_COUNTRIES.has(order.buyerCountry) ? order.buyerRegion : null;
      if (REGION_COUNTRIES.has(order.buyerCountry) && (!region || !isRegionOf(order.buyerCountry, region))) {
        ctx.addIssue({
          code: "custom",
          path: ["buyerRegion"],
          message: "Choose the buyer's region in Ukraine (an ISO 3166-2 code like UA-30 for Kyiv).",
        });
        return z.NEVER;
      }
      // Refused at entry, import and any direct post alike: every path parses with this schema.
      const embargo = embargoOf(order.buyerCountry, region);
      if (embargo) {
        ctx.addIssue({
          code: "custom",
          path: [embargo.code.length === 2 ? "buyerCountry" : "buyerRegion"],
          message: embargoMessage(embargo),
        });
        return z.NEVER;
      }
      const amountMinor = parseAmountToMinor(order.amount, order.currency);
      if (amountMinor === null || amountMinor <= 0n) {
        ctx.addIssue({
          code: "custom",
          path: ["amount"],
          message: amountHint(order.currency),
        });
        return z.NEVER;
      }
      if (amountMinor > 10n ** 15n) {
        ctx.addIssue({ code: "custom", path: ["amount"], message: "This amount is too large." });
        return z.NEVER;
      }
      if (order.orderDate < earliest || order.orderDate > options.today) {
        ctx.addIssue({
          code: "custom",
          path: ["orderDate"],
          message: "The order date must be between 2000-01-01 and today.",
        });
        return z.NEVER;
      }
      if (
        order.expectedShipDate &&
        (order.expectedShipDate < order.orderDate || order.expectedShipDate > latest)
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["expectedShipDate"],
          message: "The ship date must be on or after the order date, within 5 years.",
        });
        return z.NEVER;
      }
      if (order.paymentTerm === "CASH_IN_ADVANCE" && order.paymentTermDays !== 0) {
        ctx.addIssue({
          code: "custom",
          path: ["paymentTermDays"],
          message: "Cash in advance has 0 days of credit.",
        });
        return z.NEVER;
      }
      const { amount: _amount, ...rest } = order;
      return { ...rest, buyerRegion: region, amountMinor };
    });
}

export type ExportOrderInput = z.output<ReturnType<typeof exportOrderSchema>>;

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
/** The fields a status change needs: invoice details to invoice, the payment date to mark paid. */
export const StatusChangeSchema = /* @__PURE__ */ (() =>
  z
    .object({
      status: z
        .enum(ORDER_STATUSES, { error: "Choose the new status." })
        // Cancelling takes a reason and a confirmation, and may concern lenders: `CancelOrderSchema`.
        .refine(
          (status) => status !== "CANCELLED",
          "To cancel the order, use “Cancel this order…” and give the reason.",
        )
        .transform((status) => status as Exclude<OrderStatus, "CANCELLED">),
      invoiceNumber: z
        .string()
        .trim()
        .max(60, "Use at most 60 characters.")
        .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_#-]*$/, "Use letters, digits, spaces and . / _ # - only.")
        .optional(),
      invoiceDate: optionalDate("invoice date"),
      paidDate: optionalDate("payment date"),
    })
    .superRefine((change, ctx) => {
      if (change.status === "INVOICED") {
        if (!change.invoiceNumber)
          ctx.addIssue({ code: "custom", path: ["invoiceNumber"], message: "Enter the invoice number." });
        if (!change.invoiceDate)
          ctx.addIssue({ code: "custom", path: ["invoiceDate"], message: "Enter the invoice date." });
      }
      if (change.status === "PAID" && !change.paidDate) {
        ctx.addIssue({ code: "custom", path: ["paidDate"], message: "Enter the date the buyer paid." });
      }
    }))();

/** Cancelling an order: the reason is recorded, and told to the lenders financing it. */
export const CancelOrderSchema = /* @__PURE__ */ (() =>
  z.object({
    reason: z
      .string({ error: "Say why the order is cancelled." })
      .trim()
      .min(3, "Say why the order is cancelled.")
      .max(500, "Use at most 500 characters.")
      .refine((value) => !/[<>]/.test(value), "Remove the < and > characters."),
    confirmed: z.literal("yes", { error: "Confirm that you want to cancel the order." }),
  }))();

/** When the buyer is expected to pay: from the invoice, else the ship date, else the order date. */
export function expectedPaymentDate(order: {
  orderDate: Date;
  expectedShipDate: Date | null;
  invoiceDate: Date | null;
  paymentTermDays: number;
}): Date {
  const from = order.invoiceDate ?? order.expectedShipDate ?? order.orderDate;
  return new Date(from.getTime() + order.paymentTermDays * 86_400_000);
}

/** What a valid amount looks like in the currency: "125,000.00" in dollars, "125,000" in yen. */
function amountHint(currency: string): string {
  const digits = minorUnitDigits(currency);
  return digits === 0
    ? `Enter an amount above zero in ${currency}, which has no cents: e.g. 125,000 (or 125,000.00).`
    : `Enter an amount above zero in ${currency} with at most ${digits} decimals, e.g. 125,000.${"0".repeat(digits)}.`;
}
