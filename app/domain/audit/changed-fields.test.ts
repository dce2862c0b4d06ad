import { describe, expect, it } from "vitest";
import { changedFields } from "./audit.server";

describe("changedFields", () => {
  const FIELDS = ["name", "minScore", "minAnnualRevenueCents", "website"] as const;

  it("lists only the fields whose value changed, before and after", () => {
    expect(
      changedFields(
        FIELDS,
        { name: "Line", minScore: 500, minAnnualRevenueCents: 10_000_000n, website: null },
        { name: "Line", minScore: 620, minAnnualRevenueCents: 10_000_000n, website: "https://l.example" },
      ),
    ).toEqual({
      minScore: { before: 500, after: 620 },
      website: { before: null, after: "https://l.example" },
    });
  });

  it("treats a missing value and an empty one alike, and a BigInt like its number", () => {
    expect(
      changedFields(
        FIELDS,
        { name: "A", minScore: 1, minAnnualRevenueCents: 5n, website: undefined },
        { name: "A", minScore: 1, minAnnualRevenueCents: 5, website: "" },
      ),
    ).toEqual({});
  });
});
