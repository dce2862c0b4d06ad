import { describe, expect, it } from "vitest";
import { canOpenReferral, endedNote, type ReferralState, referralActions } from "./actions";

const now = new Date("2026-12-01T12:00:00.000Z");
const later = new Date(now.getTime() + 86_400_000);
const earlier = new Date(now.getTime() - 1);

const base: ReferralState = {
  referralStatus: "IN_REVIEW",
  applicationStatus: "IN_REVIEW",
  offer: null,
  siblingLiveOffer: false,
  partnerStatus: "ACTIVE",
  lenderRole: "UNDERWRITER",
  now,
};

function allowed(state: Partial<ReferralState>): string[] {
  const actions = referralActions({ ...base, ...state });
  return Object.entries(actions)
    .filter(([, yes]) => yes)
    .map(([action]) => action)
    .sort();
}

describe("referralActions", () => {
  it("starts a new referral", () => {
    expect(allowed({ referralStatus: "NEW", applicationStatus: "SUBMITTED" })).toEqual([
      "assign",
      "note",
      "start",
    ]);
  });

  it("decides a referral in review", () => {
    expect(allowed({})).toEqual(["assign", "decline", "note", "offer", "request-info"]);
    expect(allowed({ lenderRole: "ADMIN" })).toContain("assignOthers");
  });

  it("waits for the merchant's answer to a request, but may decline", () => {
    expect(allowed({ referralStatus: "INFO_REQUESTED" })).toEqual(["assign", "decline", "note"]);
  });

  it("shows no offer form while a live offer waits for the merchant; it may be withdrawn", () => {
    const offered = {
      referralStatus: "OFFERED",
      applicationStatus: "OFFERED",
      offer: { status: "PENDING", expiresAt: later, funded: false },
    };
    expect(allowed(offered)).toEqual(["assign", "note", "withdraw-offer"]);
  });

  it("treats an offer past its time as expired at once: offer again or decline", () => {
    const lapsed = {
      referralStatus: "OFFERED",
      applicationStatus: "OFFERED",
      offer: { status: "PENDING", expiresAt: earlier, funded: false },
    };
    expect(allowed(lapsed)).toEqual(["assign", "decline", "note", "offer"]);
  });

  it("allows one live offer per lender and application", () => {
    expect(allowed({ siblingLiveOffer: true })).toEqual(["assign", "decline", "note", "request-info"]);
  });

  it("offers nothing on ended referrals", () => {
    for (const referralStatus of ["DECLINED", "WITHDRAWN", "CLOSED", "FUNDED"])
      expect(allowed({ referralStatus }), referralStatus).toEqual([]);
  });

  it("offers only funding on an accepted offer, once", () => {
    const accepted = {
      referralStatus: "ACCEPTED",
      applicationStatus: "ACCEPTED",
      offer: { status: "ACCEPTED", expiresAt: earlier, funded: false },
    };
    expect(allowed(accepted)).toEqual(["fund"]);
    expect(allowed({ ...accepted, offer: { ...accepted.offer, funded: true } })).toEqual([]);
    expect(allowed({ ...accepted, partnerStatus: "SUSPENDED" })).toEqual(["fund"]);
  });

  it("lets nobody else act on an accepted or funded application", () => {
    for (const applicationStatus of ["ACCEPTED", "FUNDED", "DECLINED", "WITHDRAWN", "EXPIRED"])
      expect(allowed({ applicationStatus }), applicationStatus).toEqual([]);
  });

  it("refuses a suspended partner's decisions, requests and offers", () => {
    expect(allowed({ partnerStatus: "SUSPENDED" })).toEqual(["assign", "note"]);
    expect(allowed({ partnerStatus: "SUSPENDED", referralStatus: "NEW" })).toEqual(["assign", "note"]);
    expect(
      allowed({
        partnerStatus: "SUSPENDED",
        referralStatus: "OFFERED",
        applicationStatus: "OFFERED",
        offer: { status: "PENDING", expiresAt: later, funded: false },
      }),
    ).toEqual(["assign", "note"]);
  });
});

describe("canOpenReferral", () => {
  const live = { status: "PENDING", expiresAt: later, funded: false };
  it("opens everything for an active partner", () => {
    expect(canOpenReferral({ ...base, referralStatus: "DECLINED" })).toBe(true);
  });
  it("opens only live offers, accepted offers and funded deals for a suspended partner", () => {
    const suspended = { ...base, partnerStatus: "SUSPENDED" };
    expect(canOpenReferral({ ...suspended, referralStatus: "OFFERED", offer: live })).toBe(true);
    expect(canOpenReferral({ ...suspended, referralStatus: "ACCEPTED" })).toBe(true);
    expect(canOpenReferral({ ...suspended, referralStatus: "FUNDED" })).toBe(true);
    expect(
      canOpenReferral({ ...suspended, referralStatus: "OFFERED", offer: { ...live, expiresAt: earlier } }),
    ).toBe(false);
    for (const referralStatus of ["NEW", "IN_REVIEW", "INFO_REQUESTED", "DECLINED", "WITHDRAWN", "CLOSED"])
      expect(canOpenReferral({ ...suspended, referralStatus }), referralStatus).toBe(false);
  });
});

describe("endedNote", () => {
  it("says nothing while something can be done", () => {
    expect(endedNote(base, null)).toBeNull();
  });
  it("says why a referral ended, in words", () => {
    expect(endedNote({ ...base, referralStatus: "CLOSED" }, "APPLICATION_EXPIRED")).toBe(
      "This referral is closed: nothing more can be done on it. It ended because the application expired with no offer accepted.",
    );
    expect(endedNote({ ...base, referralStatus: "DECLINED" }, null)).toBe(
      "This referral is declined: nothing more can be done on it.",
    );
  });
  it("calls a funded deal funded", () => {
    const funded = {
      ...base,
      referralStatus: "FUNDED",
      applicationStatus: "FUNDED",
      offer: { status: "ACCEPTED", expiresAt: earlier, funded: true },
    };
    expect(endedNote(funded, null)).toBe("This deal is funded: nothing more can be done on it.");
  });
});
