// What a merchant types to apply. Pure.
import { z } from "zod";
import { PRODUCT_TYPES } from "~/domain/lenders/products";
import { parseAmountToMinor } from "~/domain/money";
import { freeText } from "~/domain/text";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const DraftKeySchema = /* @__PURE__ */ (() =>
  z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "This form is out of date: reload the page and try again."))();

export const ApplicationSchema = /* @__PURE__ */ (() =>
  z.object({
    amount: z
      .string({ error: "Enter the amount you need." })
      .trim()
      .min(1, "Enter the amount you need.")
      .transform((value, ctx) => {
        const cents = parseAmountToMinor(value, "USD");
        if (cents === null || cents < 100_000n || cents > 2_000_000_000n) {
          ctx.addIssue({ code: "custom", message: "Enter an amount from $1,000 to $20,000,000." });
          return z.NEVER;
        }
        return Number(cents);
      }),
    purpose: freeText("what the money is for", 500).refine(
      (value) => value.length >= 10,
      "Say in a sentence what the money is for (at least 10 characters).",
    ),
    productTypeWanted: z.enum(["ANY", ...PRODUCT_TYPES], { error: "Choose the kind of financing." }),
    tenorDays: z
      .number({ error: "Enter the days until you can repay." })
      .int("Enter whole days.")
      .min(7, "At least 7 days.")
      .max(3650, "At most 10 years."),
    orderIds: z.array(z.string().min(1).max(40)).max(200).default([]),
    /** The new-application form's key (see createDraft); absent on the draft's own edit form. */
    draftKey: DraftKeySchema.optional(),
  }))();

export type ApplicationInput = z.output<typeof ApplicationSchema>;
