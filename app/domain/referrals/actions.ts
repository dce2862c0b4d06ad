// What a lender may do on a referral right now, derived from the referral's and the application's
// tables, the referral's latest offer (as it stands now: a pending offer past its time is expired)
// and the partner's status. The review page shows exactly these actions, and the domain functions
// refuse anything else with the same words (docs/design/workflows.md).
import {
  APPLICATION_WORKFLOW,
  REFERRAL_STATUS_LABELS,
  REFERRAL_WORKFLOW,
  type ReferralStatus,
} from "~/domain/applications/workflow";
import { effectiveOfferStatus } from "~/domain/offers/offer-status";
import { OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { canMove, isFinal } from "~/domain/workflow/machine";

export const REFERRAL_ACTIONS = [
  "start",
  "assign",
  "note",
  "request-info",
  "offer",
  "decline",
  "withdraw-offer",
  "fund",
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export type ReferralState = {
  referralStatus: string;
  applicationStatus: string;
  /** The referral's latest offer, if any. */
  offer: { status: string; expiresAt: Date | string; funded: boolean } | null;
  /**
   * Another referral of the same lender on this application holds a live offer (through this
   * product): the lender decides once per application, so this referral waits.
   */
  siblingLiveOffer: { productName: string } | null;
  partnerStatus: string;
  lenderRole: string;
  now: Date;
};

/**
 * Lenders may still request, decide and offer while the application's table lets a lender's
 * decision end it (submitted, in review, offered): not once an offer was accepted, nor after it
 * ended. A draft was never referred.
 */
function applicationOpen(status: string): boolean {
  return status !== "DRAFT" && canMove(APPLICATION_WORKFLOW, status, "DECLINED");
}

/**
 * Actions a suspended partner may no longer take. Withdrawing its own live offer stays allowed:
 * it only takes back what the partner promised.
 */
const NEEDS_ACTIVE_PARTNER: readonly ReferralAction[] = ["start", "request-info", "offer", "decline"];

const VERBS: Record<ReferralAction, string> = {
  start: "start a review",
  assign: "assign it",
  note: "add notes",
  "request-info": "ask the merchant for information",
  offer: "make an offer",
  decline: "decline it",
  "withdraw-offer": "withdraw an offer",
  fund: "record funding",
};

/** Where the referral stands, as the opening of a refusal the lender reads. */
const STANDING: Record<string, string> = {
  NEW: "This referral's review has not started",
  IN_REVIEW: "This referral is in review",
  INFO_REQUESTED: "This referral is waiting for the merchant's answer to your request",
  OFFERED: "This referral is waiting for the merchant's answer to your offer",
  ACCEPTED: "The merchant accepted your offer",
  FUNDED: "This deal is funded",
  DECLINED: "You declined this referral",
  WITHDRAWN: "This referral was withdrawn",
  CLOSED: "This referral is closed",
};

function standing(status: string): string {
  return (
    STANDING[status] ??
    `This referral is ${(REFERRAL_STATUS_LABELS[status as ReferralStatus] ?? status).toLowerCase()}`
  );
}

/** The refusal of a decision while another of the lender's referrals holds its live offer. */
function siblingHold(state: ReferralState): string | null {
  return state.siblingLiveOffer
    ? `Your organisation's offer through ${state.siblingLiveOffer.productName} is waiting for the merchant; withdraw it first to decide here.`
    : null;
}

/** The referral waits for the merchant's answer on an offer that is still live. */
function liveOffer(state: ReferralState): boolean {
  return state.offer !== null && effectiveOfferStatus(state.offer, state.now) === "PENDING";
}

/**
 * The referral is OFFERED but its offer ended without the merchant (it expired, even if the job
 * has not written so yet): the lender is back to deciding.
 */
function offerLapsed(state: ReferralState): boolean {
  return state.referralStatus === "OFFERED" && !liveOffer(state) && state.offer?.status !== "ACCEPTED";
}

/** Why the action is refused now, in words for the lender; null when it is allowed. */
export function actionRefusal(state: ReferralState, action: ReferralAction): string | null {
  const status = state.referralStatus;
  // Notes are internal: the team keeps them on its accepted and funded deals.
  if (action === "note" && (status === "ACCEPTED" || status === "FUNDED")) return null;
  if (isFinal(REFERRAL_WORKFLOW, status)) return `${standing(status)}: nothing more can be done on it.`;
  if (action === "fund") {
    // The accepted offer decides (its referral follows it to ACCEPTED in the same transaction);
    // the application's table has it funded only from ACCEPTED.
    if (
      !canMove(APPLICATION_WORKFLOW, state.applicationStatus, "FUNDED") ||
      state.offer?.status !== "ACCEPTED"
    )
      return "Only an accepted offer waiting for its funding can be funded.";
    if (state.offer.funded) return "The funding of this offer is already recorded.";
    return null;
  }
  if (status === "ACCEPTED" || state.offer?.status === "ACCEPTED")
    return "The merchant accepted your offer: record its funding; nothing else can change now.";
  if (!applicationOpen(state.applicationStatus))
    return "This application is closed: no request, decision or offer can be made on it any more.";
  if (NEEDS_ACTIVE_PARTNER.includes(action) && state.partnerStatus !== "ACTIVE")
    return `Your partnership with TradeLift is ${state.partnerStatus === "SUSPENDED" ? "suspended" : "not active"}: you cannot ${VERBS[action]}.`;
  // A lapsed offer first brings the referral back to review (OFFERED → IN_REVIEW), so the moves
  // to check are those from IN_REVIEW.
  const from = offerLapsed(state) ? "IN_REVIEW" : status;
  const refused = `${standing(status)}: you cannot ${VERBS[action]} now.`;
  switch (action) {
    case "assign":
    case "note":
      return null;
    case "start":
      return status === "NEW" && canMove(REFERRAL_WORKFLOW, status, "IN_REVIEW") ? null : refused;
    case "request-info":
      return canMove(REFERRAL_WORKFLOW, status, "INFO_REQUESTED") ? null : refused;
    case "decline":
      return canMove(REFERRAL_WORKFLOW, from, "DECLINED") ? siblingHold(state) : refused;
    case "offer":
      if (status === "OFFERED" && liveOffer(state))
        return "Your offer is waiting for the merchant's answer: withdraw it first to make another.";
      return canMove(REFERRAL_WORKFLOW, from, "OFFERED") ? siblingHold(state) : refused;
    case "withdraw-offer":
      return status === "OFFERED" &&
        state.offer !== null &&
        canMove(OFFER_WORKFLOW, effectiveOfferStatus(state.offer, state.now), "WITHDRAWN")
        ? null
        : "There is no live offer to withdraw.";
  }
}

export type ReferralActions = Record<ReferralAction, boolean> & { assignOthers: boolean };

/** The actions the review page offers for this state and role. */
export function referralActions(state: ReferralState): ReferralActions {
  const allowed = Object.fromEntries(
    REFERRAL_ACTIONS.map((action) => [action, actionRefusal(state, action) === null]),
  ) as Record<ReferralAction, boolean>;
  return { ...allowed, assignOthers: allowed.assign && state.lenderRole === "ADMIN" };
}

/**
 * Whether the lender may open the referral at all. A suspended partner keeps only what its live
 * offers, accepted offers and funded deals need; any other referral answers 404.
 */
export function canOpenReferral(
  state: Pick<ReferralState, "referralStatus" | "offer" | "partnerStatus" | "now">,
): boolean {
  if (state.partnerStatus !== "SUSPENDED") return true;
  if (state.referralStatus === "ACCEPTED" || state.referralStatus === "FUNDED") return true;
  if (state.offer?.status === "ACCEPTED") return true;
  return (
    state.referralStatus === "OFFERED" &&
    state.offer !== null &&
    effectiveOfferStatus(state.offer, state.now) === "PENDING"
  );
}

/**
 * Why a referral ended, for the lender, from Referral.statusReason: a known code in plain words,
 * words already (an admin's reason) as they are; null when none was recorded.
 */
const ENDED_BECAUSE: Record<string, string> = {
  PARTNER_SUSPENDED: "Withdrawn: your partnership with TradeLift was suspended.",
  APPLICATION_EXPIRED: "Closed: the application expired with no offer accepted.",
  APPLICATION_WITHDRAWN: "Withdrawn: the merchant withdrew the application.",
  OTHER_OFFER_ACCEPTED: "Closed: the merchant accepted another lender's offer.",
};

export function endedBecause(statusReason: string | null): string | null {
  if (!statusReason) return null;
  if (ENDED_BECAUSE[statusReason]) return ENDED_BECAUSE[statusReason];
  return /\s/.test(statusReason) ? `${statusReason.replace(/\.$/, "")}.` : null;
}

/**
 * Why this referral cannot decide now although its table would let it: another of the lender's
 * referrals holds the organisation's live offer on the application. Null otherwise.
 */
export function decisionHold(state: ReferralState): string | null {
  const hold = siblingHold(state);
  if (!hold) return null;
  return actionRefusal(state, "offer") === hold || actionRefusal(state, "decline") === hold ? hold : null;
}

/** What the lender may still do beyond its own team's housekeeping (notes, assignment). */
const DECISIVE = REFERRAL_ACTIONS.filter((action) => action !== "note" && action !== "assign");

/**
 * What the page says when nothing can be decided on the referral any more (null while something
 * can, or while it only waits on the lender's offer through another product): why it ended when
 * the reason was recorded, otherwise the refusal itself.
 */
export function endedNote(state: ReferralState, statusReason: string | null): string | null {
  const actions = referralActions(state);
  if (DECISIVE.some((action) => actions[action]) || decisionHold(state)) return null;
  if (state.offer?.funded || state.referralStatus === "FUNDED")
    return "This deal is funded: nothing more can be decided on it; your team's internal notes stay open.";
  const because = isFinal(REFERRAL_WORKFLOW, state.referralStatus) ? endedBecause(statusReason) : null;
  return because ?? actionRefusal(state, "offer") ?? "Nothing can be decided on this referral now.";
}
