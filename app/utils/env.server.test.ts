import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const base: NodeJS.ProcessEnv = {
  NODE_ENV: "test",
  SESSION_SECRET: "a-session-secret-that-is-long-enough-0123456789",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("parseEnv", () => {
  it("takes one session secret or a list to rotate through, newest first", () => {
    expect(parseEnv(base).SESSION_SECRET).toEqual([base.SESSION_SECRET]);
    const rotated = parseEnv({
      ...base,
      SESSION_SECRET: `new-secret-that-is-also-long-enough-000000, ${base.SESSION_SECRET}`,
    });
    expect(rotated.SESSION_SECRET).toEqual([
      "new-secret-that-is-also-long-enough-000000",
      base.SESSION_SECRET,
    ]);
    expect(() => parseEnv({ ...base, SESSION_SECRET: `${base.SESSION_SECRET},short` })).toThrow(
      /SESSION_SECRET.*each secret must be at least 32 characters/,
    );
  });

  it("wants APP_URL as an absolute http(s) address", () => {
    expect(parseEnv({ ...base, APP_URL: "https://tradelift.example" }).APP_URL).toBe(
      "https://tradelift.example",
    );
    for (const bad of ["localhost:3000", "ftp://tradelift.example", "tradelift.example"])
      expect(() => parseEnv({ ...base, APP_URL: bad }), bad).toThrow(
        /APP_URL: must be an absolute http\(s\) address/,
      );
  });
});
