// The merchant's side of offers: compare, accept (one only, signed, ending the round), decline.
// And the lender's funding of an accepted offer. Every status moves through its table's guard
// (app/domain/workflow/transition.server.ts), in one transaction with its audit event.

import { createHash } from "node:crypto";
import { endOpenReferrals } from "~/domain/applications/end-referrals.server";
import { afterOfferEnded } from "~/domain/applications/settle.server";
import {
  emailLenderTeams,
  emailMerchantTeam,
  emailReferralLenders,
} from "~/domain/applications/team-mail.server";
import { APPLICATION_WORKFLOW, REFERRAL_WORKFLOW } from "~/domain/applications/workflow";
import { formatMoney } from "~/domain/money";
import {
  applicationClosedEmail,
  fundingSentEmail,
  offerAcceptedForLenderEmail,
  offerAcceptedForMerchantEmail,
  offerDeclinedEmail,
} from "~/domain/notifications/templates";
import { openDeal } from "~/domain/servicing/servicing.server";
import { emitForReferrals, emitWebhookEvent } from "~/domain/webhooks/webhooks.server";
import { createInStatus, mustTransition, transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { acceptedDisclosureJson, signatureMatches } from "./acceptance";
import type { ScheduledPayment } from "./disclosure";
import { type DisclosureContent, disclosureContent } from "./disclosure-content";
import { renderSignedDisclosure } from "./disclosure-pdf.server";
import { type FundingField, fundingProblem } from "./funding";
import { effectiveOfferStatus } from "./offer-status";
import { FUNDING_WORKFLOW, OFFER_WORKFLOW, type OfferStatus } from "./workflow";

type Actor = { id: string; role: string };
type Tx = Prisma.TransactionClient;

/** Why the other referrals of an accepted application were closed. */
export const OTHER_OFFER_ACCEPTED = "OTHER_OFFER_ACCEPTED";

export type MerchantOffer = {
  id: string;
  /** As written; `effectiveStatus` is what it is now (a pending offer past its time is expired). */
  status: string;
  effectiveStatus: OfferStatus;
  productType: string;
  amountCents: number;
  currency: string;
  advanceRateBps: number;
  fundsProvidedCents: number;
  feeDeductedCents: number;
  financeChargeCents: number;
  totalRepaymentCents: number;
  estimatedAprBps: number;
  termDays: number;
  paymentFrequency: string;
  paymentCount: number;
  paymentAmountCents: number;
  prepaymentTerms: string;
  feeBps: number | null;
  feePeriodDays: number | null;
  interestRateBps: number | null;
  securityTerms: string | null;
  recourse: string | null;
  schedule: ScheduledPayment[];
  /** When the offer was made: the disclosure's dates assume the funds are sent that day. */
  madeAt: Date;
  expiresAt: Date;
  signatureName: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  funding: { fundedOn: Date; amountCents: number; reference: string; createdAt: Date } | null;
  lenderOrg: { name: string; status: string };
  /** Declined when the merchant accepted another offer on the application (not by the merchant's own decline). */
  declinedForOtherOffer: boolean;
  /** The disclosure as the merchant is shown it now (page and PDF). */
  disclosure: DisclosureContent;
  /** The hash of the disclosure as the merchant is shown it now; the accept form posts it back. */
  disclosureSha256: string;
};

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type OfferRow = Omit<
  MerchantOffer,
  | "funding"
  | "lenderOrg"
  | "effectiveStatus"
  | "disclosure"
  | "disclosureSha256"
  | "declinedForOtherOffer"
  | "schedule"
> & {
  scheduleJson: string;
  fundedOn: Date | null;
  fundingAmountCents: number | null;
  fundingReference: string | null;
  fundingRecordedAt: Date | null;
  lenderName: string;
  partnerStatus: string;
};

/**
 * The offers on one of the merchant's applications, cheapest APR first, with their lender's
 * partner status and the funding of an accepted one: one SQL statement.
 */
export async function listOffersForMerchant(
  db: Db | Tx,
  merchantId: string,
  applicationId: string,
  now: Date = new Date(),
): Promise<MerchantOffer[]> {
  const rows = await db.$queryRaw<OfferRow[]>`
    SELECT o."id", o."status", o."productType", o."amountCents", o."currency", o."advanceRateBps",
           o."fundsProvidedCents", o."feeDeductedCents", o."financeChargeCents", o."totalRepaymentCents", o."estimatedAprBps",
           o."termDays", o."paymentFrequency", o."paymentCount", o."paymentAmountCents", o."prepaymentTerms",
           o."feeBps", o."feePeriodDays", o."interestRateBps", o."securityTerms", o."recourse", o."scheduleJson",
           o."createdAt" AS "madeAt",
           o."expiresAt", o."signatureName", o."createdAt", o."acceptedAt", o."declinedAt", o."withdrawnAt",
           o."withdrawnReason", f."fundedOn", f."amountCents" AS "fundingAmountCents",
           f."reference" AS "fundingReference", f."createdAt" AS "fundingRecordedAt",
           lo."name" AS "lenderName", lo."status" AS "partnerStatus"
    FROM "Offer" o
    JOIN "Application" a ON a."id" = o."applicationId"
    JOIN "LenderOrg" lo ON lo."id" = o."lenderOrgId"
    LEFT JOIN "Funding" f ON f."offerId" = o."id"
    WHERE o."applicationId" = ${applicationId} AND a."merchantId" = ${merchantId}
    ORDER BY o."estimatedAprBps" ASC, o."id" ASC`;
  // Accepting one offer declines the others in the same instant; the merchant's own declines
  // come before any acceptance (nothing can be declined once an offer is accepted).
  const acceptedAt = rows.find((r) => r.status === "ACCEPTED")?.acceptedAt ?? null;
  return rows.map((row) => {
    const {
      fundedOn,
      fundingAmountCents,
      fundingReference,
      fundingRecordedAt,
      lenderName,
      partnerStatus,
      scheduleJson,
      ...rest
    } = row;
    const offer = { ...rest, schedule: JSON.parse(scheduleJson) as ScheduledPayment[] };
    const shown = { ...offer, lenderName, partnerStatus };
    return {
      ...offer,
      effectiveStatus: effectiveOfferStatus(offer, now),
      funding:
        fundedOn && fundingRecordedAt && fundingAmountCents !== null && fundingReference !== null
          ? {
              fundedOn,
              amountCents: fundingAmountCents,
              reference: fundingReference,
              createdAt: fundingRecordedAt,
            }
          : null,
      lenderOrg: { name: lenderName, status: partnerStatus },
      declinedForOtherOffer:
        offer.status === "DECLINED" &&
        acceptedAt !== null &&
        offer.declinedAt !== null &&
        new Date(offer.declinedAt).getTime() >= new Date(acceptedAt).getTime(),
      disclosure: disclosureContent(shown, lenderName),
      disclosureSha256: sha256(acceptedDisclosureJson(shown)),
    };
  });
}

/** The hash of one offer's disclosure as its merchant is shown it now (what the accept form posts). */
export async function shownDisclosureSha256(
  db: Db,
  merchantId: string,
  offerId: string,
  now: Date = new Date(),
): Promise<string | null> {
  const offer = await db.offer.findFirst({
    where: { id: offerId, application: { merchantId } },
    select: { applicationId: true },
  });
  if (!offer) return null;
  const offers = await listOffersForMerchant(db, merchantId, offer.applicationId, now);
  return offers.find((o) => o.id === offerId)?.disclosureSha256 ?? null;
}

export type OfferOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string }
  | { ok: false; reason: "invalid"; field: string; message: string };

/** A refusal found after the first write: thrown to roll the transaction back, then answered. */
class Refusal extends Error {
  constructor(readonly outcome: Exclude<OfferOutcome, { ok: true }>) {
    super("refused");
  }
}

async function refusable(work: () => Promise<OfferOutcome>): Promise<OfferOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error.outcome;
    throw error;
  }
}

function notPending(status: OfferStatus, declinedForOtherOffer = false): string {
  if (declinedForOtherOffer) return "Another offer on this application was accepted.";
  return status === "EXPIRED" ? "This offer has expired." : `This offer is ${status.toLowerCase()}.`;
}

/**
 * Accepts one offer and ends the round, in one transaction: the application OFFERED → ACCEPTED
 * (a conditional move: of two simultaneous acceptances exactly one wins), the offer ACCEPTED with
 * its signature and an exact copy of the disclosure shown, every other pending offer DECLINED,
 * the lender's referral ACCEPTED, every other open referral CLOSED (their lenders are told).
 *
 * The typed name must be the signer's own, consent is required, and the disclosure must still be
 * the one the merchant saw (`disclosureSha256`, from listOffersForMerchant).
 */
export async function acceptOffer(
  db: Db,
  input: {
    merchantId: string;
    offerId: string;
    signatureName: string;
    consent: boolean;
    disclosureSha256: string;
    actor: Actor;
    ip: string;
    now?: Date;
  },
): Promise<OfferOutcome> {
  const now = input.now ?? new Date();
  if (!input.consent)
    return {
      ok: false,
      reason: "invalid",
      field: "consent",
      message: "Tick the box to agree to the offer and its terms.",
    };
  return refusable(() =>
    db.$transaction(async (tx) => {
      const offer = await offerForMerchant(tx, input.merchantId, input.offerId, now);
      if (!offer) return { ok: false, reason: "not-found" };
      if (offer.effectiveStatus !== "PENDING")
        return {
          ok: false,
          reason: "conflict",
          message: notPending(offer.effectiveStatus, offer.declinedForOtherOffer),
        };
      const signer = await tx.user.findUniqueOrThrow({
        where: { id: input.actor.id },
        select: { name: true },
      });
      if (!signatureMatches(input.signatureName, signer.name))
        return {
          ok: false,
          reason: "invalid",
          field: "signatureName",
          message: `Type your name as it is on your TradeLift account: ${signer.name}.`,
        };
      if (offer.disclosureSha256 !== input.disclosureSha256)
        return {
          ok: false,
          reason: "conflict",
          message:
            "The terms of this offer are no longer the ones your page showed. Read them again on the reloaded page before you sign.",
        };

      const claimed = await transition(tx, APPLICATION_WORKFLOW, {
        id: offer.applicationId,
        scope: { merchantId: input.merchantId },
        from: ["OFFERED"],
        to: "ACCEPTED",
        data: { acceptedAt: now },
        actor: input.actor,
        ip: input.ip,
        summary: { offerId: offer.id, lender: offer.lenderOrg.name },
      });
      if (!claimed.ok)
        return { ok: false, reason: "conflict", message: "Another offer was accepted for this application." };
      const signed = await transition(tx, OFFER_WORKFLOW, {
        id: offer.id,
        from: ["PENDING"],
        to: "ACCEPTED",
        data: {
          signatureName: input.signatureName.trim(),
          signerUserId: input.actor.id,
          acceptedDisclosureJson: offer.disclosureJson,
          acceptedDisclosureSha256: offer.disclosureSha256,
          acceptedAt: now,
          acceptedIp: input.ip,
        },
        actor: input.actor,
        ip: input.ip,
        summary: {
          signatureName: input.signatureName.trim(),
          fundsProvidedCents: offer.fundsProvidedCents,
          estimatedAprBps: offer.estimatedAprBps,
          disclosureSha256: offer.disclosureSha256,
        },
      });
      // The lender withdrew it in the meantime: nothing of this acceptance is kept.
      if (!signed.ok)
        throw new Refusal({ ok: false, reason: "conflict", message: "This offer is no longer open." });
      const others = await tx.offer.findMany({
        where: { applicationId: offer.applicationId, id: { not: offer.id }, status: "PENDING" },
        select: { id: true, expiresAt: true, lenderOrgId: true, fundsProvidedCents: true },
        orderBy: { id: "asc" },
      });
      for (const other of others) {
        const expired = other.expiresAt.getTime() <= now.getTime();
        await mustTransition(tx, OFFER_WORKFLOW, {
          id: other.id,
          from: ["PENDING"],
          to: expired ? "EXPIRED" : "DECLINED",
          data: expired ? {} : { declinedAt: now },
          actor: input.actor,
          ip: input.ip,
          summary: { fundsProvidedCents: other.fundsProvidedCents, reason: OTHER_OFFER_ACCEPTED },
        });
      }
      const referral = await transition(tx, REFERRAL_WORKFLOW, {
        id: offer.referralId,
        from: ["OFFERED"],
        to: "ACCEPTED",
        actor: input.actor,
        ip: input.ip,
        summary: { offerId: offer.id },
      });
      if (!referral.ok)
        throw new Refusal({
          ok: false,
          reason: "conflict",
          message: "This lender's review moved on meanwhile; reload the page to see where it stands.",
        });
      const closed = await endOpenReferrals(tx, {
        applicationId: offer.applicationId,
        exceptReferralId: offer.referralId,
        to: "CLOSED",
        statusReason: OTHER_OFFER_ACCEPTED,
        actor: input.actor,
        ip: input.ip,
        now,
      });
      await emitWebhookEvent(tx, {
        lenderOrgId: offer.lenderOrgId,
        type: "offer.accepted",
        data: {
          referralId: offer.referralId,
          applicationId: offer.applicationId,
          offerId: offer.id,
          fundsProvidedCents: offer.fundsProvidedCents,
          currency: "USD",
          acceptedAt: now.toISOString(),
        },
      });
      await emitForReferrals(tx, closed, "application.ended", (referralId) => ({
        referralId,
        applicationId: offer.applicationId,
        reason: "OTHER_OFFER_ACCEPTED",
        endedAt: now.toISOString(),
      }));
      const merchantName = await merchantNameOf(tx, input.merchantId);
      await emailReferralLenders(
        tx,
        closed.filter((r) => r.lenderOrgId !== offer.lenderOrgId),
        (referralId) => ({ template: applicationClosedEmail({ merchantName, referralId }) }),
      );
      // Both sides keep the disclosure as signed, printed from the copy just stored.
      const signedCopy = await renderSignedDisclosure(tx, offer.id);
      const attachments = signedCopy ? [signedCopy] : [];
      await emailLenderTeams(tx, [offer.lenderOrgId], {
        template: offerAcceptedForLenderEmail({
          merchantName,
          amount: formatMoney(offer.fundsProvidedCents),
          referralId: offer.referralId,
        }),
        attachments,
      });
      await emailMerchantTeam(tx, input.merchantId, {
        template: offerAcceptedForMerchantEmail({
          signerName: input.signatureName.trim(),
          lenderName: offer.lenderOrg.name,
          amount: formatMoney(offer.fundsProvidedCents),
          applicationId: offer.applicationId,
        }),
        attachments,
      });
      return { ok: true };
    }),
  );
}

type LoadedOffer = MerchantOffer & {
  applicationId: string;
  referralId: string;
  lenderOrgId: string;
  disclosureJson: string;
};

/** One offer of the merchant's, as the merchant is shown it, with the ids the moves need. */
async function offerForMerchant(
  tx: Tx,
  merchantId: string,
  offerId: string,
  now: Date,
): Promise<LoadedOffer | null> {
  const ids = await tx.offer.findFirst({
    where: { id: offerId, application: { merchantId } },
    select: { applicationId: true, referralId: true, lenderOrgId: true },
  });
  if (!ids) return null;
  const offer = (await listOffersForMerchant(tx, merchantId, ids.applicationId, now)).find(
    (o) => o.id === offerId,
  );
  if (!offer) return null;
  const disclosureJson = acceptedDisclosureJson({
    ...offer,
    lenderName: offer.lenderOrg.name,
    partnerStatus: offer.lenderOrg.status,
  });
  return { ...offer, ...ids, disclosureJson };
}

/**
 * The merchant declines a pending offer: the lender's referral goes back to review, where it may
 * make another offer or decline, and the lender is told.
 */
export async function declineOffer(
  db: Db,
  input: { merchantId: string; offerId: string; actor: Actor; ip: string; now?: Date },
): Promise<OfferOutcome> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const offer = await tx.offer.findFirst({
      where: { id: input.offerId, application: { merchantId: input.merchantId } },
      select: {
        id: true,
        status: true,
        expiresAt: true,
        applicationId: true,
        referralId: true,
        lenderOrgId: true,
        fundsProvidedCents: true,
      },
    });
    if (!offer) return { ok: false, reason: "not-found" };
    const status = effectiveOfferStatus(offer, now);
    if (status !== "PENDING") {
      const accepted =
        status === "DECLINED" &&
        (await tx.offer.count({ where: { applicationId: offer.applicationId, status: "ACCEPTED" } })) > 0;
      return { ok: false, reason: "conflict", message: notPending(status, accepted) };
    }
    const moved = await transition(tx, OFFER_WORKFLOW, {
      id: offer.id,
      from: ["PENDING"],
      to: "DECLINED",
      data: { declinedAt: now },
      actor: input.actor,
      ip: input.ip,
      summary: { fundsProvidedCents: offer.fundsProvidedCents, reason: "MERCHANT_DECLINED" },
    });
    if (!moved.ok)
      return moved.reason === "not-found" ? moved : { ok: false, reason: "conflict", message: moved.message };
    await afterOfferEnded(tx, {
      referralId: offer.referralId,
      applicationId: offer.applicationId,
      actor: input.actor,
      ip: input.ip,
    });
    await emitWebhookEvent(tx, {
      lenderOrgId: offer.lenderOrgId,
      type: "offer.declined",
      data: {
        referralId: offer.referralId,
        applicationId: offer.applicationId,
        offerId: offer.id,
        declinedAt: now.toISOString(),
      },
    });
    await emailLenderTeams(tx, [offer.lenderOrgId], {
      template: offerDeclinedEmail({
        merchantName: await merchantNameOf(tx, input.merchantId),
        amount: formatMoney(offer.fundsProvidedCents),
        referralId: offer.referralId,
      }),
    });
    return { ok: true };
  });
}

export type FundingOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" | "conflict"; message: string; field?: undefined }
  | { ok: false; reason: "invalid"; field: FundingField; message: string };

/**
 * The accepted lender records that the money was sent, once: the amount must be the offer's funds
 * provided, the date neither in the future nor before the acceptance, and a reference is required.
 * The application and the referral become FUNDED, and the merchant is told.
 */
export async function recordFunding(
  db: Db,
  input: {
    lenderOrgId: string;
    offerId: string;
    fundedOn: Date;
    amountCents: number;
    reference: string;
    actor: Actor;
    ip: string;
    now?: Date;
  },
): Promise<FundingOutcome> {
  const now = input.now ?? new Date();
  const outcome = await refusable(() =>
    db.$transaction(async (tx) => {
      const offer = await tx.offer.findFirst({
        where: { id: input.offerId, lenderOrgId: input.lenderOrgId },
        select: {
          id: true,
          status: true,
          applicationId: true,
          referralId: true,
          fundsProvidedCents: true,
          acceptedAt: true,
          funding: { select: { id: true } },
          application: { select: { merchantId: true } },
          lenderOrg: { select: { name: true } },
        },
      });
      if (!offer) return { ok: false, reason: "not-found" };
      if (offer.status !== "ACCEPTED" || offer.funding)
        return {
          ok: false,
          reason: "conflict",
          message: "Only an accepted offer not yet funded can be funded.",
        };
      const reference = input.reference.trim();
      const problem = fundingProblem({ ...input, reference }, offer, now);
      if (problem) return { ok: false, reason: "invalid", ...problem };
      const funded = {
        amountCents: input.amountCents,
        fundedOn: input.fundedOn.toISOString().slice(0, 10),
        reference,
      };
      const moved = await transition(tx, APPLICATION_WORKFLOW, {
        id: offer.applicationId,
        from: ["ACCEPTED"],
        to: "FUNDED",
        data: { fundedAt: input.fundedOn },
        actor: input.actor,
        ip: input.ip,
        summary: { offerId: offer.id, ...funded },
      });
      if (!moved.ok)
        return { ok: false, reason: "conflict", message: "The application is not waiting for funding." };
      const referral = await transition(tx, REFERRAL_WORKFLOW, {
        id: offer.referralId,
        from: ["ACCEPTED"],
        to: "FUNDED",
        actor: input.actor,
        ip: input.ip,
        summary: { offerId: offer.id, ...funded },
      });
      if (!referral.ok)
        throw new Refusal({
          ok: false,
          reason: "conflict",
          message: "The referral is not waiting for funding.",
        });
      const funding = await createInStatus(tx, FUNDING_WORKFLOW, {
        status: "RECORDED",
        data: {
          offerId: offer.id,
          fundedOn: input.fundedOn,
          amountCents: input.amountCents,
          reference,
          recordedById: input.actor.id,
        },
        actor: input.actor,
        ip: input.ip,
        summary: { offerId: offer.id, ...funded },
      });
      // Servicing starts with the funding: the deal and its dated instalments (docs/design/servicing.md).
      await openDeal(tx, {
        offerId: offer.id,
        fundingId: funding.id,
        fundedOn: input.fundedOn,
        actor: input.actor,
        ip: input.ip,
      });
      await emailMerchantTeam(tx, offer.application.merchantId, {
        template: fundingSentEmail({
          lenderName: offer.lenderOrg.name,
          amount: formatMoney(input.amountCents),
          fundedOn: funded.fundedOn,
          reference,
          applicationId: offer.applicationId,
        }),
      });
      return { ok: true };
    }),
  );
  if (outcome.ok || outcome.reason === "conflict") return outcome;
  if (outcome.reason === "not-found")
    return { ok: false, reason: "not-found", message: "This offer does not exist." };
  return { ok: false, reason: "invalid", field: outcome.field as FundingField, message: outcome.message };
}

async function merchantNameOf(tx: Tx, merchantId: string): Promise<string> {
  const merchant = await tx.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { legalName: true },
  });
  return merchant.legalName;
}
