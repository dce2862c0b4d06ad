// The end of an offer that lapsed: written EXPIRED through the offer's table, the referral back to
// review (afterOfferEnded) and both parties told. Used by the scheduled job and by any lender
// action that finds its offer past its time before the job did; whichever comes first does it, the
// other finds nothing to do.
import { afterOfferEnded } from "~/domain/applications/settle.server";
import { emailLenderTeams, emailMerchantTeam } from "~/domain/applications/team-mail.server";
import { offerExpiredForLenderEmail, offerExpiredForMerchantEmail } from "~/domain/notifications/templates";
import { OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { transition } from "~/domain/workflow/transition.server";
import type { Prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;

/** Expires one PENDING offer whose time has passed; false when it was not (or no longer) due. */
export async function expireOffer(tx: Tx, offerId: string, now: Date): Promise<boolean> {
  const offer = await tx.offer.findUnique({
    where: { id: offerId },
    select: {
      id: true,
      status: true,
      expiresAt: true,
      referralId: true,
      applicationId: true,
      lenderOrgId: true,
      lenderOrg: { select: { name: true } },
      application: { select: { merchantId: true, merchant: { select: { legalName: true } } } },
    },
  });
  if (offer?.status !== "PENDING" || offer.expiresAt.getTime() > now.getTime()) return false;
  const moved = await transition(tx, OFFER_WORKFLOW, {
    id: offer.id,
    from: ["PENDING"],
    to: "EXPIRED",
    actor: null,
    action: "offer.expired",
    summary: { referralId: offer.referralId, expiresAt: offer.expiresAt.toISOString() },
  });
  if (!moved.ok) return false;
  await afterOfferEnded(tx, {
    referralId: offer.referralId,
    applicationId: offer.applicationId,
    actor: null,
    ip: null,
  });
  await emailMerchantTeam(tx, offer.application.merchantId, {
    template: offerExpiredForMerchantEmail({
      lenderName: offer.lenderOrg.name,
      applicationId: offer.applicationId,
    }),
  });
  await emailLenderTeams(tx, [offer.lenderOrgId], {
    template: offerExpiredForLenderEmail({
      merchantName: offer.application.merchant.legalName,
      referralId: offer.referralId,
    }),
  });
  return true;
}
