import { describe, expect, it } from "vitest";
import {
  addressRulesFor,
  endpointUrlProblem,
  eventTypesOf,
  isPrivateAddress,
  retryDelayMs,
  webhookBody,
} from "./events";

describe("endpoint addresses", () => {
  const dev = { production: false };
  const prod = { production: true };
  it("takes https anywhere public, and http only for localhost outside production", () => {
    expect(endpointUrlProblem("https://hooks.lender.example/tradelift", prod)).toBeNull();
    expect(endpointUrlProblem("http://localhost:4000/hook", dev)).toBeNull();
    expect(endpointUrlProblem("http://127.0.0.1:4000/hook", dev)).toBeNull();
    expect(endpointUrlProblem("http://localhost:4000/hook", prod)).toMatch(/https/);
    expect(endpointUrlProblem("http://hooks.lender.example/", dev)).toMatch(/https/);
    expect(endpointUrlProblem("ftp://hooks.lender.example/", dev)).toMatch(/https/);
    expect(endpointUrlProblem("hooks.lender.example", dev)).toMatch(/full address/);
    expect(endpointUrlProblem("https://user:pw@hooks.lender.example/", dev)).toMatch(/password/);
  });
  it("refuses private, loopback and link-local destinations in production", () => {
    for (const url of [
      "https://localhost/",
      "https://localhost./",
      "https://10.0.0.5/",
      "https://172.20.1.1/",
      "https://192.168.1.1/",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/",
      "https://[fd00::1]/",
      "https://[fe80::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://metadata.google.internal/",
      "https://printer.local/",
    ])
      expect(endpointUrlProblem(url, prod), url).toMatch(/private network/);
    expect(endpointUrlProblem("https://8.8.8.8/", prod)).toBeNull();
    expect(endpointUrlProblem("https://10.0.0.5/", dev)).toBeNull();
  });
  it("keeps production's rules for a public installation, and lets one only this machine reaches call itself", () => {
    expect(addressRulesFor({ NODE_ENV: "production", APP_URL: "https://app.tradelift.example" })).toEqual({
      production: true,
    });
    expect(addressRulesFor({ NODE_ENV: "production", APP_URL: "http://localhost:3000" })).toEqual({
      production: false,
    });
    expect(addressRulesFor({ NODE_ENV: "production", APP_URL: "http://127.0.0.1:3000" })).toEqual({
      production: false,
    });
    expect(addressRulesFor({ NODE_ENV: "development", APP_URL: "https://app.tradelift.example" })).toEqual({
      production: false,
    });
  });
  it("knows private addresses", () => {
    expect(isPrivateAddress("100.64.0.1")).toBe(true);
    expect(isPrivateAddress("172.15.0.1")).toBe(false);
    expect(isPrivateAddress("2001:db8::1")).toBe(false);
    expect(isPrivateAddress("hooks.example")).toBe(false);
  });
});

describe("retries and bodies", () => {
  it("waits twice as long after each failure, at most an hour", () => {
    expect([1, 2, 3, 4, 8, 20].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
  });
  it("writes the body in one shape and keeps only known event types", () => {
    const body = webhookBody({
      id: "evt_1",
      type: "offer.declined",
      createdAt: new Date("2026-12-07T10:00:00Z"),
      data: { referralId: "r" },
    });
    expect(JSON.parse(body)).toEqual({
      id: "evt_1",
      type: "offer.declined",
      createdAt: "2026-12-07T10:00:00.000Z",
      data: { referralId: "r" },
    });
    expect(eventTypesOf("offer.accepted,nonsense,referral.created")).toEqual([
      "offer.accepted",
      "referral.created",
    ]);
  });
});
