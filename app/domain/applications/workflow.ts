// The status tables of applications and referrals (DESIGN.md §3): one table each, one guard.
// Every change goes through `assertTransition` and is written with its audit event in one
// database transaction (applications.server.ts).

export const APPLICATION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "IN_REVIEW",
  "OFFERED",
  "ACCEPTED",
  "FUNDED",
  "DECLINED",
  "WITHDRAWN",
  "EXPIRED",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  DRAFT: ["SUBMITTED", "DECLINED", "WITHDRAWN"],
  SUBMITTED: ["IN_REVIEW", "OFFERED", "DECLINED", "WITHDRAWN", "EXPIRED"],
  IN_REVIEW: ["OFFERED", "DECLINED", "WITHDRAWN", "EXPIRED"],
  OFFERED: ["ACCEPTED", "DECLINED", "WITHDRAWN", "EXPIRED"],
  ACCEPTED: ["FUNDED"],
  FUNDED: [],
  DECLINED: [],
  WITHDRAWN: [],
  EXPIRED: [],
};

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  OFFERED: "Offers received",
  ACCEPTED: "Offer accepted",
  FUNDED: "Funded",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
};

export const REFERRAL_STATUSES = [
  "NEW",
  "IN_REVIEW",
  "INFO_REQUESTED",
  "OFFERED",
  "DECLINED",
  "WITHDRAWN",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  NEW: ["IN_REVIEW", "WITHDRAWN"],
  IN_REVIEW: ["INFO_REQUESTED", "OFFERED", "DECLINED", "WITHDRAWN"],
  INFO_REQUESTED: ["IN_REVIEW", "DECLINED", "WITHDRAWN"],
  OFFERED: ["WITHDRAWN"],
  DECLINED: [],
  WITHDRAWN: [],
};

export class TransitionError extends Error {
  constructor(
    readonly entity: "application" | "referral",
    readonly from: string,
    readonly to: string,
  ) {
    super(
      `A ${entity} that is ${from.toLowerCase().replaceAll("_", " ")} cannot become ${to.toLowerCase().replaceAll("_", " ")}.`,
    );
    this.name = "TransitionError";
  }
}

export function canApplicationMove(from: string, to: string): boolean {
  return (APPLICATION_TRANSITIONS[from as ApplicationStatus] ?? []).includes(to as ApplicationStatus);
}

export function canReferralMove(from: string, to: string): boolean {
  return (REFERRAL_TRANSITIONS[from as ReferralStatus] ?? []).includes(to as ReferralStatus);
}

export function assertApplicationTransition(from: string, to: ApplicationStatus): void {
  if (!canApplicationMove(from, to)) throw new TransitionError("application", from, to);
}

export function assertReferralTransition(from: string, to: ReferralStatus): void {
  if (!canReferralMove(from, to)) throw new TransitionError("referral", from, to);
}

/** Applications a merchant may still withdraw: before an offer is accepted. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ["DRAFT", "SUBMITTED", "IN_REVIEW", "OFFERED"];
