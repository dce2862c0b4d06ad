// The admin's decision on a potential sanctions match, and what the merchant is told. Pure.
import { z } from "zod";

/** What the merchant sees when its application waits for compliance review: no word of the list. */
export const HELD_FOR_REVIEW_TOAST = {
  kind: "info",
  title: "Application sent",
  description: "TradeLift checks every application before lenders see it; you will be told when it moves on.",
} as const;

/** Why a confirmed match ended the application (Application.statusReason). */
export const SANCTIONS_MATCH = "SANCTIONS_MATCH";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const reason = /* @__PURE__ */ (() =>
  z
    .string({ error: "Say why." })
    .trim()
    .min(10, "Give the reason in a sentence (10 characters or more): it is kept in the audit log.")
    .max(1000, "Use at most 1000 characters.")
    .refine((value) => !/[<>]/.test(value), "Remove the < and > characters."))();

export const HitDecisionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("clear"), hitId: z.string().min(1), reason }),
    z.object({
      intent: z.literal("confirm"),
      hitId: z.string().min(1),
      reason,
      confirmed: z.literal("yes", { error: "Confirm that this is the listed party: the application ends." }),
    }),
  ]))();
export type HitDecision = z.output<typeof HitDecisionSchema>;
