// How the local sandbox enriches a raw bank description the way Plaid does: a personal-finance
// category (primary and detailed, Plaid's taxonomy) and the counterparty.

type Rule = {
  test: RegExp;
  primary: string;
  detailed: string;
  counterparty?: (description: string) => string | null;
  type?: string;
};

const afterPrefix = (prefix: RegExp) => (description: string) =>
  description.replace(prefix, "").trim() || null;

const RULES: Rule[] = [
  { test: /^TRANSFER FROM /, primary: "TRANSFER_IN", detailed: "TRANSFER_IN_ACCOUNT_TRANSFER" },
  { test: /^TRANSFER TO /, primary: "TRANSFER_OUT", detailed: "TRANSFER_OUT_ACCOUNT_TRANSFER" },
  {
    test: /LOAN PROCEEDS|ADVANCE DISBURSEMENT/,
    primary: "TRANSFER_IN",
    detailed: "TRANSFER_IN_CASH_ADVANCES_AND_LOANS",
    counterparty: () => "U.S. Small Business Administration",
    type: "financial_institution",
  },
  {
    test: /TAX REF/,
    primary: "INCOME",
    detailed: "INCOME_TAX_REFUND",
    counterparty: () => "Internal Revenue Service",
    type: "income_source",
  },
  {
    test: /^REFUND FROM /,
    primary: "GENERAL_MERCHANDISE",
    detailed: "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE",
    counterparty: afterPrefix(/^REFUND FROM /),
    type: "merchant",
  },
  { test: /OVERDRAFT FEE/, primary: "BANK_FEES", detailed: "BANK_FEES_OVERDRAFT_FEES" },
  { test: /NSF|INSUFFICIENT FUNDS/, primary: "BANK_FEES", detailed: "BANK_FEES_INSUFFICIENT_FUNDS" },
  { test: /SERVICE FEE/, primary: "BANK_FEES", detailed: "BANK_FEES_OTHER_BANK_FEES" },
  { test: /INTEREST PAYMENT/, primary: "INCOME", detailed: "INCOME_INTEREST_EARNED" },
  {
    test: /LOAN PAYMENT|CASH ADVANCE DAILY/,
    primary: "LOAN_PAYMENTS",
    detailed: "LOAN_PAYMENTS_OTHER_PAYMENT",
    counterparty: (d) => (d.includes("SBA") ? "SBA 7(a) Loan Servicing" : "Merchant Cash Advance"),
    type: "financial_institution",
  },
  {
    test: /AMEX EPAYMENT/,
    primary: "LOAN_PAYMENTS",
    detailed: "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT",
    counterparty: () => "American Express",
    type: "financial_institution",
  },
  {
    test: /^WIRE IN /,
    primary: "INCOME",
    detailed: "INCOME_OTHER_INCOME",
    counterparty: afterPrefix(/^WIRE IN /),
    type: "income_source",
  },
  {
    test: /SHOPIFY PAYOUT/,
    primary: "INCOME",
    detailed: "INCOME_OTHER_INCOME",
    counterparty: () => "Shopify",
    type: "marketplace",
  },
  {
    test: /PAYROLL/,
    primary: "GENERAL_SERVICES",
    detailed: "GENERAL_SERVICES_OTHER_GENERAL_SERVICES",
    counterparty: () => "Gusto",
    type: "merchant",
  },
  {
    test: /^RENT /,
    primary: "RENT_AND_UTILITIES",
    detailed: "RENT_AND_UTILITIES_RENT",
    counterparty: afterPrefix(/^RENT /),
    type: "merchant",
  },
  {
    test: /FLEXPORT/,
    primary: "GENERAL_SERVICES",
    detailed: "GENERAL_SERVICES_POSTAGE_AND_SHIPPING",
    counterparty: () => "Flexport",
    type: "merchant",
  },
  {
    test: /^ACH PMT /,
    primary: "GENERAL_MERCHANDISE",
    detailed: "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE",
    counterparty: afterPrefix(/^ACH PMT /),
    type: "merchant",
  },
];

export type Enrichment = {
  primary: string;
  detailed: string;
  counterparty: { name: string; type: string } | null;
};

/** `amount` in Plaid's sign (positive = money out). */
export function categorize(description: string, amount: number): Enrichment {
  const upper = description.toUpperCase();
  for (const rule of RULES) {
    if (rule.test.test(upper)) {
      const name = rule.counterparty?.(upper) ?? null;
      return {
        primary: rule.primary,
        detailed: rule.detailed,
        counterparty: name ? { name, type: rule.type ?? "merchant" } : null,
      };
    }
  }
  return amount < 0
    ? { primary: "INCOME", detailed: "INCOME_OTHER_INCOME", counterparty: null }
    : {
        primary: "GENERAL_MERCHANDISE",
        detailed: "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE",
        counterparty: null,
      };
}
