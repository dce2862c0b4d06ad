// The status tables of offers and fundings (docs/design/workflows.md).
import { defineMachine } from "~/domain/workflow/machine";

export const OFFER_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_WORKFLOW = defineMachine({
  entity: "Offer",
  noun: "offer",
  statuses: OFFER_STATUSES,
  initial: ["PENDING"],
  transitions: {
    // ACCEPTED: signed by the merchant. DECLINED: by the merchant, or because another offer on
    // the application was accepted. EXPIRED: its time passed. WITHDRAWN: by the lender, or with
    // the application.
    PENDING: ["ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN"],
    ACCEPTED: [],
    DECLINED: [],
    EXPIRED: [],
    WITHDRAWN: [],
  },
  labels: {
    PENDING: "Waiting for the merchant",
    ACCEPTED: "Accepted",
    DECLINED: "Declined",
    EXPIRED: "Expired",
    WITHDRAWN: "Withdrawn",
  },
});

export const FUNDING_STATUSES = ["RECORDED"] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/** A funding is recorded once, checked against the accepted offer, and never changes. */
export const FUNDING_WORKFLOW = defineMachine({
  entity: "Funding",
  noun: "funding",
  statuses: FUNDING_STATUSES,
  initial: ["RECORDED"],
  transitions: { RECORDED: [] },
  labels: { RECORDED: "Recorded" },
});
