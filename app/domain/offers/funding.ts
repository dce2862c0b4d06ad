// The lender's record that the money was sent, checked against the accepted offer: the amount is
// the offer's funds provided, the date is neither in the future nor before the acceptance, and the
// payment carries a reference (docs/design/workflows.md). Pure.
import { z } from "zod";
import { formatMoney, parseAmountToMinor } from "~/domain/money";

const REFERENCE_MESSAGE = "Enter the payment reference, 3 to 100 characters.";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
/** The funding form as the lender fills it in; recordFunding checks it against the offer. */
export const FundingSchema = /* @__PURE__ */ (() =>
  z.object({
    offerId: z.string({ error: "Choose the accepted offer." }).min(1, "Choose the accepted offer."),
    amount: z
      .string({ error: "Enter the amount sent." })
      .trim()
      .min(1, "Enter the amount sent.")
      .transform((value, ctx) => {
        const cents = parseAmountToMinor(value, "USD");
        if (cents === null || cents <= 0n || cents > 2_000_000_000n) {
          ctx.addIssue({ code: "custom", message: "Enter the amount sent in dollars, e.g. 54,000.00." });
          return z.NEVER;
        }
        return Number(cents);
      }),
    fundedOn: z
      .string({ error: "Enter the date the money was sent." })
      .trim()
      .transform((value, ctx) => {
        const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
        if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
          ctx.addIssue({ code: "custom", message: "Enter the date the money was sent, as YYYY-MM-DD." });
          return z.NEVER;
        }
        return date;
      }),
    reference: z
      .string({ error: REFERENCE_MESSAGE })
      .trim()
      .min(3, REFERENCE_MESSAGE)
      .max(100, REFERENCE_MESSAGE),
  }))();

export type FundingField = "amount" | "fundedOn" | "reference";

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** Why a funding cannot be recorded against the accepted offer, field by field; null when it can. */
export function fundingProblem(
  funding: { amountCents: number; fundedOn: Date; reference: string },
  offer: { fundsProvidedCents: number; acceptedAt: Date | null },
  now: Date,
): { field: FundingField; message: string } | null {
  if (funding.amountCents !== offer.fundsProvidedCents)
    return {
      field: "amount",
      message: `The amount sent must be the offer's funds provided, ${formatMoney(offer.fundsProvidedCents)}.`,
    };
  if (Number.isNaN(funding.fundedOn.getTime()))
    return { field: "fundedOn", message: "Enter the date the money was sent, as YYYY-MM-DD." };
  if (utcDay(funding.fundedOn) > utcDay(now))
    return { field: "fundedOn", message: "The date sent cannot be in the future." };
  if (offer.acceptedAt && utcDay(funding.fundedOn) < utcDay(offer.acceptedAt))
    return {
      field: "fundedOn",
      message: `The date sent cannot be before the offer was accepted, on ${utcDay(offer.acceptedAt)}.`,
    };
  const reference = funding.reference.trim();
  if (reference.length < 3 || reference.length > 100)
    return { field: "reference", message: REFERENCE_MESSAGE };
  return null;
}
