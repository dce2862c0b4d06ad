// The status table of a funded deal (docs/design/workflows.md, docs/design/servicing.md).
import { defineMachine } from "~/domain/workflow/machine";

export const DEAL_STATUSES = ["CURRENT", "LATE", "PAID_OFF", "WRITTEN_OFF"] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const DEAL_WORKFLOW = defineMachine({
  entity: "Deal",
  noun: "deal",
  statuses: DEAL_STATUSES,
  initial: ["CURRENT"],
  transitions: {
    // LATE: an instalment is past due (the daily job). PAID_OFF: payments reached what repays the
    // deal. WRITTEN_OFF: the lender gives up on what is left, with a reason.
    CURRENT: ["LATE", "PAID_OFF", "WRITTEN_OFF"],
    // CURRENT again once the payments catch up with every instalment past due.
    LATE: ["CURRENT", "PAID_OFF", "WRITTEN_OFF"],
    PAID_OFF: [],
    WRITTEN_OFF: [],
  },
  labels: {
    CURRENT: "Current",
    LATE: "Late",
    PAID_OFF: "Paid off",
    WRITTEN_OFF: "Written off",
  },
});

export const OPEN_DEAL_STATUSES: readonly DealStatus[] = ["CURRENT", "LATE"];

/** The status the ledger calls for, from an open status. */
export function dealStatusFor(ledger: { paidOff: boolean; daysPastDue: number }): DealStatus {
  if (ledger.paidOff) return "PAID_OFF";
  return ledger.daysPastDue > 0 ? "LATE" : "CURRENT";
}
