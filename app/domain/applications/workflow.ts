// The status tables of applications and referrals (docs/design/workflows.md). Every change goes
// through `transition` (app/domain/workflow/transition.server.ts), which checks the move against
// these tables and writes it with its audit event in one database transaction.
import { canMove, defineMachine, TransitionError } from "~/domain/workflow/machine";

export { TransitionError };

export const APPLICATION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "COMPLIANCE_REVIEW",
  "IN_REVIEW",
  "OFFERED",
  "ACCEPTED",
  "FUNDED",
  "DECLINED",
  "WITHDRAWN",
  "EXPIRED",
  "DISCARDED",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  COMPLIANCE_REVIEW: "Compliance review",
  IN_REVIEW: "In review",
  OFFERED: "Offers received",
  ACCEPTED: "Offer accepted",
  FUNDED: "Funded",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
  DISCARDED: "Discarded draft",
};

export const APPLICATION_WORKFLOW = defineMachine({
  entity: "Application",
  noun: "application",
  statuses: APPLICATION_STATUSES,
  initial: ["DRAFT"],
  transitions: {
    // Submitting sends the draft to lenders, or declines it at once when no product fits.
    // COMPLIANCE_REVIEW: a name matched the sanctions list; no lender sees it until an admin
    // clears it (then SUBMITTED, or DECLINED when no product fits) or confirms it (DECLINED).
    DRAFT: ["SUBMITTED", "COMPLIANCE_REVIEW", "DECLINED", "DISCARDED"],
    COMPLIANCE_REVIEW: ["SUBMITTED", "DECLINED", "WITHDRAWN"],
    SUBMITTED: ["IN_REVIEW", "OFFERED", "DECLINED", "WITHDRAWN", "EXPIRED"],
    IN_REVIEW: ["OFFERED", "DECLINED", "WITHDRAWN", "EXPIRED"],
    // Back to review when every pending offer ended (withdrawn, expired, declined) and lenders
    // are still deciding.
    OFFERED: ["IN_REVIEW", "ACCEPTED", "DECLINED", "WITHDRAWN", "EXPIRED"],
    ACCEPTED: ["FUNDED"],
    FUNDED: [],
    DECLINED: [],
    WITHDRAWN: [],
    EXPIRED: [],
    DISCARDED: [],
  },
  labels: APPLICATION_STATUS_LABELS,
});

/** Submitted and not ended: lenders may still act on it. */
export const LIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "SUBMITTED",
  "COMPLIANCE_REVIEW",
  "IN_REVIEW",
  "OFFERED",
  "ACCEPTED",
];

/** Applications a merchant may still withdraw (a draft is discarded): no offer accepted yet. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = [
  "DRAFT",
  "SUBMITTED",
  "COMPLIANCE_REVIEW",
  "IN_REVIEW",
  "OFFERED",
];

export const REFERRAL_STATUSES = [
  "NEW",
  "IN_REVIEW",
  "INFO_REQUESTED",
  "OFFERED",
  "ACCEPTED",
  "FUNDED",
  "DECLINED",
  "WITHDRAWN",
  "CLOSED",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  NEW: "New",
  IN_REVIEW: "In review",
  INFO_REQUESTED: "Information requested",
  OFFERED: "Offer made",
  ACCEPTED: "Offer accepted",
  FUNDED: "Funded",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
  CLOSED: "Closed",
};

export const REFERRAL_WORKFLOW = defineMachine({
  entity: "Referral",
  noun: "referral",
  statuses: REFERRAL_STATUSES,
  initial: ["NEW"],
  transitions: {
    // WITHDRAWN: the merchant withdrew the application, or the partner was suspended.
    // CLOSED: the application ended another way (another lender's offer accepted, expiry).
    NEW: ["IN_REVIEW", "WITHDRAWN", "CLOSED"],
    IN_REVIEW: ["INFO_REQUESTED", "OFFERED", "DECLINED", "WITHDRAWN", "CLOSED"],
    INFO_REQUESTED: ["IN_REVIEW", "DECLINED", "WITHDRAWN", "CLOSED"],
    // Back to review when the lender's offer ended without acceptance: it may offer again or decline.
    OFFERED: ["IN_REVIEW", "ACCEPTED", "WITHDRAWN", "CLOSED"],
    ACCEPTED: ["FUNDED"],
    FUNDED: [],
    DECLINED: [],
    WITHDRAWN: [],
    CLOSED: [],
  },
  labels: REFERRAL_STATUS_LABELS,
});

/** Referrals a lender is still working on. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  "NEW",
  "IN_REVIEW",
  "INFO_REQUESTED",
  "OFFERED",
];

export function canApplicationMove(from: string, to: string): boolean {
  return canMove(APPLICATION_WORKFLOW, from, to);
}

export function canReferralMove(from: string, to: string): boolean {
  return canMove(REFERRAL_WORKFLOW, from, to);
}
