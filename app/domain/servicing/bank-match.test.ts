import { describe, expect, it } from "vitest";
import { mentionsLender, suggestMatches } from "./bank-match";

const feed = [
  {
    id: "a",
    postedOn: "2027-01-02",
    amountCents: -50_000,
    name: "ACH HARBORLINE CAPITAL PMT",
    counterpartyName: null,
  },
  {
    id: "b",
    postedOn: "2026-12-31",
    amountCents: -60_000,
    name: "Harborline Capital",
    counterpartyName: null,
  },
  {
    id: "c",
    postedOn: "2026-12-30",
    amountCents: 60_000,
    name: "Harborline Capital refund",
    counterpartyName: null,
  },
  {
    id: "d",
    postedOn: "2027-02-20",
    amountCents: -60_000,
    name: "Harborline Capital",
    counterpartyName: null,
  },
  {
    id: "e",
    postedOn: "2026-12-31",
    amountCents: -99_000,
    name: "Harborline Capital",
    counterpartyName: null,
  },
  {
    id: "f",
    postedOn: "2026-12-31",
    amountCents: -60_000,
    name: "Office rent",
    counterpartyName: "Harbor Realty",
  },
];

describe("suggested matches", () => {
  it("are debits naming the lender, within the open instalment, near its due date, nearest first", () => {
    const found = suggestMatches(
      { dueOn: "2026-12-31", remainingCents: 60_000, periodStart: "2026-12-01" },
      "Harborline Capital LLC",
      feed,
      new Set(),
    );
    expect(found.map((s) => s.id)).toEqual(["b", "a"]);
    expect(found[0]).toMatchObject({ paidCents: 60_000, daysFromDue: 0 });
  });

  it("leave out debits from before the instalment's period", () => {
    const open = { dueOn: "2026-12-31", remainingCents: 60_000, periodStart: "2026-12-31" };
    expect(suggestMatches(open, "Harborline Capital", feed, new Set()).map((s) => s.id)).toEqual(["b", "a"]);
    const later = { ...open, periodStart: "2027-01-01" };
    expect(suggestMatches(later, "Harborline Capital", feed, new Set()).map((s) => s.id)).toEqual(["a"]);
  });

  it("leave out transactions already recorded as payments, and suggest nothing when nothing is open", () => {
    expect(
      suggestMatches(
        { dueOn: "2026-12-31", remainingCents: 60_000, periodStart: "2026-12-01" },
        "Harborline Capital",
        feed,
        new Set(["b"]),
      ).map((s) => s.id),
    ).toEqual(["a"]);
    expect(suggestMatches(null, "Harborline Capital", feed, new Set())).toEqual([]);
  });

  it("match names whatever their case, punctuation or accents", () => {
    expect(
      mentionsLender({ name: "PAYMENT TO CRÉDIT-NORD", counterpartyName: null }, "Crédit Nord S.A."),
    ).toBe(true);
    expect(mentionsLender({ name: "Nord Stream", counterpartyName: null }, "Crédit Nord")).toBe(false);
  });
});
