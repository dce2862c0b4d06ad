// The wording of the Regulation B adverse-action notice, shared by the e-mail and the page so the
// merchant reads the same statement in both.

/** The ECOA notice of 12 CFR 1002.9(b)(1), for creditors supervised by the FTC. */
export const ECOA_STATEMENT =
  "The Equal Credit Opportunity Act prohibits creditors from discriminating against credit applicants on the basis of race, color, religion, national origin, sex, marital status or age (provided the applicant has the capacity to contract); because all or part of the applicant's income derives from any public assistance program; or because the applicant has in good faith exercised any right under the Consumer Credit Protection Act. The federal agency that administers compliance with this law concerning this creditor is the Federal Trade Commission, Equal Credit Opportunity, Washington, DC 20580.";

/** "was declined by A and B." or, when no lender could consider it, why nobody was asked. */
export function declineOutcome(creditors: readonly string[]): string {
  if (creditors.length === 0)
    return "was not sent to any lending partner, because none offers financing that fits it, so it is declined.";
  const names =
    creditors.length === 1
      ? creditors[0]
      : `${creditors.slice(0, -1).join(", ")} and ${creditors[creditors.length - 1]}`;
  return `was declined by ${names}.`;
}
