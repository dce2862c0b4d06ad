// Two-factor rules without the database or the TOTP library (shared with the browser's forms) (docs/design/accounts.md#two-factor-authentication):
// who must use it, the shape of what a person types, and the time steps a code may belong to.
import { z } from "zod";

/** Lender staff and admins cannot work without a second factor; merchants may turn it on. */
export function twoFactorRequired(role: string): boolean {
  return role === "LENDER" || role === "ADMIN";
}

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted (clocks drift). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** The secret in groups of four, easier to type into an app than one long string. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})/g, "$1 ").trim();
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), shown as
// xxxxx-xxxxx; about 50 bits each.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newRecoveryCode(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** What a person typed as a recovery code, in its stored form (case, spaces and dashes ignored). */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "");
}

export type SecondFactorInput = { kind: "totp"; code: string } | { kind: "recovery"; code: string };

/** Six digits is an authenticator code; ten letters and digits a recovery code. */
export function classifyCode(typed: string): SecondFactorInput | null {
  const compact = typed.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  const recovery = normaliseRecoveryCode(typed);
  if (/^[a-z0-9]{10}$/.test(recovery)) return { kind: "recovery", code: recovery };
  return null;
}

const CODE_MESSAGE = "Enter the 6-digit code from your authenticator app.";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const TotpCodeSchema = /* @__PURE__ */ (() =>
  z
    .string({ error: CODE_MESSAGE })
    .trim()
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, CODE_MESSAGE)))();

export const SecondFactorSchema = /* @__PURE__ */ (() =>
  z.object({
    code: z
      .string({ error: "Enter a code from your authenticator app, or a recovery code." })
      .trim()
      .min(1, "Enter a code from your authenticator app, or a recovery code.")
      .max(40, "A code has 6 digits; a recovery code 10 letters and digits.")
      .refine(
        (value) => classifyCode(value) !== null,
        "A code has 6 digits; a recovery code 10 letters and digits.",
      ),
  }))();

export const ConfirmEnrolmentSchema = /* @__PURE__ */ (() => z.object({ code: TotpCodeSchema }))();

export const DisableTwoFactorSchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("disable"),
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(128),
    code: TotpCodeSchema,
  }))();

export const RegenerateRecoveryCodesSchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("regenerate"),
    code: TotpCodeSchema,
  }))();

export const ResetTwoFactorSchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("reset-two-factor"),
    confirmed: z.literal("yes", {
      error: "Confirm the reset: the person is signed out and sets up two-factor authentication again.",
    }),
  }))();
