// The lender's servicing forms (docs/design/servicing.md). Pure.
import { z } from "zod";
import { parseAmountToMinor } from "~/domain/money";

const REFERENCE_MESSAGE = "Enter the payment reference, 3 to 100 characters.";

const day = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((value, ctx) => {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
      if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
/** A payment as the lender types it: by the merchant, or (factoring) the buyer's payment of the invoice. */
export const PaymentSchema = /* @__PURE__ */ (() =>
  z.object({
    payer: z.enum(["MERCHANT", "BUYER"], { error: "Say who paid." }).default("MERCHANT"),
    amount: z
      .string({ error: "Enter the amount paid." })
      .trim()
      .min(1, "Enter the amount paid.")
      .transform((value, ctx) => {
        const cents = parseAmountToMinor(value, "USD");
        if (cents === null || cents <= 0n || cents > 2_000_000_000n) {
          ctx.addIssue({ code: "custom", message: "Enter the amount paid in dollars, e.g. 5,400.00." });
          return z.NEVER;
        }
        return Number(cents);
      }),
    paidOn: day("Enter the date of the payment, as YYYY-MM-DD."),
    reference: z
      .string({ error: REFERENCE_MESSAGE })
      .trim()
      .min(3, REFERENCE_MESSAGE)
      .max(100, REFERENCE_MESSAGE)
      .refine((value) => !/[<>]/.test(value), "Remove the < and > characters."),
  }))();

/** The lender confirms a debit from the merchant's bank feed as a payment. */
export const ConfirmMatchSchema = /* @__PURE__ */ (() =>
  z.object({
    bankTransactionId: z
      .string({ error: "Choose the bank transaction." })
      .trim()
      .min(1, "Choose the bank transaction.")
      .max(64, "Choose the bank transaction."),
  }))();

export const WriteOffSchema = /* @__PURE__ */ (() =>
  z.object({
    reason: z
      .string({ error: "Say why the deal is written off." })
      .trim()
      .min(3, "Say why the deal is written off.")
      .max(500, "Use at most 500 characters.")
      .refine((value) => !/[<>]/.test(value), "Remove the < and > characters."),
    confirmed: z.literal("yes", { error: "Confirm that you want to write the deal off." }),
  }))();
