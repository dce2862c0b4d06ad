import { describe, expect, it } from "vitest";
import { type ActionTakenInput, deriveActionTaken } from "./action-taken";

const at = (day: number) => new Date(Date.UTC(2026, 10, day));

const base: ActionTakenInput = {
  status: "DECLINED",
  requestedAmountCents: 8_000_000,
  decidedAt: at(20),
  withdrawnAt: null,
  fundedAt: null,
  endedAt: at(21),
  offers: [],
  funding: null,
  referrals: [{ status: "DECLINED", declineReasons: ["REVENUE"] }],
  openInfoRequests: 0,
};

const offer = (patch: Partial<ActionTakenInput["offers"][number]> = {}) => ({
  status: "EXPIRED",
  amountCents: 8_000_000,
  createdAt: at(10),
  withdrawnReason: null,
  ...patch,
});

describe("the action taken on a covered application", () => {
  it("is not reported while the application is live, nor for a draft discarded unsent", () => {
    for (const status of ["DRAFT", "SUBMITTED", "IN_REVIEW", "OFFERED", "ACCEPTED", "DISCARDED"])
      expect(deriveActionTaken({ ...base, status })).toBeNull();
  });

  it("funded: originated on the funding date for the accepted offer's amount", () => {
    expect(
      deriveActionTaken({
        ...base,
        status: "FUNDED",
        fundedAt: at(25),
        offers: [offer({ status: "ACCEPTED", amountCents: 7_500_000 }), offer({ status: "DECLINED" })],
        funding: { amountCents: 6_375_000, fundedOn: at(26) },
      }),
    ).toEqual({ actionTaken: "ORIGINATED", actionTakenAt: at(26), amountApprovedCents: 7_500_000 });
    // The guard runs before the funding row is written: the application's funding date stands in.
    expect(
      deriveActionTaken({
        ...base,
        status: "FUNDED",
        fundedAt: at(25),
        offers: [offer({ status: "ACCEPTED" })],
      }),
    ).toEqual({ actionTaken: "ORIGINATED", actionTakenAt: at(25), amountApprovedCents: 8_000_000 });
  });

  it("declined by every lender, or no product matched: denied on the decision date", () => {
    expect(deriveActionTaken(base)).toEqual({
      actionTaken: "DENIED",
      actionTakenAt: at(20),
      amountApprovedCents: null,
    });
    expect(deriveActionTaken({ ...base, referrals: [] })?.actionTaken).toBe("DENIED");
    expect(deriveActionTaken({ ...base, decidedAt: null })?.actionTakenAt).toEqual(at(21));
  });

  it("an offer for the amount asked that lapsed or was declined: approved but not accepted, on the offer's date", () => {
    for (const status of ["DECLINED", "EXPIRED"]) {
      for (const ended of ["EXPIRED", "DECLINED", "WITHDRAWN"])
        expect(deriveActionTaken({ ...base, status: ended, offers: [offer({ status })] })).toEqual({
          actionTaken: "APPROVED_NOT_ACCEPTED",
          actionTakenAt: at(10),
          amountApprovedCents: 8_000_000,
        });
    }
    // The applicant withdrew with the offer open: the offer lapsed with the application.
    expect(
      deriveActionTaken({
        ...base,
        status: "WITHDRAWN",
        withdrawnAt: at(15),
        offers: [offer({ status: "WITHDRAWN" })],
      })?.actionTaken,
    ).toBe("APPROVED_NOT_ACCEPTED");
    // The latest approval is the one reported.
    expect(
      deriveActionTaken({
        ...base,
        status: "EXPIRED",
        offers: [offer({ createdAt: at(5) }), offer({ createdAt: at(12), amountCents: 9_000_000 })],
      }),
    ).toEqual({
      actionTaken: "APPROVED_NOT_ACCEPTED",
      actionTakenAt: at(12),
      amountApprovedCents: 9_000_000,
    });
  });

  it("a counteroffer (less than asked) not accepted is a denial; an offer the lender took back approves nothing", () => {
    expect(
      deriveActionTaken({ ...base, status: "EXPIRED", offers: [offer({ amountCents: 5_000_000 })] })
        ?.actionTaken,
    ).toBe("DENIED");
    expect(
      deriveActionTaken({
        ...base,
        offers: [offer({ status: "WITHDRAWN", withdrawnReason: "Buyer's credit limit cut" })],
      })?.actionTaken,
    ).toBe("DENIED");
  });

  it("withdrawn by the applicant before any approval: withdrawn, on the withdrawal date", () => {
    expect(
      deriveActionTaken({
        ...base,
        status: "WITHDRAWN",
        withdrawnAt: at(15),
        decidedAt: null,
        referrals: [{ status: "WITHDRAWN", declineReasons: [] }],
        openInfoRequests: 1,
      }),
    ).toEqual({ actionTaken: "WITHDRAWN", actionTakenAt: at(15), amountApprovedCents: null });
    expect(
      deriveActionTaken({
        ...base,
        status: "WITHDRAWN",
        offers: [offer({ status: "WITHDRAWN", amountCents: 1_000_000 })],
      })?.actionTaken,
    ).toBe("WITHDRAWN");
  });

  it("ended with information unanswered, or declined only for missing information: incomplete", () => {
    expect(
      deriveActionTaken({
        ...base,
        status: "EXPIRED",
        referrals: [{ status: "CLOSED", declineReasons: [] }],
        openInfoRequests: 1,
      }),
    ).toEqual({ actionTaken: "INCOMPLETE", actionTakenAt: at(20), amountApprovedCents: null });
    expect(
      deriveActionTaken({
        ...base,
        referrals: [
          { status: "DECLINED", declineReasons: ["INCOMPLETE"] },
          { status: "DECLINED", declineReasons: ["INCOMPLETE"] },
        ],
      })?.actionTaken,
    ).toBe("INCOMPLETE");
    // One lender declined on the merits: a denial.
    expect(
      deriveActionTaken({
        ...base,
        referrals: [
          { status: "DECLINED", declineReasons: ["INCOMPLETE"] },
          { status: "DECLINED", declineReasons: ["REVENUE", "INCOMPLETE"] },
        ],
      })?.actionTaken,
    ).toBe("DENIED");
    // Expired undecided, nothing asked: a denial.
    expect(
      deriveActionTaken({ ...base, status: "EXPIRED", referrals: [{ status: "CLOSED", declineReasons: [] }] })
        ?.actionTaken,
    ).toBe("DENIED");
  });
});
