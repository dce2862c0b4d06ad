// The status tables of lender partners and their products (docs/design/workflows.md).
import { defineMachine } from "~/domain/workflow/machine";
import { LENDER_ORG_STATUSES } from "./partners";
import { PRODUCT_STATUSES } from "./products";

export const PARTNER_WORKFLOW = defineMachine({
  entity: "LenderOrg",
  noun: "lending partner",
  statuses: LENDER_ORG_STATUSES,
  initial: ["PENDING", "ACTIVE"],
  transitions: {
    // REJECTED: an application from the public form (or a pending partner) an admin turned down.
    PENDING: ["ACTIVE", "REJECTED"],
    ACTIVE: ["SUSPENDED"],
    SUSPENDED: ["ACTIVE"],
    REJECTED: [],
  },
  labels: { PENDING: "Pending review", ACTIVE: "Active", SUSPENDED: "Suspended", REJECTED: "Rejected" },
});

export const PRODUCT_WORKFLOW = defineMachine({
  entity: "LenderProduct",
  noun: "product",
  statuses: PRODUCT_STATUSES,
  initial: ["ACTIVE", "PAUSED"],
  transitions: { ACTIVE: ["PAUSED"], PAUSED: ["ACTIVE"] },
  labels: { ACTIVE: "Active", PAUSED: "Paused" },
});
