import { describe, expect, it } from "vitest";
import {
  bpsToPercentString,
  isNaicsCode,
  maskEin,
  merchantProfileSchema,
  monthsInBusiness,
  normaliseEin,
  parsePercentToBps,
  profileCompleteness,
} from "./profile";

const schema = merchantProfileSchema({ currentYear: 2026, hasStoredEin: false });
const valid = {
  legalName: "Pacific Rim Outdoor Gear LLC",
  ein: "93-4172856",
  entityType: "LLC",
  stateOfIncorporation: "OR",
  yearFounded: 2014,
  monthFounded: 5,
  naicsCode: "339920",
  website: "https://pacificrimoutdoor.example",
  addressLine1: "2150 NW Front Ave",
  city: "Portland",
  addressState: "OR",
  postalCode: "97209",
  employees: 38,
  annualRevenue: "6,400,000",
  exportMarkets: ["JP", "KR", "JP"],
  owners: [
    { name: "Erin Matsuda", title: "CEO", ownershipPercent: "60" },
    { name: "Daniel Kowalski", title: "COO", ownershipPercent: "40" },
  ],
};

function fieldErrors(input: unknown, s = schema) {
  const result = s.safeParse(input);
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );
}

describe("EIN", () => {
  it("normalises valid EINs and refuses invalid prefixes and lengths", () => {
    expect(normaliseEin("934172856")).toBe("93-4172856");
    expect(normaliseEin(" 93-4172856 ")).toBe("93-4172856");
    expect(normaliseEin("00-1234567")).toBeNull(); // 00 is never assigned
    expect(normaliseEin("07-1234567")).toBeNull();
    expect(normaliseEin("12-345678")).toBeNull();
    expect(normaliseEin("12-34567890")).toBeNull();
    expect(normaliseEin("ab-cdefghi")).toBeNull();
  });
  it("is shown masked", () => {
    expect(maskEin("2856")).toBe("••-•••2856");
    expect(maskEin(null)).toBe("not provided");
  });
});

describe("merchant profile schema", () => {
  it("accepts a full profile and converts money and percentages to integers", () => {
    const result = schema.parse(valid);
    expect(result.annualRevenue).toBe(640_000_000n);
    expect(result.owners.map((owner) => owner.ownershipPercent)).toEqual([6000, 4000]);
    expect(result.exportMarkets).toEqual(["JP", "KR"]);
    expect(result.ein).toBe("93-4172856");
  });

  it("keeps the stored EIN when the field is left empty", () => {
    const withStored = merchantProfileSchema({ currentYear: 2026, hasStoredEin: true });
    expect(withStored.parse({ ...valid, ein: "" }).ein).toBeUndefined();
    expect(fieldErrors({ ...valid, ein: "" })).toHaveProperty("ein");
  });

  it("reports each wrong field at the field", () => {
    const errors = fieldErrors({
      ...valid,
      ein: "00-0000000",
      entityType: "TRUST",
      stateOfIncorporation: "ZZ",
      yearFounded: 2031,
      naicsCode: "999999",
      website: "javascript:alert(1)",
      postalCode: "ABCDE",
      employees: -1,
      annualRevenue: "lots",
      exportMarkets: ["XX"],
      owners: [{ name: "<b>Erin</b>", title: "CEO", ownershipPercent: "140" }],
    });
    for (const field of [
      "ein",
      "entityType",
      "stateOfIncorporation",
      "yearFounded",
      "naicsCode",
      "website",
      "postalCode",
      "employees",
      "annualRevenue",
      "exportMarkets.0",
      "owners.0.name",
      "owners.0.ownershipPercent",
    ]) {
      expect(errors, field).toHaveProperty(field);
    }
  });

  it("needs at least one owner and at most 100% in total", () => {
    expect(fieldErrors({ ...valid, owners: [] })).toHaveProperty("owners");
    const tooMuch = [
      { name: "A Person", title: "CEO", ownershipPercent: "60" },
      { name: "B Person", title: "CFO", ownershipPercent: "50" },
    ];
    expect(fieldErrors({ ...valid, owners: tooMuch })).toHaveProperty(
      "owners",
      "Ownership adds up to more than 100%.",
    );
  });

  it("needs the founding month, 1 to 12, and not later than this month", () => {
    const { monthFounded: _, ...withoutMonth } = valid;
    expect(fieldErrors(withoutMonth)).toHaveProperty(
      "monthFounded",
      "Choose the month the business was founded.",
    );
    expect(fieldErrors({ ...valid, monthFounded: 13 })).toHaveProperty("monthFounded");
    const inMarch = merchantProfileSchema({ currentYear: 2026, currentMonth: 3, hasStoredEin: false });
    expect(fieldErrors({ ...valid, yearFounded: 2026, monthFounded: 4 }, inMarch)).toHaveProperty(
      "monthFounded",
      "The month founded cannot be in the future.",
    );
    expect(fieldErrors({ ...valid, yearFounded: 2026, monthFounded: 3 }, inMarch)).toEqual({});
  });

  it("refuses oversized text", () => {
    expect(fieldErrors({ ...valid, legalName: "x".repeat(151) })).toHaveProperty("legalName");
    expect(fieldErrors({ ...valid, city: "" })).toHaveProperty("city");
  });
});

describe("helpers", () => {
  it("parses percentages into basis points", () => {
    expect(parsePercentToBps("33.33")).toBe(3333);
    expect(parsePercentToBps("25%")).toBe(2500);
    expect(parsePercentToBps("100")).toBe(10_000);
    expect(parsePercentToBps("100.01")).toBeNull();
    expect(parsePercentToBps("-5")).toBeNull();
    expect(parsePercentToBps("12.345")).toBeNull();
    expect(bpsToPercentString(3333)).toBe("33.33");
    expect(bpsToPercentString(2550)).toBe("25.5");
    expect(bpsToPercentString(6000)).toBe("60");
  });
  it("knows NAICS codes", () => {
    expect(isNaicsCode("339920")).toBe(true);
    expect(isNaicsCode("33992")).toBe(false);
    expect(isNaicsCode("993920")).toBe(false);
  });
  it("measures completeness by section", () => {
    const empty = profileCompleteness({
      legalName: "X LLC",
      einLast4: null,
      entityType: null,
      stateOfIncorporation: null,
      yearFounded: null,
      monthFounded: null,
      naicsCode: null,
      addressLine1: null,
      city: null,
      addressState: null,
      postalCode: null,
      employees: null,
      annualRevenueCents: null,
      exportMarkets: "",
      ownerCount: 0,
    });
    expect(empty.percent).toBe(0);
    expect(empty.complete).toBe(false);
    const fullFacts = {
      legalName: "X LLC",
      einLast4: "2856",
      entityType: "LLC",
      stateOfIncorporation: "OR",
      yearFounded: 2014,
      monthFounded: 5,
      naicsCode: "339920",
      addressLine1: "1 Main St",
      city: "Portland",
      addressState: "OR",
      postalCode: "97209",
      employees: 0,
      annualRevenueCents: 0n,
      exportMarkets: "JP",
      ownerCount: 1,
    };
    const full = profileCompleteness(fullFacts);
    expect(full).toMatchObject({ percent: 100, complete: true });
    // A year without its month is not a complete profile.
    expect(profileCompleteness({ ...fullFacts, monthFounded: null }).complete).toBe(false);
  });
});

describe("months in business", () => {
  it("counts full months from the 1st of the founding month", () => {
    const today = new Date("2026-12-01T12:00:00Z");
    // 1 March 2024 → 1 March 2026 is 24 months, → 1 December 2026 nine more.
    expect(monthsInBusiness({ yearFounded: 2024, monthFounded: 3 }, today)).toBe(33);
    expect(monthsInBusiness({ yearFounded: 2024, monthFounded: 3 }, new Date("2026-11-30T23:59:59Z"))).toBe(
      32,
    );
    expect(monthsInBusiness({ yearFounded: 2026, monthFounded: 12 }, today)).toBe(0);
    expect(monthsInBusiness({ yearFounded: 2025, monthFounded: 12 }, today)).toBe(12);
    expect(monthsInBusiness({ yearFounded: 2026, monthFounded: 1 }, today)).toBe(11);
  });
  it("is unknown, never counted from January, when the month or year is missing", () => {
    const today = new Date("2026-12-01T12:00:00Z");
    expect(monthsInBusiness({ yearFounded: 2024, monthFounded: null }, today)).toBeNull();
    expect(monthsInBusiness({ yearFounded: null, monthFounded: 3 }, today)).toBeNull();
  });
});
