// An offer's status as people should see it now. A PENDING offer whose time has passed is expired
// from that moment, whether or not the job that writes EXPIRED has run yet: every read (the
// merchant's page, the lender's review page, the checks before accepting or re-offering) goes
// through this, and the job later makes the row agree (docs/design/workflows.md).
import type { OfferStatus } from "./workflow";

export function effectiveOfferStatus(
  offer: { status: string; expiresAt: Date | string },
  now: Date,
): OfferStatus {
  const status = offer.status as OfferStatus;
  if (status !== "PENDING") return status;
  return new Date(offer.expiresAt).getTime() <= now.getTime() ? "EXPIRED" : "PENDING";
}

/** A PENDING offer still within its time: the merchant may accept it, the lender may withdraw it. */
export function isLiveOffer(offer: { status: string; expiresAt: Date | string }, now: Date): boolean {
  return effectiveOfferStatus(offer, now) === "PENDING";
}
