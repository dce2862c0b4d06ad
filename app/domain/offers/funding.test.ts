import { describe, expect, it } from "vitest";
import { FundingSchema, fundingProblem } from "./funding";

const now = new Date("2026-12-01T02:00:00.000Z");
const offer = { fundsProvidedCents: 5_400_000, acceptedAt: new Date("2026-11-28T23:30:00.000Z") };
const good = {
  amountCents: 5_400_000,
  fundedOn: new Date("2026-11-30T00:00:00.000Z"),
  reference: "FEDWIRE 118",
};

describe("funding against the accepted offer", () => {
  it("accepts the funds provided, sent between the acceptance day and today (UTC days)", () => {
    expect(fundingProblem(good, offer, now)).toBeNull();
    expect(
      fundingProblem({ ...good, fundedOn: new Date("2026-11-28T00:00:00.000Z") }, offer, now),
    ).toBeNull();
    expect(
      fundingProblem({ ...good, fundedOn: new Date("2026-12-01T00:00:00.000Z") }, offer, now),
    ).toBeNull();
  });

  it("refuses another amount, a future date, a date before acceptance and a missing reference", () => {
    expect(fundingProblem({ ...good, amountCents: 500 }, offer, now)).toEqual({
      field: "amount",
      message: "The amount sent must be the offer's funds provided, $54,000.00.",
    });
    expect(
      fundingProblem({ ...good, fundedOn: new Date("2026-12-02T00:00:00.000Z") }, offer, now)?.field,
    ).toBe("fundedOn");
    expect(fundingProblem({ ...good, fundedOn: new Date("2026-11-27T00:00:00.000Z") }, offer, now)).toEqual({
      field: "fundedOn",
      message: "The date sent cannot be before the offer was accepted, on 2026-11-28.",
    });
    expect(fundingProblem({ ...good, reference: "  x " }, offer, now)?.field).toBe("reference");
  });
});

describe("the funding form", () => {
  it("reads dollars to cents, a calendar date and a trimmed reference", () => {
    const parsed = FundingSchema.parse({
      offerId: "o",
      amount: "54,000.00",
      fundedOn: "2026-11-30",
      reference: "  FEDWIRE 118 ",
    });
    expect(parsed).toEqual({
      offerId: "o",
      amount: 5_400_000,
      fundedOn: new Date("2026-11-30T00:00:00.000Z"),
      reference: "FEDWIRE 118",
    });
  });

  it("refuses a date that does not exist and a reference too short or too long", () => {
    for (const patch of [
      { fundedOn: "2026-02-30" },
      { fundedOn: "30/11/2026" },
      { reference: "ab" },
      { reference: "x".repeat(101) },
    ]) {
      expect(
        FundingSchema.safeParse({
          offerId: "o",
          amount: "1",
          fundedOn: "2026-11-30",
          reference: "REF-1",
          ...patch,
        }).success,
      ).toBe(false);
    }
  });
});
