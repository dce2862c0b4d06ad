// The status table of a lender's request for information (docs/design/workflows.md).
import { defineMachine } from "~/domain/workflow/machine";

export const INFO_REQUEST_STATUSES = ["OPEN", "ANSWERED", "CANCELLED"] as const;
export type InfoRequestStatus = (typeof INFO_REQUEST_STATUSES)[number];

export const INFO_REQUEST_WORKFLOW = defineMachine({
  entity: "InfoRequest",
  noun: "request for information",
  statuses: INFO_REQUEST_STATUSES,
  initial: ["OPEN"],
  transitions: {
    // CANCELLED: the referral ended (declined, withdrawn, closed) before the merchant answered.
    OPEN: ["ANSWERED", "CANCELLED"],
    ANSWERED: [],
    CANCELLED: [],
  },
  labels: { OPEN: "Waiting for the merchant", ANSWERED: "Answered", CANCELLED: "Cancelled" },
});
