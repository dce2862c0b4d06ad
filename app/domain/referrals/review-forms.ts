// The forms of a lender's review page, one zod schema each, shared by the page (conform, in the
// browser) and its action (on the server).
import { z } from "zod";
import { DEFAULT_INFO_REQUEST_BUSINESS_DAYS } from "~/domain/notices/notice";
import { freeText } from "~/domain/text";
import { DECLINE_REASON_CODES } from "./decline-reasons";
import { DOCUMENT_TYPES } from "./documents";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const InfoRequestSchema = /* @__PURE__ */ (() =>
  z
    .object({
      intent: z.literal("request-info"),
      question: z
        .string()
        .trim()
        .max(1000, "Use at most 1,000 characters.")
        .refine((v) => !/[<>]/.test(v), "Remove the < and > characters.")
        .optional(),
      documentType: z.enum(Object.keys(DOCUMENT_TYPES) as [string, ...string[]]).optional(),
      // Past the deadline the merchant is sent a notice of incompleteness (docs/design/notices.md).
      dueInBusinessDays: z.coerce
        .number({ error: "Enter a number of business days." })
        .int("Enter a whole number of business days.")
        .min(3, "Give the merchant at least 3 business days.")
        .max(30, "Give at most 30 business days.")
        .default(DEFAULT_INFO_REQUEST_BUSINESS_DAYS),
    })
    .refine((r) => Boolean(r.question) || Boolean(r.documentType), {
      message: "Ask a question, ask for a document, or both.",
      path: ["question"],
    }))();

export const NoteSchema = /* @__PURE__ */ (() =>
  z.object({ intent: z.literal("note"), body: freeText("the note", 2000) }))();

export const DeclineSchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("decline"),
    reasons: z
      .array(z.enum(DECLINE_REASON_CODES as [string, ...string[]]), { error: "Choose at least one reason." })
      .min(1, "Choose at least one reason.")
      .max(4, "Choose at most four reasons."),
  }))();

export const WithdrawOfferSchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("withdraw-offer"),
    offerId: z.string({ error: "Choose the offer to withdraw." }).min(1).max(40),
    reason: freeText("the reason the merchant will see", 500).min(
      5,
      "Say in a few words why the offer is withdrawn: the merchant sees it.",
    ),
    confirmed: z.literal("yes", { error: "Confirm that you withdraw the offer." }),
  }))();
