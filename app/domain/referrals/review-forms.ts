// The forms of a lender's review page, one zod schema each, shared by the page (conform, in the
// browser) and its action (on the server).
import { z } from "zod";
import { parseAmountToMinor } from "~/domain/money";
import { parseDate } from "~/domain/orders/orders";
import { freeText } from "~/domain/text";
import { DECLINE_REASON_CODES } from "./decline-reasons";
import { DOCUMENT_TYPES } from "./documents";

export const InfoRequestSchema = z
  .object({
    intent: z.literal("request-info"),
    question: z
      .string()
      .trim()
      .max(1000, "Use at most 1,000 characters.")
      .refine((v) => !/[<>]/.test(v), "Remove the < and > characters.")
      .optional(),
    documentType: z.enum(Object.keys(DOCUMENT_TYPES) as [string, ...string[]]).optional(),
  })
  .refine((r) => Boolean(r.question) || Boolean(r.documentType), {
    message: "Ask a question, ask for a document, or both.",
    path: ["question"],
  });

export const NoteSchema = z.object({ intent: z.literal("note"), body: freeText("the note", 2000) });

export const DeclineSchema = z.object({
  intent: z.literal("decline"),
  reasons: z
    .array(z.enum(DECLINE_REASON_CODES as [string, ...string[]]), { error: "Choose at least one reason." })
    .min(1, "Choose at least one reason.")
    .max(4, "Choose at most four reasons."),
});

export const WithdrawOfferSchema = z.object({
  intent: z.literal("withdraw-offer"),
  offerId: z.string({ error: "Choose the offer to withdraw." }).min(1).max(40),
  reason: freeText("the reason the merchant will see", 500).min(
    5,
    "Say in a few words why the offer is withdrawn: the merchant sees it.",
  ),
  confirmed: z.literal("yes", { error: "Confirm that you withdraw the offer." }),
});

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./_#-]{2,59}$/;

/** The funding the lender records; `today` bounds the date (the domain checks it against the offer). */
export function fundingSchema(today: Date) {
  return z.object({
    intent: z.literal("fund"),
    offerId: z.string({ error: "Choose the offer funded." }).min(1).max(40),
    amount: z.string({ error: "Enter the amount sent." }).transform((v, ctx) => {
      const cents = parseAmountToMinor(v, "USD");
      if (cents === null || cents <= 0n || cents > 2_000_000_000n) {
        ctx.addIssue({ code: "custom", message: "Enter the amount sent, in dollars and cents." });
        return z.NEVER;
      }
      return Number(cents);
    }),
    fundedOn: z.string({ error: "Enter the date the money was sent." }).transform((v, ctx) => {
      const date = parseDate(v);
      if (!date || date.getTime() > today.getTime()) {
        ctx.addIssue({ code: "custom", message: "Enter the date the money was sent (not in the future)." });
        return z.NEVER;
      }
      return date;
    }),
    reference: z
      .string({ error: "Enter the payment reference." })
      .trim()
      .regex(REFERENCE, "Enter the payment reference (3–60 letters, digits, . / _ # -)."),
  });
}
