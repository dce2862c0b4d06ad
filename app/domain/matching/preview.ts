// The merchant's "who would consider this?" question, validated. Pure.
import { z } from "zod";
import { PRODUCT_TYPES } from "~/domain/lenders/products";
import { parseAmountToMinor } from "~/domain/money";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const PreviewSchema = /* @__PURE__ */ (() =>
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
    productType: z.enum(["ANY", ...PRODUCT_TYPES], { error: "Choose the kind of financing." }),
    tenorDays: z
      .number({ error: "Enter the days until you can repay." })
      .int("Enter whole days.")
      .min(7, "At least 7 days.")
      .max(3650, "At most 10 years."),
    orderIds: z.array(z.string().min(1).max(40)).max(200).default([]),
  }))();
export type PreviewInput = z.output<typeof PreviewSchema>;
