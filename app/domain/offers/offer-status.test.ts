import { describe, expect, it } from "vitest";
import { effectiveOfferStatus, isLiveOffer } from "./offer-status";

const now = new Date("2026-12-01T12:00:00.000Z");

describe("effectiveOfferStatus", () => {
  it("expires a pending offer the moment its time passes", () => {
    expect(effectiveOfferStatus({ status: "PENDING", expiresAt: new Date(now.getTime() + 1) }, now)).toBe(
      "PENDING",
    );
    expect(effectiveOfferStatus({ status: "PENDING", expiresAt: now }, now)).toBe("EXPIRED");
    expect(effectiveOfferStatus({ status: "PENDING", expiresAt: "2026-11-30T00:00:00.000Z" }, now)).toBe(
      "EXPIRED",
    );
  });

  it("leaves every other status as written", () => {
    for (const status of ["ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN"] as const)
      expect(effectiveOfferStatus({ status, expiresAt: new Date(0) }, now)).toBe(status);
  });

  it("calls only an unexpired pending offer live", () => {
    expect(isLiveOffer({ status: "PENDING", expiresAt: new Date(now.getTime() + 60_000) }, now)).toBe(true);
    expect(isLiveOffer({ status: "PENDING", expiresAt: now }, now)).toBe(false);
    expect(isLiveOffer({ status: "ACCEPTED", expiresAt: new Date(now.getTime() + 60_000) }, now)).toBe(false);
  });
});
