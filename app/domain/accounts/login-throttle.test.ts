import { describe, expect, it } from "vitest";
import {
  afterFailure,
  type Counter,
  DEFAULT_RULES,
  delaySeconds,
  liveFailures,
  throttleMessage,
  verdict,
} from "./login-throttle";

const rules = { ...DEFAULT_RULES, sourceStopAfter: 10, stopMinutes: 15 };
const t0 = new Date("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const counter = (failures: number, lastFailedAt = t0, blockedUntil: Date | null = null): Counter => ({
  failures,
  lastFailedAt,
  blockedUntil,
});

describe("delaySeconds", () => {
  it("is free up to the allowance, then doubles from 2 s up to the cap", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 12].map((n) => delaySeconds(n, 3, 300))).toEqual([
      0, 0, 0, 2, 4, 8, 16, 300,
    ]);
    expect(delaySeconds(40, 20, 60)).toBe(60);
  });
});

describe("verdict", () => {
  it("lets a fresh source and a source under its allowance try", () => {
    expect(verdict({ source: null, account: null }, rules, t0)).toEqual({ allowed: true });
    expect(verdict({ source: counter(2), account: counter(2) }, rules, t0)).toEqual({ allowed: true });
  });

  it("makes a source wait out its delay, counted from its last failure", () => {
    expect(verdict({ source: counter(4), account: counter(4) }, rules, at(1))).toEqual({
      allowed: false,
      reason: "wait",
      retryAfterSeconds: 3,
    });
    expect(verdict({ source: counter(4), account: counter(4) }, rules, at(4))).toEqual({ allowed: true });
  });

  it("stops a stopped source whatever the other counter says", () => {
    expect(verdict({ source: counter(0, t0, at(900)), account: null }, rules, at(60))).toEqual({
      allowed: false,
      reason: "stopped",
      retryAfterSeconds: 840,
    });
  });

  it("makes every source wait once the account passed its allowance, by at most a minute", () => {
    expect(verdict({ source: null, account: counter(30) }, rules, t0)).toEqual({
      allowed: false,
      reason: "wait",
      retryAfterSeconds: 60,
    });
    expect(verdict({ source: null, account: counter(30) }, rules, at(60))).toEqual({ allowed: true });
  });

  it("forgets counters idle for a day", () => {
    expect(liveFailures(counter(9), rules, at(24 * 3600))).toBe(0);
    expect(liveFailures(counter(9), rules, at(24 * 3600 - 1))).toBe(9);
  });
});

describe("afterFailure", () => {
  it("counts both, stops the source at its limit and starts it afresh, and marks the account once", () => {
    const ninth = afterFailure({ source: counter(8), account: counter(18) }, rules, t0);
    expect(ninth).toMatchObject({ sourceStopped: false, accountMarked: false });
    expect(ninth.source).toEqual(counter(9, t0, null));
    const tenth = afterFailure({ source: ninth.source, account: ninth.account }, rules, t0);
    expect(tenth).toMatchObject({ sourceStopped: true, accountMarked: true });
    expect(tenth.source).toEqual(counter(0, t0, at(15 * 60)));
    expect(tenth.account.failures).toBe(20);
    expect(afterFailure({ source: null, account: tenth.account }, rules, t0).accountMarked).toBe(false);
  });
});

describe("throttleMessage", () => {
  it("says how long to wait in words people use, and never whether the account exists", () => {
    expect(throttleMessage({ reason: "wait", retryAfterSeconds: 1 })).toBe(
      "Too many failed attempts. Wait 1 second before trying again.",
    );
    expect(throttleMessage({ reason: "wait", retryAfterSeconds: 240 })).toBe(
      "Too many failed attempts. Wait 4 minutes before trying again.",
    );
    expect(throttleMessage({ reason: "stopped", retryAfterSeconds: 900 })).toContain("paused for 15 minutes");
    expect(throttleMessage({ reason: "stopped", retryAfterSeconds: 900 })).toContain(
      "If the address has an account",
    );
  });
});
