import { describe, expect, it } from "vitest";
import {
  actionRefusal,
  canOpenReferral,
  decisionHold,
  endedNote,
  type ReferralState,
  referralActions,
} from "./actions";

const now = new Date("2026-12-01T12:00:00.000Z");
const later = new Date(now.getTime() + 86_400_000);
const earlier = new Date(now.getTime() - 1);

const base: ReferralState = {
  referralStatus: "IN_REVIEW",
  applicationStatus: "IN_REVIEW",
  offer: null,
  siblingLiveOffer: null,
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

  it("decides once per lender and application: neither offer nor decline beside its live offer", () => {
    const sibling = { siblingLiveOffer: { productName: "PO finance" } };
    const hold =
      "Your organisation's offer through PO finance is waiting for the merchant; withdraw it first to decide here.";
    expect(allowed(sibling)).toEqual(["assign", "note", "request-info"]);
    expect(actionRefusal({ ...base, ...sibling }, "offer")).toBe(hold);
    expect(actionRefusal({ ...base, ...sibling }, "decline")).toBe(hold);
    expect(decisionHold({ ...base, ...sibling })).toBe(hold);
    expect(allowed({ ...sibling, referralStatus: "INFO_REQUESTED" })).toEqual(["assign", "note"]);
    expect(decisionHold({ ...base, ...sibling, referralStatus: "INFO_REQUESTED" })).toBe(hold);
    expect(endedNote({ ...base, ...sibling, referralStatus: "INFO_REQUESTED" }, null)).toBeNull();
    // A referral that could not decide anyway keeps its own refusal.
    expect(decisionHold({ ...base, ...sibling, referralStatus: "DECLINED" })).toBeNull();
    expect(decisionHold(base)).toBeNull();
  });

  it("refuses in words the lender reads, not status codes", () => {
    const offered = {
      ...base,
      referralStatus: "OFFERED",
      applicationStatus: "OFFERED",
      offer: { status: "PENDING", expiresAt: later, funded: false },
    };
    expect(actionRefusal(offered, "decline")).toBe(
      "This referral is waiting for the merchant's answer to your offer: you cannot decline it now.",
    );
    expect(actionRefusal({ ...base, referralStatus: "CLOSED" }, "offer")).toBe(
      "This referral is closed: nothing more can be done on it.",
    );
  });

  it("offers nothing on ended referrals", () => {
    for (const referralStatus of ["DECLINED", "WITHDRAWN", "CLOSED"])
      expect(allowed({ referralStatus }), referralStatus).toEqual([]);
  });

  it("offers only funding on an accepted offer, once", () => {
    const accepted = {
      referralStatus: "ACCEPTED",
      applicationStatus: "ACCEPTED",
      offer: { status: "ACCEPTED", expiresAt: earlier, funded: false },
    };
    // Internal notes stay open on the team's accepted and funded deals.
    expect(allowed(accepted)).toEqual(["fund", "note"]);
    expect(allowed({ ...accepted, offer: { ...accepted.offer, funded: true } })).toEqual(["note"]);
    expect(allowed({ ...accepted, referralStatus: "FUNDED", applicationStatus: "FUNDED" })).toEqual(["note"]);
    expect(allowed({ ...accepted, partnerStatus: "SUSPENDED" })).toEqual(["fund", "note"]);
  });

  it("lets nobody else act on an accepted or funded application", () => {
    for (const applicationStatus of ["ACCEPTED", "FUNDED", "DECLINED", "WITHDRAWN", "EXPIRED"])
      expect(allowed({ applicationStatus }), applicationStatus).toEqual([]);
  });

  // A suspended partner may still take back its own live offer (it only reduces what it promised).
  it("refuses a suspended partner's decisions, requests and offers, but lets it withdraw its offer", () => {
    expect(allowed({ partnerStatus: "SUSPENDED" })).toEqual(["assign", "note"]);
    expect(allowed({ partnerStatus: "SUSPENDED", referralStatus: "NEW" })).toEqual(["assign", "note"]);
    expect(
      allowed({
        partnerStatus: "SUSPENDED",
        referralStatus: "OFFERED",
        applicationStatus: "OFFERED",
        offer: { status: "PENDING", expiresAt: later, funded: false },
      }),
    ).toEqual(["assign", "note", "withdraw-offer"]);
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
      "Closed: the application expired with no offer accepted.",
    );
    expect(endedNote({ ...base, referralStatus: "CLOSED" }, "OTHER_OFFER_ACCEPTED")).toBe(
      "Closed: the merchant accepted another lender's offer.",
    );
    expect(endedNote({ ...base, referralStatus: "WITHDRAWN" }, "APPLICATION_WITHDRAWN")).toBe(
      "Withdrawn: the merchant withdrew the application.",
    );
    expect(endedNote({ ...base, referralStatus: "DECLINED" }, null)).toBe(
      "You declined this referral: nothing more can be done on it.",
    );
  });
  it("calls a funded deal funded", () => {
    const funded = {
      ...base,
      referralStatus: "FUNDED",
      applicationStatus: "FUNDED",
      offer: { status: "ACCEPTED", expiresAt: earlier, funded: true },
    };
    expect(endedNote(funded, null)).toBe(
      "This deal is funded: nothing more can be decided on it; your team's internal notes stay open.",
    );
  });
});
