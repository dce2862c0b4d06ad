// The merchant's side of offers: compare, accept (one only, signed), decline. And the lender's
// funding of an accepted offer.
import { recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Db } from "~/utils/db.server";

type Actor = { id: string; role: string };

export type MerchantOffer = {
  id: string;
  status: string;
  productType: string;
  amountCents: number;
  advanceRateBps: number;
  fundsProvidedCents: number;
  financeChargeCents: number;
  totalRepaymentCents: number;
  estimatedAprBps: number;
  termDays: number;
  paymentFrequency: string;
  paymentCount: number;
  paymentAmountCents: number;
  prepaymentTerms: string;
  expiresAt: Date;
  signatureName: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  withdrawnAt: Date | null;
  funding: { fundedOn: Date; createdAt: Date } | null;
  lenderOrg: { name: string };
};

/** The offers on one of the merchant's applications, cheapest APR first: one SQL statement. */
export async function listOffersForMerchant(
  db: Db,
  merchantId: string,
  applicationId: string,
): Promise<MerchantOffer[]> {
  const rows = await db.$queryRaw<
    (Omit<MerchantOffer, "funding" | "lenderOrg"> & {
      fundedOn: Date | null;
      fundingRecordedAt: Date | null;
      lenderName: string;
    })[]
  >`
    SELECT o."id", o."status", o."productType", o."amountCents", o."advanceRateBps", o."fundsProvidedCents",
           o."financeChargeCents", o."totalRepaymentCents", o."estimatedAprBps", o."termDays",
           o."paymentFrequency", o."paymentCount", o."paymentAmountCents", o."prepaymentTerms", o."expiresAt",
           o."signatureName", o."createdAt", o."acceptedAt", o."declinedAt", o."withdrawnAt",
           f."fundedOn", f."createdAt" AS "fundingRecordedAt", lo."name" AS "lenderName"
    FROM "Offer" o
    JOIN "Application" a ON a."id" = o."applicationId"
    JOIN "LenderOrg" lo ON lo."id" = o."lenderOrgId"
    LEFT JOIN "Funding" f ON f."offerId" = o."id"
    WHERE o."applicationId" = ${applicationId} AND a."merchantId" = ${merchantId}
    ORDER BY o."estimatedAprBps" ASC, o."id" ASC`;
  return rows.map(({ fundedOn, fundingRecordedAt, lenderName, ...offer }) => ({
    ...offer,
    funding: fundedOn && fundingRecordedAt ? { fundedOn, createdAt: fundingRecordedAt } : null,
    lenderOrg: { name: lenderName },
  }));
}

export type AcceptOutcome = { ok: true } | { ok: false; reason: "not-found" | "conflict"; message?: string };

/**
 * Accepts one offer: the application moves OFFERED → ACCEPTED with a conditional update, so of
 * two simultaneous acceptances exactly one wins; every other pending offer is declined in the same
 * transaction. The typed name, time and IP are kept as the signature.
 */
export async function acceptOffer(
  db: Db,
  input: { merchantId: string; offerId: string; signatureName: string; actor: Actor; ip: string; now?: Date },
): Promise<AcceptOutcome> {
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
      },
    });
    if (!offer) return { ok: false, reason: "not-found" };
    if (offer.status !== "PENDING")
      return { ok: false, reason: "conflict", message: `This offer is ${offer.status.toLowerCase()}.` };
    if (offer.expiresAt.getTime() <= now.getTime())
      return { ok: false, reason: "conflict", message: "This offer has expired." };
    const claimed = await tx.application.updateMany({
      where: { id: offer.applicationId, merchantId: input.merchantId, status: "OFFERED" },
      data: { status: "ACCEPTED", acceptedAt: now },
    });
    if (claimed.count !== 1)
      return { ok: false, reason: "conflict", message: "Another offer was accepted for this application." };
    await tx.offer.update({
      where: { id: offer.id },
      data: { status: "ACCEPTED", signatureName: input.signatureName, acceptedAt: now, acceptedIp: input.ip },
    });
    const others = await tx.offer.updateMany({
      where: { applicationId: offer.applicationId, id: { not: offer.id }, status: "PENDING" },
      data: { status: "DECLINED", declinedAt: now },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "offer.accepted",
      entityType: "Offer",
      entityId: offer.id,
      summary: { signatureName: input.signatureName, otherOffersDeclined: others.count },
      ip: input.ip,
    });
    const lenderPeople = await tx.lenderMember.findMany({
      where: { lenderOrgId: offer.lenderOrgId, deactivatedAt: null },
      select: { user: { select: { email: true } } },
    });
    for (const person of lenderPeople) {
      await enqueueEmail(tx, {
        to: person.user.email,
        subject: "Your TradeLift offer was accepted",
        text: "The merchant accepted your offer and signed it. Record the funding in TradeLift once the money is sent.",
      });
    }
    return { ok: true };
  });
}

export async function declineOffer(
  db: Db,
  input: { merchantId: string; offerId: string; actor: Actor; ip: string },
): Promise<AcceptOutcome> {
  return db.$transaction(async (tx) => {
    const changed = await tx.offer.updateMany({
      where: { id: input.offerId, status: "PENDING", application: { merchantId: input.merchantId } },
      data: { status: "DECLINED", declinedAt: new Date() },
    });
    if (changed.count !== 1) {
      const exists = await tx.offer.count({
        where: { id: input.offerId, application: { merchantId: input.merchantId } },
      });
      return exists
        ? { ok: false, reason: "conflict", message: "This offer is no longer open." }
        : { ok: false, reason: "not-found" };
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: "offer.declined",
      entityType: "Offer",
      entityId: input.offerId,
      ip: input.ip,
    });
    return { ok: true };
  });
}

/** The lender records that the money was sent: the application is FUNDED. */
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
  },
): Promise<AcceptOutcome> {
  return db.$transaction(async (tx) => {
    const offer = await tx.offer.findFirst({
      where: { id: input.offerId, lenderOrgId: input.lenderOrgId },
      select: { id: true, status: true, applicationId: true, funding: { select: { id: true } } },
    });
    if (!offer) return { ok: false, reason: "not-found" };
    if (offer.status !== "ACCEPTED" || offer.funding)
      return {
        ok: false,
        reason: "conflict",
        message: "Only an accepted offer not yet funded can be funded.",
      };
    const moved = await tx.application.updateMany({
      where: { id: offer.applicationId, status: "ACCEPTED" },
      data: { status: "FUNDED", fundedAt: input.fundedOn },
    });
    if (moved.count !== 1)
      return { ok: false, reason: "conflict", message: "The application is not waiting for funding." };
    await tx.funding.create({
      data: {
        offerId: offer.id,
        fundedOn: input.fundedOn,
        amountCents: input.amountCents,
        reference: input.reference,
        recordedById: input.actor.id,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "offer.funded",
      entityType: "Offer",
      entityId: offer.id,
      summary: { amountCents: input.amountCents, reference: input.reference },
      ip: input.ip,
    });
    return { ok: true };
  });
}
