// The status table of a bank connection, a Plaid Item (docs/design/workflows.md). Plaid's own
// life cycle fits it as it is: ITEM_LOGIN_REQUIRED (an answer or a webhook) is LOGIN_REQUIRED,
// LOGIN_REPAIRED or the merchant's sign-in brings it back to ACTIVE, a refused request is ERROR, and
// an Item removed (by the merchant, or found gone: ITEM_NOT_FOUND) or whose access the merchant
// withdrew at the bank (USER_PERMISSION_REVOKED) is REVOKED for good. How much of the history Plaid
// has sent (NOT_READY, INITIAL_UPDATE_COMPLETE, HISTORICAL_UPDATE_COMPLETE) is not a status of the
// connection but its own column, historyStatus: a connection is ACTIVE while its history arrives.
import { defineMachine } from "~/domain/workflow/machine";

export const BANK_CONNECTION_STATUSES = ["ACTIVE", "LOGIN_REQUIRED", "ERROR", "REVOKED"] as const;
export type BankConnectionStatus = (typeof BANK_CONNECTION_STATUSES)[number];

export const BANK_CONNECTION_WORKFLOW = defineMachine({
  entity: "BankConnection",
  noun: "bank connection",
  statuses: BANK_CONNECTION_STATUSES,
  initial: ["ACTIVE"],
  transitions: {
    ACTIVE: ["LOGIN_REQUIRED", "ERROR", "REVOKED"],
    // Plaid Link's update mode repairs the log-in of the same Item.
    LOGIN_REQUIRED: ["ACTIVE", "ERROR", "REVOKED"],
    ERROR: ["ACTIVE", "LOGIN_REQUIRED", "REVOKED"],
    // Disconnected by the merchant or revoked at the bank: only a new Plaid link (a new Item, a
    // new connection) brings the bank back.
    REVOKED: [],
  },
  labels: {
    ACTIVE: "Connected",
    LOGIN_REQUIRED: "Needs you to sign in again",
    ERROR: "Sync failing",
    REVOKED: "Disconnected",
  },
});
