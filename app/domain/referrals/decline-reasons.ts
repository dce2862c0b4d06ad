// The reasons a lender may give for declining (Regulation B: specific, principal reasons).
export const DECLINE_REASONS = {
  REVENUE: "Revenue too low for the amount requested",
  CASH_FLOW: "Cash flow or account balances too low",
  BANKING: "Returned items or overdrafts on the business account",
  DEBT: "Existing debt payments too high",
  BUYER_RISK: "Credit risk of the buyer or the buyer's country",
  PAYMENT_TERMS: "Payment terms of the orders to be financed",
  CONCENTRATION: "Sales depend on too few buyers",
  TIME_IN_BUSINESS: "Time in business too short",
  INCOMPLETE: "Information requested was not provided",
} as const;

export type DeclineReason = keyof typeof DECLINE_REASONS;
export const DECLINE_REASON_CODES = Object.keys(DECLINE_REASONS) as DeclineReason[];
