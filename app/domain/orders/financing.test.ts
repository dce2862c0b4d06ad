import { describe, expect, it } from "vitest";
import { HOLDING_APPLICATION_STATUSES, holdingApplicationText, orderHeldMessage } from "./financing";

describe("orders under financing", () => {
  it("are held by live applications and funded deals only", () => {
    expect([...HOLDING_APPLICATION_STATUSES].sort()).toEqual(
      ["ACCEPTED", "COMPLIANCE_REVIEW", "FUNDED", "IN_REVIEW", "OFFERED", "SUBMITTED"].sort(),
    );
  });

  it("say where an order is, in the merchant's words", () => {
    const hold = {
      orderId: "o1",
      poNumber: "PO-7",
      applicationId: "a1",
      status: "IN_REVIEW",
      requestedAmountCents: 7_500_000,
      submittedAt: new Date("2026-11-30T15:00:00Z"),
    };
    expect(holdingApplicationText(hold)).toBe("your application of 2026-11-30 for $75,000 (in review)");
    expect(orderHeldMessage({ ...hold, status: "FUNDED" })).toBe(
      "Order PO-7 is already in your application of 2026-11-30 for $75,000 (funded): an order can be in one live application or funded deal at a time.",
    );
  });
});
