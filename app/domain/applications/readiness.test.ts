import { describe, expect, it } from "vitest";
import { missingForSubmission, type ReadinessFacts } from "./readiness";

const ready: ReadinessFacts = {
  legalName: "Pacific Rim Outdoor Gear LLC",
  einLast4: "2856",
  entityType: "LLC",
  yearFounded: 2014,
  monthFounded: 5,
  addressLine1: "2150 NW Front Ave",
  city: "Portland",
  addressState: "OR",
  postalCode: "97209",
  ownerShares: [6_000, 4_000],
  bankConnections: [{ status: "ACTIVE", historyStatus: "HISTORICAL_UPDATE_COMPLETE" }],
  salesRecords: 0,
};

const keys = (facts: Partial<ReadinessFacts>) =>
  missingForSubmission({ ...ready, ...facts }).map((m) => m.key);

describe("what an application needs before it is sent", () => {
  it("passes a complete profile with a bank connection whose history is complete", () => {
    expect(missingForSubmission(ready)).toEqual([]);
  });

  it("lists every gap of an empty profile, each with where to fix it", () => {
    const missing = missingForSubmission({
      legalName: "",
      einLast4: null,
      entityType: null,
      yearFounded: null,
      monthFounded: null,
      addressLine1: null,
      city: null,
      addressState: null,
      postalCode: null,
      ownerShares: [],
      bankConnections: [],
      salesRecords: 0,
    });
    expect(missing.map((m) => [m.key, m.href])).toEqual([
      ["legalName", "/merchant/profile"],
      ["ein", "/merchant/profile"],
      ["entityType", "/merchant/profile"],
      ["founded", "/merchant/profile"],
      ["address", "/merchant/profile"],
      ["owners", "/merchant/profile"],
      ["bank", "/merchant/bank"],
    ]);
  });

  it("does not take a year without its month for complete", () => {
    const missing = missingForSubmission({ ...ready, monthFounded: null });
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ key: "founded", href: "/merchant/profile" });
    expect(missing[0]?.message).toMatch(/month/);
  });

  it("needs any part of the address", () => {
    expect(keys({ postalCode: null })).toEqual(["address"]);
    expect(keys({ city: "" })).toEqual(["address"]);
  });

  it("needs one owner with 25% or more, and shares that add up to at most 100%", () => {
    expect(keys({ ownerShares: [2_000, 2_000, 0] })).toEqual(["owners"]);
    expect(keys({ ownerShares: [2_500] })).toEqual([]);
    expect(keys({ ownerShares: [6_000, 5_000] })).toEqual(["owners"]);
    expect(keys({ ownerShares: [5_000, 0] })).toEqual([]); // a controlling person owning none
  });

  it("waits for the bank history, and does not count a disconnected bank", () => {
    expect(
      keys({ bankConnections: [{ status: "ACTIVE", historyStatus: "INITIAL_UPDATE_COMPLETE" }] }),
    ).toEqual(["bankHistory"]);
    expect(
      keys({ bankConnections: [{ status: "REVOKED", historyStatus: "HISTORICAL_UPDATE_COMPLETE" }] }),
    ).toEqual(["bank"]);
    // A connection that needs a new sign-in still holds its complete history.
    expect(
      keys({ bankConnections: [{ status: "LOGIN_REQUIRED", historyStatus: "HISTORICAL_UPDATE_COMPLETE" }] }),
    ).toEqual([]);
  });

  it("takes marketplace sales on file in place of a bank connection, but not over a history still arriving", () => {
    expect(keys({ bankConnections: [], salesRecords: 40 })).toEqual([]);
    expect(
      keys({ bankConnections: [{ status: "ACTIVE", historyStatus: "NOT_READY" }], salesRecords: 40 }),
    ).toEqual(["bankHistory"]);
  });
});
