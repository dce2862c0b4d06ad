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
    PENDING: ["ACTIVE"],
    ACTIVE: ["SUSPENDED"],
    SUSPENDED: ["ACTIVE"],
  },
  labels: { PENDING: "Pending review", ACTIVE: "Active", SUSPENDED: "Suspended" },
});

export const PRODUCT_WORKFLOW = defineMachine({
  entity: "LenderProduct",
  noun: "product",
  statuses: PRODUCT_STATUSES,
  initial: ["ACTIVE", "PAUSED"],
  transitions: { ACTIVE: ["PAUSED"], PAUSED: ["ACTIVE"] },
  labels: { ACTIVE: "Active", PAUSED: "Paused" },
});
