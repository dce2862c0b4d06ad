import { describe, expect, it } from "vitest";
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  assertApplicationTransition,
  assertReferralTransition,
  canApplicationMove,
  canReferralMove,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  TransitionError,
} from "./workflow";

describe("transition tables", () => {
  it("allows exactly the application transitions of the table", () => {
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        const allowed = APPLICATION_TRANSITIONS[from].includes(to);
        expect(canApplicationMove(from, to), `${from} → ${to}`).toBe(allowed);
        if (allowed) expect(() => assertApplicationTransition(from, to)).not.toThrow();
        else expect(() => assertApplicationTransition(from, to)).toThrow(TransitionError);
      }
    }
  });
  it("allows exactly the referral transitions of the table", () => {
    for (const from of REFERRAL_STATUSES) {
      for (const to of REFERRAL_STATUSES) {
        const allowed = REFERRAL_TRANSITIONS[from].includes(to);
        expect(canReferralMove(from, to), `${from} → ${to}`).toBe(allowed);
        if (!allowed) expect(() => assertReferralTransition(from, to)).toThrow(TransitionError);
      }
    }
  });
  it("ends are final and the happy path exists", () => {
    for (const end of ["FUNDED", "DECLINED", "WITHDRAWN", "EXPIRED"] as const)
      expect(APPLICATION_TRANSITIONS[end]).toEqual([]);
    const path = ["DRAFT", "SUBMITTED", "IN_REVIEW", "OFFERED", "ACCEPTED", "FUNDED"];
    for (let i = 0; i < path.length - 1; i++)
      expect(canApplicationMove(path[i] ?? "", path[i + 1] ?? "")).toBe(true);
    expect(canApplicationMove("ACCEPTED", "WITHDRAWN")).toBe(false);
    expect(canReferralMove("INFO_REQUESTED", "IN_REVIEW")).toBe(true);
  });
});
