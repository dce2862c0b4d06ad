import { describe, expect, it } from "vitest";
import { canMove, isFinal } from "~/domain/workflow/machine";
import { DEAL_WORKFLOW, dealStatusFor } from "./workflow";

describe("the deal's table", () => {
  it("goes late and back, and ends paid off or written off", () => {
    expect(canMove(DEAL_WORKFLOW, "CURRENT", "LATE")).toBe(true);
    expect(canMove(DEAL_WORKFLOW, "LATE", "CURRENT")).toBe(true);
    expect(canMove(DEAL_WORKFLOW, "PAID_OFF", "CURRENT")).toBe(false);
    expect(canMove(DEAL_WORKFLOW, "WRITTEN_OFF", "PAID_OFF")).toBe(false);
    expect(isFinal(DEAL_WORKFLOW, "PAID_OFF")).toBe(true);
    expect(isFinal(DEAL_WORKFLOW, "WRITTEN_OFF")).toBe(true);
  });

  it("follows the ledger: paid off, else late when past due, else current", () => {
    expect(dealStatusFor({ paidOff: true, daysPastDue: 3 })).toBe("PAID_OFF");
    expect(dealStatusFor({ paidOff: false, daysPastDue: 1 })).toBe("LATE");
    expect(dealStatusFor({ paidOff: false, daysPastDue: 0 })).toBe("CURRENT");
  });
});
