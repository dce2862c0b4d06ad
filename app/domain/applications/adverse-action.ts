// The wording of the Regulation B adverse-action notice, shared by the e-mail and the page so the
// merchant reads the same statement in both.

/** The ECOA notice of 12 CFR 1002.9(b)(1), for creditors supervised by the FTC. */
export const ECOA_STATEMENT =
  "The Equal Credit Opportunity Act prohibits creditors from discriminating against credit applicants on the basis of race, color, religion, national origin, sex, marital status or age (provided the applicant has the capacity to contract); because all or part of the applicant's income derives from any public assistance program; or because the applicant has in good faith exercised any right under the Consumer Credit Protection Act. The federal agency that administers compliance with this law concerning this creditor is the Federal Trade Commission, Equal Credit Opportunity, Washington, DC 20580.";

export const NOTICE_KINDS = ["DECLINED", "NO_MATCH", "NO_LENDER_LEFT"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

function names(creditors: readonly string[]): string {
  return creditors.length === 1
    ? (creditors[0] ?? "")
    : `${creditors.slice(0, -1).join(", ")} and ${creditors[creditors.length - 1]}`;
}

/**
 * What happened, as the notice says it after "Your application for $X": declined by the creditors
 * that decided; or not sent to anyone because nothing fitted; or sent to lenders that can no
 * longer consider it (a partner suspended), with no other product fitting.
 */
export function declineOutcome(kind: string, creditors: readonly string[]): string {
  if (kind === "NO_MATCH" || (kind !== "NO_LENDER_LEFT" && creditors.length === 0))
    return "was not sent to any lending partner, because none offers financing that fits it, so it is declined.";
  if (kind === "NO_LENDER_LEFT")
    return creditors.length === 0
      ? "was sent to lending partners that can no longer consider it, and no other partner offers financing that fits it, so it is declined."
      : `was declined by ${names(creditors)}; the other lending partners it was sent to can no longer consider it, and no other partner offers financing that fits it.`;
  return `was declined by ${names(creditors)}.`;
}

/** The principal reason when the lenders an application was sent to can no longer consider it. */
export const NO_LENDER_LEFT_REASON =
  "The lending partners your application was sent to can no longer consider it, and no other partner's products fit the amount, term and orders of this application.";
