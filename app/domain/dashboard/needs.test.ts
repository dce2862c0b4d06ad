import { describe, expect, it } from "vitest";
import { merchantNeeds, timeLeftInWords } from "./needs";

const now = new Date("2026-12-01T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("timeLeftInWords", () => {
  it("says whole days, hours or minutes, rounded down", () => {
    expect(timeLeftInWords("expires", at(7 * DAY - 60_000), now)).toBe("expires in 6 days");
    expect(timeLeftInWords("expires", at(DAY), now)).toBe("expires in 1 day");
    expect(timeLeftInWords("due", at(5 * HOUR + 59 * 60_000), now)).toBe("due in 5 hours");
    expect(timeLeftInWords("expires", at(1 * HOUR), now)).toBe("expires in 1 hour");
    expect(timeLeftInWords("expires", at(40 * 60_000), now)).toBe("expires in 40 minutes");
    expect(timeLeftInWords("expires", at(10_000), now)).toBe("expires in less than a minute");
  });
  it("says when the time has passed", () => {
    expect(timeLeftInWords("expires", at(-2 * DAY - HOUR), now)).toBe("expired 2 days ago");
    expect(timeLeftInWords("due", at(-3 * HOUR), now)).toBe("was due 3 hours ago");
    expect(timeLeftInWords("expires", now, now)).toBe("expired just now");
  });
});

describe("merchantNeeds", () => {
  const needs = merchantNeeds(
    {
      questions: [
        {
          id: "q1",
          applicationId: "a1",
          lenderName: "Harbor Capital",
          question: "Send the buyer's contract",
          documentLabel: "Contract",
          dueAt: at(10 * DAY),
        },
      ],
      offers: [
        {
          id: "o1",
          applicationId: "a1",
          lenderName: "Bay Lending",
          amount: "$40,000.00",
          expiresAt: at(6.5 * DAY),
        },
        {
          id: "o2",
          applicationId: "a1",
          lenderName: "Soon Bank",
          amount: "$10,000.00",
          expiresAt: at(20 * HOUR),
        },
      ],
      drafts: [{ id: "d1", amount: "$5,000", createdAt: at(-DAY) }],
      banks: [{ id: "b1", institutionName: "First Platypus Bank" }],
    },
    now,
  );

  it("puts deadlines first, soonest first, then drafts and banks", () => {
    expect(needs.map((n) => n.key)).toEqual(["offer-o2", "offer-o1", "question-q1", "draft-d1", "bank-b1"]);
  });

  it("links each to the exact place it is done", () => {
    expect(Object.fromEntries(needs.map((n) => [n.key, n.href]))).toEqual({
      "offer-o2": "/merchant/applications/a1#offer-o2",
      "offer-o1": "/merchant/applications/a1#offer-o1",
      "question-q1": "/merchant/applications/a1#question-q1",
      "draft-d1": "/merchant/applications/d1",
      "bank-b1": "/merchant/bank#connection-b1",
    });
  });

  it("words the time left and marks what is within two days as urgent", () => {
    const byKey = Object.fromEntries(needs.map((n) => [n.key, n]));
    expect(byKey["offer-o1"]).toMatchObject({ when: "expires in 6 days", urgent: false });
    expect(byKey["offer-o2"]).toMatchObject({ when: "expires in 20 hours", urgent: true });
    expect(byKey["question-q1"]).toMatchObject({
      when: "due in 10 days",
      detail: "Send the buyer's contract · Document: Contract",
    });
    expect(byKey["draft-d1"]?.when).toBeNull();
  });
});
