// What an admin sends to deactivate or reactivate an account (accounts.server.ts does it).
import { z } from "zod";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const AccountStatusSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("deactivate"),
      reason: z
        .string({ error: "Say why the account is deactivated." })
        .trim()
        .min(5, "Say why the account is deactivated (at least 5 characters).")
        .max(500, "Use at most 500 characters."),
      confirmed: z.literal("yes", { error: "Confirm the deactivation: the person is signed out at once." }),
    }),
    z.object({ intent: z.literal("reactivate") }),
  ]))();
export type AccountStatusInput = z.output<typeof AccountStatusSchema>;
