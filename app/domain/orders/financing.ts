// Which export orders are under financing. An order in a live application (submitted, in review,
// offered, accepted) or in a funded deal is locked: its financed fields cannot change, it cannot be
// deleted, and it cannot be in a second such application (docs/design/application-package.md).
// Pure: the statuses and the wording.
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  LIVE_APPLICATION_STATUSES,
} from "~/domain/applications/workflow";
import { formatMoney } from "~/domain/money";

/** Applications that hold their orders: live ones and funded deals. */
export const HOLDING_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  ...LIVE_APPLICATION_STATUSES,
  "FUNDED",
];

/** The fields a lender financed: they cannot change while the order is held. */
export const FINANCED_ORDER_FIELDS = [
  "poNumber",
  "buyerName",
  "buyerCountry",
  "buyerRegion",
  "amountCents",
  "currency",
  "orderDate",
  "expectedShipDate",
  "paymentTerm",
  "paymentTermDays",
  "incoterm",
] as const;

export type OrderHold = {
  orderId: string;
  poNumber: string;
  applicationId: string;
  status: string;
  requestedAmountCents: number;
  submittedAt: Date | string | null;
};

/** "your application of 2026-11-30 for $75,000 (in review)" */
export function holdingApplicationText(hold: Omit<OrderHold, "orderId" | "poNumber">): string {
  const day = hold.submittedAt ? new Date(hold.submittedAt).toISOString().slice(0, 10) : null;
  const label = APPLICATION_STATUS_LABELS[hold.status as ApplicationStatus]?.toLowerCase() ?? hold.status;
  return `your application${day ? ` of ${day}` : ""} for ${formatMoney(hold.requestedAmountCents, "USD", { whole: true })} (${label})`;
}

/** Why an order cannot go into another application. */
export function orderHeldMessage(hold: OrderHold): string {
  return `Order ${hold.poNumber} is already in ${holdingApplicationText(hold)}: an order can be in one live application or funded deal at a time.`;
}
