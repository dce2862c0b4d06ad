// A lender's review of a referral: start, notes, assignment, requests for information, decline,
// offer and withdrawal — each a move of the referral's, the offer's or the request's table through
// the guard (transition/createInStatus), written with its audit event in one transaction. What is
// allowed comes from one pure function (./actions.ts), checked inside the transaction, so the page
// and the domain agree. Everything is scoped to the lender's own organisation.

import {
  afterOfferEnded,
  moveApplicationIfAllowed,
  settleApplication,
} from "~/domain/applications/settle.server";
import { emailLenderTeams, emailMerchantTeam } from "~/domain/applications/team-mail.server";
import { REFERRAL_WORKFLOW } from "~/domain/applications/workflow";
import { recordAudit } from "~/domain/audit/audit.server";
import { formatDay, formatDayTime } from "~/domain/dates";
import { formatMoney } from "~/domain/money";
import { deadlineDay } from "~/domain/notices/notice";
import { incompleteDeclineRefusal, infoRequestDueAt } from "~/domain/notices/notices.server";
import {
  infoAnsweredEmail,
  infoRequestedEmail,
  offerMadeEmail,
  offerWithdrawnEmail,
} from "~/domain/notifications/templates";
import { renderOfferDisclosure } from "~/domain/offers/disclosure-pdf.server";
import { type OfferInput, offerAsDisclosed } from "~/domain/offers/offer";
import { effectiveOfferStatus } from "~/domain/offers/offer-status";
import { listOffersForMerchant } from "~/domain/offers/offers.server";
import { OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { emitWebhookEvent } from "~/domain/webhooks/webhooks.server";
import { createInStatus, transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import {
  actionRefusal,
  canOpenReferral,
  decisionHold,
  endedNote,
  type ReferralAction,
  type ReferralState,
  referralActions,
} from "./actions";
import type { DeclineReason } from "./decline-reasons";
import { expireOffer } from "./offer-life.server";
import { INFO_REQUEST_WORKFLOW } from "./workflow";

type Actor = { id: string; role: string };
type Tx = Prisma.TransactionClient;

export type ReviewOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string };

type LenderInput = {
  lenderOrgId: string;
  referralId: string;
  actor: Actor;
  ip: string;
  /** The lender member's role (ADMIN, UNDERWRITER); only assignment depends on it. */
  lenderRole?: string;
  now?: Date;
};

/** Unwinds the transaction with an outcome, when a check after a write finds the write must not stand. */
class Refused extends Error {
  constructor(readonly outcome: ReviewOutcome) {
    super(outcome.ok ? "refused" : outcome.reason);
  }
}

const conflict = (message: string): ReviewOutcome => ({ ok: false, reason: "conflict", message });

async function loadReferral(tx: Tx | Db, input: { lenderOrgId: string; referralId: string }) {
  return tx.referral.findFirst({
    where: { id: input.referralId, lenderOrgId: input.lenderOrgId },
    select: {
      id: true,
      status: true,
      statusReason: true,
      applicationId: true,
      lenderOrgId: true,
      application: { select: { status: true, merchantId: true, requestedAmountCents: true } },
      lenderOrg: { select: { status: true, name: true } },
      offers: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, expiresAt: true, funding: { select: { id: true } } },
      },
    },
  });
}

type LoadedReferral = NonNullable<Awaited<ReturnType<typeof loadReferral>>>;

/** The referral as the pure rules see it, or null when this lender may not open it. */
async function stateOf(
  tx: Tx | Db,
  referral: LoadedReferral,
  lenderRole: string,
  now: Date,
): Promise<ReferralState | null> {
  const latest = referral.offers[0] ?? null;
  const sibling = await tx.offer.findFirst({
    where: {
      applicationId: referral.applicationId,
      lenderOrgId: referral.lenderOrgId,
      referralId: { not: referral.id },
      status: "PENDING",
      expiresAt: { gt: now },
    },
    select: { referral: { select: { product: { select: { name: true } } } } },
  });
  const state: ReferralState = {
    referralStatus: referral.status,
    applicationStatus: referral.application.status,
    offer: latest
      ? { status: latest.status, expiresAt: latest.expiresAt, funded: Boolean(latest.funding) }
      : null,
    siblingLiveOffer: sibling ? { productName: sibling.referral.product.name } : null,
    partnerStatus: referral.lenderOrg.status,
    lenderRole,
    now,
  };
  return canOpenReferral(state) ? state : null;
}

/**
 * Runs one lender action in a transaction: loads the referral (404 when it is not the lender's or
 * the lender may not open it), refuses what the rules refuse (409), brings an offer that lapsed
 * before the job ran to its end first, then does the work.
 */
async function act(
  db: Db,
  input: LenderInput,
  action: ReferralAction,
  work: (tx: Tx, referral: LoadedReferral, now: Date) => Promise<ReviewOutcome | undefined>,
): Promise<ReviewOutcome> {
  const now = input.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      const referral = await loadReferral(tx, input);
      if (!referral) return { ok: false, reason: "not-found" };
      const state = await stateOf(tx, referral, input.lenderRole ?? "UNDERWRITER", now);
      if (!state) return { ok: false, reason: "not-found" };
      const refusal = actionRefusal(state, action);
      if (refusal) return conflict(refusal);
      const latest = referral.offers[0];
      if ((action === "offer" || action === "decline") && referral.status === "OFFERED" && latest) {
        // The referral still waits on an offer that ended (it expired, perhaps before the job
        // noticed): close that round first, which brings the referral back to review.
        if (effectiveOfferStatus(latest, now) === "EXPIRED" && latest.status === "PENDING")
          await expireOffer(tx, latest.id, now);
        else
          await afterOfferEnded(tx, {
            referralId: referral.id,
            applicationId: referral.applicationId,
            actor: input.actor,
            ip: input.ip,
          });
      }
      return (await work(tx, referral, now)) ?? { ok: true };
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

function refuseUnlessMoved(moved: { ok: boolean; message?: string; reason?: string }) {
  if (moved.ok) return;
  throw new Refused(
    moved.reason === "not-found"
      ? { ok: false, reason: "not-found" }
      : conflict(moved.message ?? "Someone else changed this referral in the meantime; reload the page."),
  );
}

export async function startReview(db: Db, input: LenderInput): Promise<ReviewOutcome> {
  return act(db, input, "start", async (tx, referral, now) => {
    refuseUnlessMoved(
      await transition(tx, REFERRAL_WORKFLOW, {
        id: referral.id,
        scope: { lenderOrgId: input.lenderOrgId },
        from: ["NEW"],
        to: "IN_REVIEW",
        data: { reviewStartedAt: now, assigneeId: input.actor.id },
        action: "referral.review_started",
        actor: input.actor,
        ip: input.ip,
      }),
    );
    await moveApplicationIfAllowed(tx, {
      applicationId: referral.applicationId,
      to: "IN_REVIEW",
      actor: input.actor,
      ip: input.ip,
    });
    return undefined;
  });
}

export async function addNote(db: Db, input: LenderInput & { body: string }): Promise<ReviewOutcome> {
  return act(db, input, "note", async (tx, referral) => {
    await tx.referralNote.create({
      data: { referralId: referral.id, authorId: input.actor.id, body: input.body },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.note_added",
      entityType: "Referral",
      entityId: referral.id,
      ip: input.ip,
    });
    return undefined;
  });
}

/** Requests still open on a referral that ended are cancelled: nobody will read their answers. */
export async function cancelOpenInfoRequests(
  tx: Tx,
  input: { referralId: string; actor: Actor | null; ip: string | null },
): Promise<void> {
  const open = await tx.infoRequest.findMany({
    where: { referralId: input.referralId, status: "OPEN" },
    select: { id: true },
  });
  for (const request of open) {
    await transition(tx, INFO_REQUEST_WORKFLOW, {
      id: request.id,
      from: ["OPEN"],
      to: "CANCELLED",
      action: "info_request.cancelled",
      summary: { referralId: input.referralId },
      actor: input.actor,
      ip: input.ip,
    });
  }
}

export async function declineReferral(
  db: Db,
  input: LenderInput & { reasons: DeclineReason[] },
): Promise<ReviewOutcome> {
  return act(db, input, "decline", async (tx, referral, now) => {
    // Declining for incompleteness needs the notice of incompleteness first (§1002.9(c)).
    if (input.reasons.includes("INCOMPLETE")) {
      const refusal = await incompleteDeclineRefusal(tx, referral.id, now);
      if (refusal) return conflict(refusal);
    }
    refuseUnlessMoved(
      await transition(tx, REFERRAL_WORKFLOW, {
        id: referral.id,
        scope: { lenderOrgId: input.lenderOrgId },
        from: ["IN_REVIEW", "INFO_REQUESTED"],
        to: "DECLINED",
        data: { declineReasonsJson: JSON.stringify(input.reasons), decidedAt: now },
        action: "referral.declined",
        summary: { reasons: input.reasons },
        actor: input.actor,
        ip: input.ip,
      }),
    );
    await cancelOpenInfoRequests(tx, { referralId: referral.id, actor: input.actor, ip: input.ip });
    await settleApplication(tx, { applicationId: referral.applicationId, actor: input.actor, ip: input.ip });
    return undefined;
  });
}

/**
 * One offer on the referral. A lender has at most one live offer per application, whatever number
 * of its products matched: checked again after the offer is written, inside the transaction, so
 * of two racing offers (on two of its referrals) only one stands.
 */
export async function makeOffer(db: Db, input: LenderInput & { offer: OfferInput }): Promise<ReviewOutcome> {
  return act(db, input, "offer", async (tx, referral, now) => {
    const disclosure = offerAsDisclosed(input.offer, now);
    if (
      input.offer.amount > referral.application.requestedAmountCents &&
      !input.offer.amountAboveRequestReason
    )
      return conflict("The amount is above what the merchant asked for: say why.");
    refuseUnlessMoved(
      await transition(tx, REFERRAL_WORKFLOW, {
        id: referral.id,
        scope: { lenderOrgId: input.lenderOrgId },
        from: ["IN_REVIEW"],
        to: "OFFERED",
        data: { decidedAt: now },
        action: "referral.offered",
        actor: input.actor,
        ip: input.ip,
      }),
    );
    const expiresAt = new Date(now.getTime() + input.offer.expiresInDays * 86_400_000);
    const made = await createInStatus(tx, OFFER_WORKFLOW, {
      status: "PENDING",
      data: {
        referralId: referral.id,
        applicationId: referral.applicationId,
        lenderOrgId: input.lenderOrgId,
        productType: input.offer.productType,
        amountCents: input.offer.amount,
        advanceRateBps: input.offer.advanceRate,
        feeBps: input.offer.kind === "fee" ? input.offer.feeBps : null,
        feePeriodDays: disclosure.feePeriodDays,
        interestRateBps: disclosure.interestRateBps,
        securityTerms: disclosure.securityTerms,
        recourse: disclosure.recourse,
        termDays: disclosure.termDays,
        paymentFrequency: disclosure.paymentFrequency,
        paymentCount: disclosure.paymentCount,
        paymentAmountCents: disclosure.paymentAmountCents,
        scheduleJson: JSON.stringify(disclosure.schedule),
        fundsProvidedCents: disclosure.fundsProvidedCents,
        financeChargeCents: disclosure.financeChargeCents,
        totalRepaymentCents: disclosure.totalRepaymentCents,
        estimatedAprBps: disclosure.estimatedAprBps,
        feeDeductedCents: input.offer.originationFee,
        prepaymentTerms: disclosure.prepaymentTerms,
        amountAboveRequestReason: input.offer.amountAboveRequestReason || null,
        expiresAt,
        // The disclosure's dates count from the day the offer is made.
        createdAt: now,
      },
      action: "offer.made",
      summary: {
        referralId: referral.id,
        amountCents: input.offer.amount,
        fundsProvidedCents: disclosure.fundsProvidedCents,
        feeDeductedCents: input.offer.originationFee,
        estimatedAprBps: disclosure.estimatedAprBps,
      },
      actor: input.actor,
      ip: input.ip,
    });
    const live = await tx.offer.count({
      where: {
        applicationId: referral.applicationId,
        lenderOrgId: input.lenderOrgId,
        status: "PENDING",
        expiresAt: { gt: now },
      },
    });
    if (live > 1)
      throw new Refused(
        conflict(
          "You already have a live offer on this application (through another of your products): one live offer per application.",
        ),
      );
    await moveApplicationIfAllowed(tx, {
      applicationId: referral.applicationId,
      to: "OFFERED",
      actor: input.actor,
      ip: input.ip,
    });
    const merchantId = referral.application.merchantId;
    const shown = (await listOffersForMerchant(tx, merchantId, referral.applicationId, now)).find(
      (o) => o.id === made.id,
    );
    const attachments = shown ? [await renderOfferDisclosure(tx, merchantId, shown)] : [];
    await emailMerchantTeam(tx, merchantId, ({ timeZone }) => ({
      template: offerMadeEmail({
        lenderName: referral.lenderOrg.name,
        amount: formatMoney(disclosure.fundsProvidedCents),
        aprPercent: `${(disclosure.estimatedAprBps / 100).toFixed(2)}%`,
        openUntil: formatDayTime(expiresAt, timeZone),
        applicationId: referral.applicationId,
        offerId: made.id,
      }),
      attachments,
    }));
    return undefined;
  });
}

/**
 * The lender takes back its live offer, with a reason the merchant sees. The referral returns to
 * review, where the lender may offer again or decline.
 */
export async function withdrawOffer(
  db: Db,
  input: LenderInput & { offerId: string; reason: string },
): Promise<ReviewOutcome> {
  return act(db, input, "withdraw-offer", async (tx, referral, now) => {
    if (referral.offers[0]?.id !== input.offerId) return { ok: false, reason: "not-found" };
    refuseUnlessMoved(
      await transition(tx, OFFER_WORKFLOW, {
        id: input.offerId,
        scope: { lenderOrgId: input.lenderOrgId, referralId: referral.id },
        from: ["PENDING"],
        to: "WITHDRAWN",
        data: { withdrawnAt: now, withdrawnReason: input.reason },
        action: "offer.withdrawn",
        summary: { referralId: referral.id, reason: input.reason },
        actor: input.actor,
        ip: input.ip,
      }),
    );
    await afterOfferEnded(tx, {
      referralId: referral.id,
      applicationId: referral.applicationId,
      actor: input.actor,
      ip: input.ip,
    });
    await emailMerchantTeam(tx, referral.application.merchantId, {
      template: offerWithdrawnEmail({
        lenderName: referral.lenderOrg.name,
        reason: input.reason,
        applicationId: referral.applicationId,
      }),
    });
    return undefined;
  });
}

/** Whether the lender may open this referral now (a suspended partner keeps only what its deals need). */
export async function mayOpenReferral(
  db: Db,
  input: { lenderOrgId: string; referralId: string },
  now: Date,
): Promise<boolean> {
  const referral = await loadReferral(db, input);
  return referral !== null && (await stateOf(db, referral, "UNDERWRITER", now)) !== null;
}

/** Everything a lender reviews — never the merchant's optional demographic answers. */
export async function getReferralForLender(
  db: Db,
  lenderOrgId: string,
  referralId: string,
  now: Date = new Date(),
) {
  if (!(await mayOpenReferral(db, { lenderOrgId, referralId }, now))) return null;
  return db.referral.findFirst({
    where: { id: referralId, lenderOrgId },
    select: {
      id: true,
      status: true,
      fitRank: true,
      createdAt: true,
      reviewStartedAt: true,
      decidedAt: true,
      declineReasonsJson: true,
      product: {
        select: { name: true, type: true, advanceRateBps: true, minTenorDays: true, maxTenorDays: true },
      },
      assignee: { select: { name: true } },
      notes: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
      },
      infoRequests: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          question: true,
          documentType: true,
          status: true,
          responseText: true,
          respondedAt: true,
          createdAt: true,
          dueAt: true,
          incompleteNoticeAt: true,
          documents: { select: { id: true, fileName: true, sizeBytes: true, contentType: true } },
        },
      },
      application: {
        select: {
          id: true,
          status: true,
          requestedAmountCents: true,
          purpose: true,
          productTypeWanted: true,
          tenorDays: true,
          submittedAt: true,
          scoreReport: {
            select: {
              score: true,
              grade: true,
              pointsJson: true,
              reasonsJson: true,
              featuresJson: true,
              asOfDate: true,
              dataSummaryJson: true,
            },
          },
          orders: {
            select: {
              exportOrder: {
                select: {
                  poNumber: true,
                  buyerName: true,
                  buyerCountry: true,
                  amountCents: true,
                  currency: true,
                  paymentTerm: true,
                  paymentTermDays: true,
                  incoterm: true,
                  orderDate: true,
                  expectedShipDate: true,
                },
              },
            },
          },
          merchant: {
            select: {
              legalName: true,
              dbaName: true,
              einLast4: true,
              entityType: true,
              stateOfIncorporation: true,
              yearFounded: true,
              monthFounded: true,
              naicsCode: true,
              website: true,
              addressLine1: true,
              city: true,
              addressState: true,
              postalCode: true,
              employees: true,
              annualRevenueCents: true,
              beneficialOwners: { select: { name: true, title: true, ownershipBps: true } },
            },
          },
        },
      },
    },
  });
}

/** The lender asks for an answer and/or a document: the referral waits for the merchant. */
export async function requestInformation(
  db: Db,
  input: LenderInput & { question: string | null; documentType: string | null; dueInBusinessDays?: number },
): Promise<ReviewOutcome> {
  return act(db, input, "request-info", async (tx, referral, now) => {
    const dueAt = infoRequestDueAt(now, input.dueInBusinessDays);
    refuseUnlessMoved(
      await transition(tx, REFERRAL_WORKFLOW, {
        id: referral.id,
        scope: { lenderOrgId: input.lenderOrgId },
        from: ["IN_REVIEW"],
        to: "INFO_REQUESTED",
        action: "referral.info_requested",
        summary: { documentType: input.documentType },
        actor: input.actor,
        ip: input.ip,
      }),
    );
    const created = await createInStatus(tx, INFO_REQUEST_WORKFLOW, {
      status: "OPEN",
      data: {
        referralId: referral.id,
        requestedById: input.actor.id,
        question: input.question,
        documentType: input.documentType,
        dueAt,
      },
      action: "info_request.created",
      summary: { referralId: referral.id, documentType: input.documentType, dueAt: dueAt.toISOString() },
      actor: input.actor,
      ip: input.ip,
    });
    await emailMerchantTeam(tx, referral.application.merchantId, {
      template: infoRequestedEmail({
        lenderName: referral.lenderOrg.name,
        dueOn: formatDay(deadlineDay(dueAt)),
        applicationId: referral.applicationId,
        infoRequestId: created.id,
      }),
    });
    return undefined;
  });
}

/** The merchant answers an open request (text and/or a stored document): the review resumes. */
export async function answerInformationRequest(
  db: Db,
  input: {
    merchantId: string;
    infoRequestId: string;
    text: string | null;
    document: {
      storageKey: string;
      fileName: string;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      type: string;
    } | null;
    actor: Actor;
    ip: string;
  },
): Promise<ReviewOutcome> {
  return db.$transaction(async (tx) => {
    const request = await tx.infoRequest.findFirst({
      where: { id: input.infoRequestId, referral: { application: { merchantId: input.merchantId } } },
      select: {
        id: true,
        referralId: true,
        referral: {
          select: {
            applicationId: true,
            lenderOrgId: true,
            status: true,
            application: { select: { merchant: { select: { legalName: true } } } },
          },
        },
      },
    });
    if (!request) return { ok: false, reason: "not-found" };
    const answered = await transition(tx, INFO_REQUEST_WORKFLOW, {
      id: request.id,
      from: ["OPEN"],
      to: "ANSWERED",
      data: { responseText: input.text, respondedAt: new Date(), respondedById: input.actor.id },
      action: "referral.info_answered",
      summary: { referralId: request.referralId, document: Boolean(input.document) },
      actor: input.actor,
      ip: input.ip,
    });
    if (!answered.ok)
      return conflict(
        answered.reason === "conflict" && answered.from === "ANSWERED"
          ? "This request was already answered."
          : "This request is no longer open: the lender's review ended.",
      );
    if (input.document) {
      await tx.document.create({
        data: {
          merchantId: input.merchantId,
          applicationId: request.referral.applicationId,
          infoRequestId: request.id,
          uploadedById: input.actor.id,
          ...input.document,
        },
      });
    }
    if (request.referral.status === "INFO_REQUESTED") {
      await transition(tx, REFERRAL_WORKFLOW, {
        id: request.referralId,
        from: ["INFO_REQUESTED"],
        to: "IN_REVIEW",
        action: "referral.review_resumed",
        summary: { infoRequestId: request.id },
        actor: input.actor,
        ip: input.ip,
      });
    }
    await emitWebhookEvent(tx, {
      lenderOrgId: request.referral.lenderOrgId,
      type: "info_request.answered",
      data: {
        referralId: request.referralId,
        applicationId: request.referral.applicationId,
        infoRequestId: request.id,
        withDocument: Boolean(input.document),
      },
    });
    await emailLenderTeams(tx, [request.referral.lenderOrgId], {
      template: infoAnsweredEmail({
        merchantName: request.referral.application.merchant.legalName,
        referralId: request.referralId,
      }),
    });
    return { ok: true };
  });
}

/** Assigns a referral to a member of the same lender: a lender admin assigns anyone, an underwriter only themselves. */
export async function assignReferral(
  db: Db,
  input: LenderInput & { assigneeId: string; actorLenderRole: string },
): Promise<ReviewOutcome> {
  if (input.actorLenderRole !== "ADMIN" && input.assigneeId !== input.actor.id)
    return conflict("Only a lender admin assigns referrals to someone else.");
  return act(db, { ...input, lenderRole: input.actorLenderRole }, "assign", async (tx, referral) => {
    const member = await tx.lenderMember.findFirst({
      where: { userId: input.assigneeId, lenderOrgId: input.lenderOrgId, deactivatedAt: null },
      select: { userId: true },
    });
    if (!member) return conflict("Choose an active member of your team.");
    await tx.referral.update({ where: { id: referral.id }, data: { assigneeId: member.userId } });
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.assigned",
      entityType: "Referral",
      entityId: referral.id,
      summary: { assigneeId: member.userId },
      ip: input.ip,
    });
    return undefined;
  });
}

/**
 * What the review page needs beside the application: the actions the rules allow now, the
 * lender's offers on this referral as they stand now (a pending offer past its time shows
 * expired), the funding recorded, the partner's status and the team to assign to.
 */
export async function reviewControls(
  db: Db,
  input: { lenderOrgId: string; referralId: string; lenderRole: string; actorId: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const referral = await loadReferral(db, input);
  const state = referral ? await stateOf(db, referral, input.lenderRole, now) : null;
  if (!referral || !state) return null;
  const [offers, members] = await Promise.all([
    db.offer.findMany({
      where: { referralId: referral.id, lenderOrgId: input.lenderOrgId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        status: true,
        fundsProvidedCents: true,
        estimatedAprBps: true,
        totalRepaymentCents: true,
        expiresAt: true,
        createdAt: true,
        acceptedAt: true,
        declinedAt: true,
        withdrawnAt: true,
        withdrawnReason: true,
        funding: { select: { amountCents: true, fundedOn: true, reference: true, createdAt: true } },
      },
    }),
    db.lenderMember.findMany({
      where: { lenderOrgId: input.lenderOrgId, deactivatedAt: null },
      orderBy: { createdAt: "asc" },
      select: { userId: true, user: { select: { name: true } } },
    }),
  ]);
  const actions = referralActions(state);
  return {
    actions,
    ended: endedNote(state, referral.statusReason),
    decisionHold: decisionHold(state),
    partnerStatus: referral.lenderOrg.status,
    offers: offers.map((o) => ({ ...o, status: effectiveOfferStatus(o, now) })),
    team: {
      members: members
        .map((m) => ({ id: m.userId, name: m.user.name }))
        .filter((m) => actions.assignOthers || m.id === input.actorId),
      selfId: input.actorId,
    },
  };
}

/**
 * A document the merchant uploaded in answer to this lender's request, for download: only while
 * the lender may open its referral (a suspended partner keeps only what its deals need). The
 * download is recorded.
 */
export async function documentForLender(
  db: Db,
  input: { lenderOrgId: string; documentId: string; actor: Actor; ip: string; referralId?: string },
) {
  const document = await db.document.findFirst({
    where: {
      id: input.documentId,
      infoRequest: {
        referral: { lenderOrgId: input.lenderOrgId, ...(input.referralId ? { id: input.referralId } : {}) },
      },
    },
    select: {
      id: true,
      storageKey: true,
      fileName: true,
      contentType: true,
      infoRequest: { select: { referralId: true } },
    },
  });
  const referralId = document?.infoRequest?.referralId;
  if (!document || !referralId) return null;
  if (!(await mayOpenReferral(db, { lenderOrgId: input.lenderOrgId, referralId }, new Date()))) return null;
  await recordAudit(db, {
    actor: input.actor,
    action: "document.downloaded",
    entityType: "Document",
    entityId: document.id,
    ip: input.ip,
  });
  return { storageKey: document.storageKey, fileName: document.fileName, contentType: document.contentType };
}
