import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, decryptSecret, encryptSecret, randomToken, sha256Hex } from "./crypto.server";

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips any text", () => {
    for (const secret of ["12-3456789", "access-sandbox-5c2f", "", "名前 ✓ emoji 🚢", "x".repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(secret))).toBe(secret);
    }
  });

  it("never stores the plaintext and uses a fresh IV each time", () => {
    const a = encryptSecret("12-3456789");
    const b = encryptSecret("12-3456789");
    expect(a).not.toContain("3456789");
    expect(a).not.toBe(b);
    expect(a.startsWith("v1.")).toBe(true);
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const stored = encryptSecret("12-3456789");
    const [version, iv, tag, data] = stored.split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      return bytes.toString("base64url");
    };
    expect(() => decryptSecret([version, iv, tag, flip(data)].join("."))).toThrow(DecryptionError);
    expect(() => decryptSecret([version, iv, flip(tag), data].join("."))).toThrow(DecryptionError);
    expect(() => decryptSecret([version, flip(iv), tag, data].join("."))).toThrow(DecryptionError);
  });

  it("refuses another key, unknown versions and malformed values", () => {
    const stored = encryptSecret("12-3456789");
    expect(() => decryptSecret(stored, crypto.randomBytes(32))).toThrow(DecryptionError);
    expect(() => decryptSecret(stored.replace(/^v1/, "v9"))).toThrow(DecryptionError);
    expect(() => decryptSecret("not-encrypted")).toThrow(DecryptionError);
    expect(() => decryptSecret("v1.a.b")).toThrow(DecryptionError);
  });

  it("makes tokens with 256 bits of entropy and hashes them", () => {
    const token = randomToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(randomToken()).not.toBe(token);
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
