// The status table of an outgoing e-mail (docs/design/workflows.md).
import { defineMachine } from "~/domain/workflow/machine";

export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_WORKFLOW = defineMachine({
  entity: "OutboxEmail",
  noun: "e-mail",
  statuses: OUTBOX_STATUSES,
  initial: ["PENDING"],
  transitions: {
    // A refused delivery stays PENDING (its attempts count up) until the last try fails.
    PENDING: ["SENT", "FAILED"],
    SENT: [],
    // An admin may queue a failed e-mail again.
    FAILED: ["PENDING"],
  },
  labels: { PENDING: "Waiting to be sent", SENT: "Sent", FAILED: "Failed" },
});
