import { describe, expect, it } from "vitest";
import { applicationTimeline, type TimelineInput } from "./timeline";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

const harborlineReferral: TimelineInput["referrals"][number] = {
  lenderOrg: { name: "Harborline" },
  createdAt: at(5),
  reviewStartedAt: at(11),
  decidedAt: at(15),
  status: "OFFERED",
  infoRequests: [{ createdAt: at(13), respondedAt: null, status: "CANCELLED" }],
};

const base: TimelineInput = {
  createdAt: at(0),
  submittedAt: at(5),
  withdrawnAt: null,
  decidedAt: null,
  status: "ACCEPTED",
  referrals: [
    {
      lenderOrg: { name: "Meridian" },
      createdAt: at(5),
      reviewStartedAt: at(10),
      decidedAt: at(30),
      status: "OFFERED",
      infoRequests: [{ createdAt: at(12), respondedAt: at(20), status: "ANSWERED" }],
    },
    harborlineReferral,
  ],
  offers: [
    {
      lenderOrg: { name: "Harborline" },
      createdAt: at(15),
      acceptedAt: at(40),
      declinedAt: null,
      withdrawnAt: null,
      status: "ACCEPTED",
      expiresAt: at(600),
      funding: { fundedOn: at(50), createdAt: at(55) },
    },
    {
      lenderOrg: { name: "Meridian" },
      createdAt: at(30),
      acceptedAt: null,
      declinedAt: at(40),
      withdrawnAt: null,
      status: "DECLINED",
      expiresAt: at(600),
      funding: null,
    },
  ],
};

describe("applicationTimeline", () => {
  it("lists every event in time order, naming the lender, with cause before effect at the same instant", () => {
    expect(applicationTimeline(base).map((e) => e.text)).toEqual([
      "Draft started",
      "Sent to lenders",
      "Meridian received it",
      "Harborline received it",
      "Meridian started its review",
      "Harborline started its review",
      "Meridian asked for information",
      "Harborline asked for information",
      "Harborline made an offer",
      "You answered Meridian",
      "Meridian made an offer",
      "You accepted Harborline's offer",
      "Meridian's offer was declined",
      "Harborline sent the money",
    ]);
  });

  it("shows a cancelled question as asked but never as answered, and a declined application's notice", () => {
    const declined = applicationTimeline({
      ...base,
      status: "DECLINED",
      decidedAt: at(31),
      offers: [],
      referrals: [{ ...harborlineReferral, status: "DECLINED", decidedAt: at(31) }],
    }).map((e) => e.text);
    expect(declined).not.toContain("You answered Harborline");
    expect(declined.slice(-2)).toEqual(["Harborline declined", "Declined: notice of action taken sent"]);
  });

  it("leaves out what has not happened and accepts ISO strings as well as dates", () => {
    const draft = applicationTimeline({
      ...base,
      createdAt: at(0).toISOString(),
      submittedAt: null,
      status: "DRAFT",
      referrals: [],
      offers: [],
    });
    expect(draft).toEqual([{ at: "2026-11-20T09:00:00.000Z", text: "Draft started" }]);
  });

  it("says why a referral closed, the lender's reason for a withdrawn offer, an expiry not yet written, and a discarded draft", () => {
    const events = applicationTimeline({
      ...base,
      referrals: [
        { ...harborlineReferral, status: "CLOSED", statusReason: "OTHER_OFFER_ACCEPTED", decidedAt: at(40) },
      ],
      offers: [
        {
          ...(base.offers[1] as TimelineInput["offers"][number]),
          status: "WITHDRAWN",
          declinedAt: null,
          withdrawnAt: at(35),
          withdrawnReason: "The buyer's credit limit is used up.",
        },
        {
          ...(base.offers[1] as TimelineInput["offers"][number]),
          status: "PENDING",
          effectiveStatus: "EXPIRED",
          declinedAt: null,
          expiresAt: at(45),
        },
      ],
    }).map((e) => e.text);
    expect(events).toContain("Harborline's review was closed: you accepted another offer");
    expect(events).toContain("Meridian withdrew its offer: The buyer's credit limit is used up.");
    expect(events).toContain("Meridian's offer expired");
    const discarded = applicationTimeline({
      ...base,
      status: "DISCARDED",
      submittedAt: null,
      withdrawnAt: at(3),
      referrals: [],
      offers: [],
    }).map((e) => e.text);
    expect(discarded).toEqual(["Draft started", "You discarded the draft"]);
  });

  it("says who ended a referral, writes possessives of names ending in s, and lists a cancelled order", () => {
    const events = applicationTimeline({
      ...base,
      referrals: [
        { ...harborlineReferral, status: "WITHDRAWN", statusReason: "PARTNER_SUSPENDED", decidedAt: at(20) },
      ],
      offers: [
        {
          ...(base.offers[0] as TimelineInput["offers"][number]),
          lenderOrg: { name: "Harborline Export Factors" },
        },
      ],
      orders: [
        { poNumber: "PO-1", cancelledAt: at(45), cancelReason: "The buyer cancelled." },
        { poNumber: "PO-2", cancelledAt: null },
      ],
    }).map((e) => e.text);
    expect(events).toContain(
      "Harborline's partnership with TradeLift was suspended, so it no longer reviews this application",
    );
    expect(events).not.toContain("Harborline no longer reviews it");
    expect(events).toContain("You accepted Harborline Export Factors' offer");
    expect(events).toContain("You cancelled order PO-1 (The buyer cancelled): the lenders were told");
    expect(events.filter((e) => e.includes("PO-2"))).toEqual([]);
  });
});
