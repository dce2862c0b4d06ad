// Who a screened name belongs to (docs/design/sanctions.md, what is screened). Pure, so that pages
// can label a screening in the browser too (a .server module is left out of the client bundle).

export const SUBJECT_TYPES = ["MERCHANT_LEGAL", "MERCHANT_TRADE", "OWNER", "BUYER"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const SUBJECT_LABELS: Record<SubjectType, string> = {
  MERCHANT_LEGAL: "Business (legal name)",
  MERCHANT_TRADE: "Business (trade name)",
  OWNER: "Owner",
  BUYER: "Buyer",
};
