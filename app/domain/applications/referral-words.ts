// What became of a lender's referral, in the merchant's words. An ended referral says why it
// ended, from Referral.statusReason, so that a referral withdrawn by a partner's suspension never
// reads as if the lender walked away (docs/design/workflows.md).
import { possessive } from "~/domain/text";

const STATUS_WORDS: Record<string, string> = {
  NEW: "Received, not opened yet",
  IN_REVIEW: "Reviewing",
  INFO_REQUESTED: "Asked you for information",
  OFFERED: "Made an offer",
  ACCEPTED: "You accepted its offer",
  FUNDED: "Sent the money",
  DECLINED: "Declined",
  WITHDRAWN: "No longer reviews it",
  CLOSED: "Closed",
};

/** Why an ended referral ended, as a sentence about the lender named. */
function because(lenderName: string, statusReason: string | null): string | null {
  switch (statusReason) {
    case "PARTNER_SUSPENDED":
      return `${possessive(lenderName)} partnership with TradeLift was suspended, so it no longer reviews this application`;
    case "APPLICATION_WITHDRAWN":
      return "Closed: you withdrew the application";
    case "OTHER_OFFER_ACCEPTED":
      return "Closed: you accepted another offer";
    case "APPLICATION_EXPIRED":
      return "Closed: the application expired with no offer accepted";
    default:
      return null;
  }
}

/** The status of a referral as the merchant's list of lenders shows it. */
export function merchantReferralWords(referral: {
  status: string;
  statusReason: string | null;
  lenderName: string;
}): string {
  if (referral.status === "WITHDRAWN" || referral.status === "CLOSED")
    return (
      because(referral.lenderName, referral.statusReason) ?? STATUS_WORDS[referral.status] ?? referral.status
    );
  return STATUS_WORDS[referral.status] ?? referral.status;
}

/** The merchant's timeline line for an ended referral (null for the statuses it does not list). */
export function referralEndedEvent(referral: {
  status: string;
  statusReason: string | null;
  lenderName: string;
}): string | null {
  const name = referral.lenderName;
  if (referral.status === "DECLINED") return `${name} declined`;
  if (referral.status !== "WITHDRAWN" && referral.status !== "CLOSED") return null;
  switch (referral.statusReason) {
    case "PARTNER_SUSPENDED":
      return because(name, referral.statusReason);
    case "APPLICATION_WITHDRAWN":
      return `${possessive(name)} review was closed: you withdrew the application`;
    case "OTHER_OFFER_ACCEPTED":
      return `${possessive(name)} review was closed: you accepted another offer`;
    case "APPLICATION_EXPIRED":
      return `${possessive(name)} review was closed: the application expired`;
    default:
      return referral.status === "WITHDRAWN"
        ? `${name} no longer reviews it`
        : `${possessive(name)} review was closed`;
  }
}
