import { describe, expect, it } from "vitest";
import { declineOutcome } from "./adverse-action";

describe("what a notice says happened", () => {
  it("names the creditors that declined", () => {
    expect(declineOutcome("DECLINED", ["A Bank"])).toBe("was declined by A Bank.");
    expect(declineOutcome("DECLINED", ["A", "B", "C"])).toBe("was declined by A, B and C.");
  });
  it("says nobody was asked when nothing fitted", () => {
    expect(declineOutcome("NO_MATCH", [])).toMatch(/^was not sent to any lending partner/);
  });
  it("never says an application that was sent was not sent", () => {
    expect(declineOutcome("NO_LENDER_LEFT", [])).toMatch(
      /^was sent to lending partners that can no longer consider it/,
    );
    expect(declineOutcome("NO_LENDER_LEFT", ["A Bank"])).toMatch(
      /^was declined by A Bank; the other lending partners it was sent to can no longer consider it/,
    );
  });
});
