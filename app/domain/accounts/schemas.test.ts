import { describe, expect, it } from "vitest";
import { ChangePasswordSchema, EmailSchema, LoginSchema, PasswordSchema, SignupSchema } from "./schemas";

const validSignup = {
  name: "Erin Matsuda",
  email: "Erin@PacificRim.example",
  businessName: "Pacific Rim Outdoor Gear LLC",
  password: "long enough sentence 42",
  confirmPassword: "long enough sentence 42",
  agree: "on",
};

function errorsOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );
}

describe("account schemas", () => {
  it("lower-cases and trims e-mail addresses", () => {
    expect(EmailSchema.parse("  Erin@PacificRim.Example ")).toBe("erin@pacificrim.example");
  });

  it("refuses malformed, oversized and hostile e-mail addresses", () => {
    for (const bad of [
      "",
      "erin",
      "erin@",
      "<script>@x.io",
      `${"a".repeat(250)}@x.io`,
      "a@b",
      "'; DROP TABLE User;--",
    ]) {
      expect(EmailSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("applies the password strength rule", () => {
    expect(PasswordSchema.safeParse("short").success).toBe(false);
    expect(PasswordSchema.safeParse("aaaaaaaaaaaaaaaa").success).toBe(false);
    expect(PasswordSchema.safeParse("password1234").success).toBe(false);
    expect(PasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(PasswordSchema.safeParse("correct horse battery").success).toBe(true);
  });

  it("accepts a valid sign-up and normalises it", () => {
    const result = SignupSchema.safeParse(validSignup);
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe("erin@pacificrim.example");
  });

  it("ties each sign-up error to its field", () => {
    expect(
      errorsOf(SignupSchema.safeParse({ ...validSignup, confirmPassword: "something else 42" })),
    ).toHaveProperty("confirmPassword", "The passwords do not match.");
    expect(errorsOf(SignupSchema.safeParse({ ...validSignup, agree: undefined }))).toHaveProperty("agree");
    expect(
      errorsOf(SignupSchema.safeParse({ ...validSignup, name: "<script>alert(1)</script>" })),
    ).toHaveProperty("name");
    expect(
      errorsOf(SignupSchema.safeParse({ ...validSignup, businessName: "x".repeat(151) })),
    ).toHaveProperty("businessName");
    const containsEmail = {
      ...validSignup,
      password: "erin-is-my-password",
      confirmPassword: "erin-is-my-password",
    };
    expect(errorsOf(SignupSchema.safeParse(containsEmail))).toHaveProperty("password");
  });

  it("requires both fields to log in", () => {
    expect(errorsOf(LoginSchema.safeParse({ email: "", password: "" }))).toMatchObject({
      email: "Enter your e-mail address.",
      password: "Enter your password.",
    });
  });

  it("refuses a new password equal to the current one", () => {
    const same = {
      currentPassword: "correct horse battery",
      newPassword: "correct horse battery",
      confirmPassword: "correct horse battery",
    };
    expect(errorsOf(ChangePasswordSchema.safeParse(same))).toHaveProperty("newPassword");
  });
});
