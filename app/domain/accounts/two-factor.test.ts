import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { matchingStep, newTotpSecret, stepAt, totpFor } from "./totp.server";
import {
  classifyCode,
  groupedSecret,
  newRecoveryCode,
  normaliseRecoveryCode,
  twoFactorRequired,
} from "./two-factor";

describe("who needs it", () => {
  it("is required of lender staff and admins, offered to merchants", () => {
    expect([twoFactorRequired("LENDER"), twoFactorRequired("ADMIN"), twoFactorRequired("MERCHANT")]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe("codes", () => {
  const secret = newTotpSecret();
  const t0 = new Date("2026-12-01T10:00:10Z");
  const at = (steps: number) => new Date(t0.getTime() + steps * 30_000);
  const code = (when: Date) => totpFor(secret, "a@example.com").generate({ timestamp: when.getTime() });

  it("matches the current step and one on either side, and names the step", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(matchingStep(secret, code(t0), t0)).toBe(stepAt(t0));
    expect(matchingStep(secret, code(at(-1)), t0)).toBe(stepAt(t0) - 1);
    expect(matchingStep(secret, code(at(1)), t0)).toBe(stepAt(t0) + 1);
    expect(matchingStep(secret, code(at(2)), t0)).toBeNull();
    expect(matchingStep(secret, code(at(-2)), t0)).toBeNull();
  });

  it("tells an authenticator code from a recovery code, ignoring spaces, dashes and case", () => {
    expect(classifyCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(classifyCode("ABCDE-FGHJK")).toEqual({ kind: "recovery", code: "abcdefghjk" });
    expect(classifyCode("12345")).toBeNull();
    expect(classifyCode("abc")).toBeNull();
    expect(normaliseRecoveryCode("Ab3De - fG7hK")).toBe("ab3defg7hk");
  });

  it("makes recovery codes of ten characters without look-alikes", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newRecoveryCode((n) => crypto.randomBytes(n))));
    expect(codes.size).toBe(200);
    for (const value of codes) expect(value).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it("groups the secret by four for typing", () => {
    expect(groupedSecret("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });
});
