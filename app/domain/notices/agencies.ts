// Which federal agency a creditor's Regulation B notice names (12 CFR 1002.9(b)(1)), chosen from the
// creditor's kind of regulator as Appendix A to Part 1002 lists them (docs/design/notices.md). Pure.

/** The federal agencies of Appendix A, with the address the appendix gives each. */
export const AGENCIES = {
  CFPB: "Bureau of Consumer Financial Protection, 1700 G Street NW, Washington, DC 20552",
  OCC: "Office of the Comptroller of the Currency, Customer Assistance Group, P.O. Box 53570, Houston, TX 77052",
  FRB: "Federal Reserve Consumer Help Center, P.O. Box 1200, Minneapolis, MN 55480",
  FDIC: "Division of Depositor and Consumer Protection, National Center for Consumer and Depositor Assistance, Federal Deposit Insurance Corporation, 1100 Walnut Street, Box #11, Kansas City, MO 64106",
  NCUA: "National Credit Union Administration, Office of Consumer Financial Protection, 1775 Duke Street, Alexandria, VA 22314",
  SBA: "Associate Administrator, Office of Investment & Innovation, United States Small Business Administration, 409 Third Street SW, 6th Floor, Washington, DC 20416",
  SEC: "Securities and Exchange Commission, 100 F Street NE, Washington, DC 20549",
  FCA: "Farm Credit Administration, 1501 Farm Credit Drive, McLean, VA 22102-5090",
  FTC: "Federal Trade Commission, Consumer Response Center, 600 Pennsylvania Avenue NW, Washington, DC 20580",
} as const;
export type Agency = keyof typeof AGENCIES;

/**
 * The kinds of creditor an admin chooses from for a partner, each with the agencies its notices
 * name, in Appendix A's order. An institution over $10 billion is the Bureau's whatever its charter
 * (item 1); below that, the charter decides (item 2); anyone else is the FTC's (item 9), which is
 * where a state-chartered credit union falls, since the appendix lists only federal ones.
 */
export const REGULATOR_TYPES = {
  LARGE_DEPOSITORY: {
    label: "Bank, savings association or credit union with total assets over $10 billion (CFPB)",
    agencies: ["CFPB"],
  },
  LARGE_DEPOSITORY_AFFILIATE: {
    label: "Non-bank affiliate of an institution over $10 billion (CFPB and FTC)",
    agencies: ["CFPB", "FTC"],
  },
  NATIONAL_BANK: {
    label: "National bank, federal savings association or federal branch of a foreign bank (OCC)",
    agencies: ["OCC"],
  },
  STATE_MEMBER_BANK: {
    label: "State member bank of the Federal Reserve System (Federal Reserve)",
    agencies: ["FRB"],
  },
  STATE_NONMEMBER_BANK: {
    label: "State non-member insured bank or insured state savings association (FDIC)",
    agencies: ["FDIC"],
  },
  FEDERAL_CREDIT_UNION: { label: "Federal credit union (NCUA)", agencies: ["NCUA"] },
  STATE_CREDIT_UNION: { label: "State-chartered credit union (FTC)", agencies: ["FTC"] },
  SMALL_BUSINESS_INVESTMENT_COMPANY: { label: "Small business investment company (SBA)", agencies: ["SBA"] },
  FARM_CREDIT: { label: "Farm Credit System institution (Farm Credit Administration)", agencies: ["FCA"] },
  BROKER_DEALER: { label: "Broker or dealer (SEC)", agencies: ["SEC"] },
  NON_BANK: { label: "Non-bank lender or finance company (FTC)", agencies: ["FTC"] },
} as const satisfies Record<string, { label: string; agencies: readonly Agency[] }>;
export type RegulatorType = keyof typeof REGULATOR_TYPES;
export const REGULATOR_TYPE_CODES = Object.keys(REGULATOR_TYPES) as RegulatorType[];

export function isRegulatorType(value: string): value is RegulatorType {
  return Object.hasOwn(REGULATOR_TYPES, value);
}

const ECOA =
  "The federal Equal Credit Opportunity Act prohibits creditors from discriminating against credit applicants on the basis of race, color, religion, national origin, sex, marital status, age (provided the applicant has the capacity to enter into a binding contract); because all or part of the applicant's income derives from any public assistance program; or because the applicant has in good faith exercised any right under the Consumer Credit Protection Act.";

/**
 * The ECOA notice of §1002.9(b)(1) for a creditor of this kind: the statute's statement, then the
 * agency (or agencies) that administers compliance concerning this creditor, with its address. An
 * unknown kind is treated as a non-bank lender, the appendix's residual class.
 */
export function agencyParagraph(regulatorType: string): string {
  const type = isRegulatorType(regulatorType) ? regulatorType : "NON_BANK";
  const agencies: readonly Agency[] = REGULATOR_TYPES[type].agencies;
  const named = agencies.map((agency) => AGENCIES[agency]);
  const which =
    named.length === 1
      ? `The federal agency that administers compliance with this law concerning this creditor is: ${named[0]}.`
      : `The federal agencies that administer compliance with this law concerning this creditor are: ${named.join("; and ")}.`;
  return `${ECOA} ${which}`;
}
