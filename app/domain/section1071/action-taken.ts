// The action taken on a covered application, as the Section 1071 register reports it
// (12 CFR 1002.107(a)(9)-(10); docs/design/section-1071.md). One rule, derived from how the
// application ended and from its offers and funding. Pure.

export const ACTION_TAKEN = [
  "ORIGINATED",
  "APPROVED_NOT_ACCEPTED",
  "DENIED",
  "WITHDRAWN",
  "INCOMPLETE",
] as const;
export type ActionTaken = (typeof ACTION_TAKEN)[number];

export const ACTION_TAKEN_LABELS: Record<ActionTaken, string> = {
  ORIGINATED: "Originated",
  APPROVED_NOT_ACCEPTED: "Approved but not accepted",
  DENIED: "Denied",
  WITHDRAWN: "Withdrawn by the applicant",
  INCOMPLETE: "File closed for incompleteness",
};

export type ActionTakenInput = {
  /** The application's status; only FUNDED, DECLINED, WITHDRAWN and EXPIRED are reported. */
  status: string;
  requestedAmountCents: number;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  fundedAt: Date | null;
  /** When the application reached its final status (the fallback date). */
  endedAt: Date;
  offers: readonly {
    status: string;
    amountCents: number;
    createdAt: Date;
    /** Set when the lender itself took the offer back (not when it lapsed with the application). */
    withdrawnReason: string | null;
  }[];
  funding: { amountCents: number; fundedOn: Date } | null;
  referrals: readonly { status: string; declineReasons: readonly string[] }[];
  /** Information requests still unanswered when the application ended. */
  openInfoRequests: number;
};

export type ActionTakenResult = {
  actionTaken: ActionTaken;
  actionTakenAt: Date;
  /** The amount originated, or approved and not accepted; null for the other actions. */
  amountApprovedCents: number | null;
};

const REPORTED_ENDS = ["FUNDED", "DECLINED", "WITHDRAWN", "EXPIRED"];

/**
 * Null while the application is live, and for a draft discarded before it was ever sent (not a
 * covered application). Otherwise:
 * - FUNDED: originated, on the funding date, for the amount of the accepted offer;
 * - an offer for at least the amount requested that the lender did not take back, and that the
 *   applicant did not accept (it lapsed, was declined, or the applicant withdrew or let the
 *   application expire after it): approved but not accepted, on the date of that offer. An offer
 *   for less than requested is a counteroffer; one not accepted is a denial.
 * - withdrawn by the applicant before any approval: withdrawn;
 * - ended with a lender's information request unanswered, or declined only for missing
 *   information: file closed for incompleteness;
 * - anything else (every lender declined, no product matched, no lender left, expired undecided,
 *   a counteroffer not accepted): denied.
 */
export function deriveActionTaken(input: ActionTakenInput): ActionTakenResult | null {
  if (!REPORTED_ENDS.includes(input.status)) return null;
  if (input.status === "FUNDED") {
    const accepted = input.offers.find((o) => o.status === "ACCEPTED");
    return {
      actionTaken: "ORIGINATED",
      actionTakenAt: input.funding?.fundedOn ?? input.fundedAt ?? input.endedAt,
      // The amount of credit the accepted offer extended (what was disbursed may be net of an
      // advance rate or fees).
      amountApprovedCents: accepted?.amountCents ?? null,
    };
  }
  const approvals = input.offers
    .filter(
      (o) =>
        o.amountCents >= input.requestedAmountCents &&
        o.status !== "ACCEPTED" &&
        !(o.status === "WITHDRAWN" && o.withdrawnReason),
    )
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const approval = approvals[0];
  if (approval)
    return {
      actionTaken: "APPROVED_NOT_ACCEPTED",
      actionTakenAt: approval.createdAt,
      amountApprovedCents: approval.amountCents,
    };
  if (input.status === "WITHDRAWN")
    return {
      actionTaken: "WITHDRAWN",
      actionTakenAt: input.withdrawnAt ?? input.endedAt,
      amountApprovedCents: null,
    };
  const endedOn = input.decidedAt ?? input.endedAt;
  const declines = input.referrals.filter((r) => r.status === "DECLINED");
  const declinedForMissingInfo =
    declines.length > 0 &&
    declines.every((r) => r.declineReasons.length > 0 && r.declineReasons.every((c) => c === "INCOMPLETE"));
  if (input.openInfoRequests > 0 || declinedForMissingInfo)
    return { actionTaken: "INCOMPLETE", actionTakenAt: endedOn, amountApprovedCents: null };
  return { actionTaken: "DENIED", actionTakenAt: endedOn, amountApprovedCents: null };
}
