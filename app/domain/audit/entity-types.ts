// The kinds of record the audit log can be filtered by (its page and its CSV export).
export const AUDIT_ENTITY_TYPES = [
  "User",
  "Merchant",
  "LenderOrg",
  "LenderProduct",
  "Invitation",
  "BankConnection",
  "ExportOrder",
  "SalesImport",
  "Application",
  "Referral",
  "Offer",
  "Funding",
  "InfoRequest",
  "OutboxEmail",
  "Section1071Register",
  "Request",
  // A CSV export: who downloaded which list, with which filters.
  "Export",
] as const;
