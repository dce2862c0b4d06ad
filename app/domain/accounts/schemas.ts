// Validation of everything a person types into the account forms. Pure: shared by the server
// (the authority) and the browser (conform's instant feedback).
import { z } from "zod";
import { organisationName, personName } from "~/domain/text";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// The most common passwords of breach corpora that still pass the length rule.
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "password1234",
  "password12345",
  "passwordpassword",
  "qwertyuiopas",
  "qwerty123456",
  "iloveyou1234",
  "aaaaaaaaaaaa",
  "letmeinletmein",
  "welcome12345",
  "administrator",
  "changeme1234",
  "trustno1trustno1",
]);

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const EmailSchema = /* @__PURE__ */ (() =>
  z
    .string({ error: "Enter your e-mail address." })
    .trim()
    .min(1, "Enter your e-mail address.")
    .max(254, "An e-mail address has at most 254 characters.")
    .pipe(z.email("Enter a valid e-mail address, like name@company.com."))
    .transform((value) => value.toLowerCase()))();

export const PersonNameSchema = /* @__PURE__ */ (() => personName())();

/** The strength rule: long enough, not a well-known password, not one repeated character. */
export const PasswordSchema = /* @__PURE__ */ (() =>
  z
    .string({ error: "Enter a password." })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
    .refine(
      (value) => !COMMON_PASSWORDS.has(value.toLowerCase()),
      "This password is too common; choose another.",
    )
    .refine((value) => new Set(value).size >= 5, "Use a mix of at least 5 different characters."))();

function passwordAvoidsEmail<T extends { email: string; password: string }>(data: T, ctx: z.RefinementCtx) {
  const local = data.email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && data.password.toLowerCase().includes(local)) {
    ctx.addIssue({
      code: "custom",
      path: ["password"],
      message: "The password must not contain your e-mail name.",
    });
  }
}

export const LoginSchema = /* @__PURE__ */ (() =>
  z.object({
    email: EmailSchema,
    password: z
      .string({ error: "Enter your password." })
      .min(1, "Enter your password.")
      .max(PASSWORD_MAX_LENGTH),
    redirectTo: z.string().max(500).optional(),
  }))();

export const BusinessNameSchema = /* @__PURE__ */ (() => organisationName("the business's legal name"))();

export const SignupSchema = /* @__PURE__ */ (() =>
  z
    .object({
      name: PersonNameSchema,
      email: EmailSchema,
      businessName: BusinessNameSchema,
      password: PasswordSchema,
      confirmPassword: z.string({ error: "Repeat the password." }),
      agree: z.literal("on", { error: "You must accept the terms and the privacy notice to continue." }),
    })
    .superRefine((data, ctx) => {
      if (data.password !== data.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
      }
      passwordAvoidsEmail(data, ctx);
    }))();

export const ChangePasswordSchema = /* @__PURE__ */ (() =>
  z
    .object({
      currentPassword: z
        .string({ error: "Enter your current password." })
        .min(1, "Enter your current password."),
      newPassword: PasswordSchema,
      confirmPassword: z.string({ error: "Repeat the new password." }),
    })
    .superRefine((data, ctx) => {
      if (data.newPassword !== data.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
      }
      if (data.newPassword === data.currentPassword) {
        ctx.addIssue({
          code: "custom",
          path: ["newPassword"],
          message: "Choose a password you have not used here.",
        });
      }
    }))();

export const AcceptInvitationSchema = /* @__PURE__ */ (() =>
  z
    .object({
      name: PersonNameSchema,
      password: PasswordSchema,
      confirmPassword: z.string({ error: "Repeat the password." }),
    })
    .superRefine((data, ctx) => {
      if (data.password !== data.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
      }
    }))();

export const ForgotPasswordSchema = /* @__PURE__ */ (() => z.object({ email: EmailSchema }))();

export const ResetPasswordSchema = /* @__PURE__ */ (() =>
  z
    .object({
      password: PasswordSchema,
      confirmPassword: z.string({ error: "Repeat the password." }),
    })
    .superRefine((data, ctx) => {
      if (data.password !== data.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
      }
    }))();
