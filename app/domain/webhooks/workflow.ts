// The status table of a webhook delivery (docs/design/workflows.md, docs/design/webhooks.md).
import { defineMachine } from "~/domain/workflow/machine";

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WEBHOOK_DELIVERY_WORKFLOW = defineMachine({
  entity: "WebhookDelivery",
  noun: "webhook delivery",
  statuses: WEBHOOK_DELIVERY_STATUSES,
  initial: ["PENDING"],
  transitions: {
    // A refused attempt stays PENDING (its attempts count up, the next one waits longer) until the
    // last allowed attempt fails.
    PENDING: ["DELIVERED", "FAILED"],
    // A lender admin may resend a delivery: a new attempt of the same event id.
    DELIVERED: ["PENDING"],
    FAILED: ["PENDING"],
  },
  labels: { PENDING: "Waiting to be sent", DELIVERED: "Delivered", FAILED: "Failed" },
});
