// A lender's review of a referral: start, notes, decline, offer — each a transition of the
// referral table (and, where it follows, of the application), written with its audit event in one
// transaction. Everything is scoped to the lender's own organisation.

import { moveApplicationIfAllowed, settleApplication } from "~/domain/applications/settle.server";
import { canReferralMove, type ReferralStatus } from "~/domain/applications/workflow";
import { recordAudit } from "~/domain/audit/audit.server";
import { bankTransactionsBetween } from "~/domain/bank/bank.server";
import { lastMonths, monthlyRevenue } from "~/domain/bank/revenue";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { type OfferInput, offerDisclosure } from "~/domain/offers/offer";
import type { Db, Prisma } from "~/utils/db.server";
import type { DeclineReason } from "./decline-reasons";

type Actor = { id: string; role: string };
type Tx = Prisma.TransactionClient;

export type ReviewOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string };

async function moveReferral(
  tx: Tx,
  input: {
    referralId: string;
    lenderOrgId: string;
    from: readonly ReferralStatus[];
    to: ReferralStatus;
    data?: Prisma.ReferralUncheckedUpdateManyInput;
  },
) {
  const referral = await tx.referral.findFirst({
    where: { id: input.referralId, lenderOrgId: input.lenderOrgId },
    select: { id: true, status: true, applicationId: true },
  });
  if (!referral) return { ok: false as const, reason: "not-found" as const };
  if (
    !input.from.includes(referral.status as ReferralStatus) ||
    !canReferralMove(referral.status, input.to)
  ) {
    return {
      ok: false as const,
      reason: "conflict" as const,
      message: `This referral is ${referral.status.toLowerCase().replaceAll("_", " ")}: it cannot become ${input.to.toLowerCase().replaceAll("_", " ")}.`,
    };
  }
  const changed = await tx.referral.updateMany({
    where: { id: referral.id, status: referral.status },
    data: { status: input.to, ...input.data },
  });
  if (changed.count !== 1)
    return {
      ok: false as const,
      reason: "conflict" as const,
      message: "Someone else changed this referral in the meantime; reload the page.",
    };
  return { ok: true as const, referral };
}

export async function startReview(
  db: Db,
  input: { lenderOrgId: string; referralId: string; actor: Actor; ip: string },
): Promise<ReviewOutcome> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const moved = await moveReferral(tx, {
      ...input,
      from: ["NEW"],
      to: "IN_REVIEW",
      data: { reviewStartedAt: now, assigneeId: input.actor.id },
    });
    if (!moved.ok) return moved;
    await moveApplicationIfAllowed(tx, {
      applicationId: moved.referral.applicationId,
      to: "IN_REVIEW",
      actor: input.actor,
      ip: input.ip,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.review_started",
      entityType: "Referral",
      entityId: input.referralId,
      ip: input.ip,
    });
    return { ok: true };
  });
}

export async function addNote(
  db: Db,
  input: { lenderOrgId: string; referralId: string; body: string; actor: Actor; ip: string },
): Promise<ReviewOutcome> {
  return db.$transaction(async (tx) => {
    const referral = await tx.referral.findFirst({
      where: { id: input.referralId, lenderOrgId: input.lenderOrgId },
      select: { id: true },
    });
    if (!referral) return { ok: false, reason: "not-found" };
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
    return { ok: true };
  });
}

export async function declineReferral(
  db: Db,
  input: { lenderOrgId: string; referralId: string; reasons: DeclineReason[]; actor: Actor; ip: string },
): Promise<ReviewOutcome> {
  return db.$transaction(async (tx) => {
    const moved = await moveReferral(tx, {
      ...input,
      from: ["IN_REVIEW", "INFO_REQUESTED"],
      to: "DECLINED",
      data: { declineReasonsJson: JSON.stringify(input.reasons), decidedAt: new Date() },
    });
    if (!moved.ok) return moved;
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.declined",
      entityType: "Referral",
      entityId: input.referralId,
      summary: { reasons: input.reasons },
      ip: input.ip,
    });
    await settleApplication(tx, {
      applicationId: moved.referral.applicationId,
      actor: input.actor,
      ip: input.ip,
    });
    return { ok: true };
  });
}

export async function makeOffer(
  db: Db,
  input: { lenderOrgId: string; referralId: string; offer: OfferInput; actor: Actor; ip: string; now?: Date },
): Promise<ReviewOutcome> {
  const now = input.now ?? new Date();
  const disclosure = offerDisclosure(input.offer);
  return db.$transaction(async (tx) => {
    const referral = await tx.referral.findFirst({
      where: { id: input.referralId, lenderOrgId: input.lenderOrgId },
      select: {
        applicationId: true,
        application: { select: { requestedAmountCents: true, merchantId: true } },
        lenderOrg: { select: { name: true } },
      },
    });
    if (!referral) return { ok: false, reason: "not-found" };
    if (
      input.offer.amount > referral.application.requestedAmountCents &&
      !input.offer.amountAboveRequestReason
    ) {
      return {
        ok: false,
        reason: "conflict",
        message: "The amount is above what the merchant asked for: say why.",
      };
    }
    const moved = await moveReferral(tx, {
      ...input,
      from: ["IN_REVIEW"],
      to: "OFFERED",
      data: { decidedAt: now },
    });
    if (!moved.ok) return moved;
    const offer = await tx.offer.create({
      data: {
        referralId: input.referralId,
        applicationId: referral.applicationId,
        lenderOrgId: input.lenderOrgId,
        productType: input.offer.productType,
        amountCents: input.offer.amount,
        advanceRateBps: input.offer.advanceRate,
        feeBps: input.offer.kind === "fee" ? input.offer.feeBps : null,
        feePeriodDays: input.offer.kind === "fee" ? 30 : null,
        interestRateBps: input.offer.kind === "amortising" ? input.offer.interestRateBps : null,
        termDays: disclosure.termDays,
        paymentFrequency: disclosure.paymentFrequency,
        paymentCount: disclosure.paymentCount,
        paymentAmountCents: disclosure.paymentAmountCents,
        scheduleJson: JSON.stringify(disclosure.schedule),
        fundsProvidedCents: disclosure.fundsProvidedCents,
        financeChargeCents: disclosure.financeChargeCents,
        totalRepaymentCents: disclosure.totalRepaymentCents,
        estimatedAprBps: disclosure.estimatedAprBps,
        prepaymentTerms: disclosure.prepaymentTerms,
        amountAboveRequestReason: input.offer.amountAboveRequestReason || null,
        expiresAt: new Date(now.getTime() + input.offer.expiresInDays * 86_400_000),
        status: "PENDING",
      },
      select: { id: true },
    });
    await moveApplicationIfAllowed(tx, {
      applicationId: referral.applicationId,
      to: "OFFERED",
      actor: input.actor,
      ip: input.ip,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "offer.made",
      entityType: "Offer",
      entityId: offer.id,
      summary: {
        referralId: input.referralId,
        amountCents: input.offer.amount,
        estimatedAprBps: disclosure.estimatedAprBps,
      },
      ip: input.ip,
    });
    const owners = await tx.merchantMember.findMany({
      where: { merchantId: referral.application.merchantId },
      select: { user: { select: { email: true } } },
    });
    for (const owner of owners) {
      await enqueueEmail(tx, {
        to: owner.user.email,
        subject: `An offer from ${referral.lenderOrg.name}`,
        text: `${referral.lenderOrg.name} offered ${(disclosure.fundsProvidedCents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" })} with an estimated APR of ${(disclosure.estimatedAprBps / 100).toFixed(2)}%. Compare every offer, with its full cost, on your application page in TradeLift.`,
      });
    }
    return { ok: true };
  });
}

/** Everything a lender reviews — never the merchant's optional demographic answers. */
export async function getReferralForLender(db: Db, lenderOrgId: string, referralId: string) {
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
          documents: { select: { id: true, fileName: true, sizeBytes: true, contentType: true } },
        },
      },
      offers: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          amountCents: true,
          fundsProvidedCents: true,
          estimatedAprBps: true,
          totalRepaymentCents: true,
          expiresAt: true,
          createdAt: true,
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
  input: {
    lenderOrgId: string;
    referralId: string;
    question: string | null;
    documentType: string | null;
    actor: Actor;
    ip: string;
  },
): Promise<ReviewOutcome> {
  return db.$transaction(async (tx) => {
    const moved = await moveReferral(tx, { ...input, from: ["IN_REVIEW"], to: "INFO_REQUESTED" });
    if (!moved.ok) return moved;
    const request = await tx.infoRequest.create({
      data: {
        referralId: input.referralId,
        requestedById: input.actor.id,
        question: input.question,
        documentType: input.documentType,
        status: "OPEN",
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.info_requested",
      entityType: "Referral",
      entityId: input.referralId,
      summary: { infoRequestId: request.id, documentType: input.documentType },
      ip: input.ip,
    });
    const application = await tx.application.findUniqueOrThrow({
      where: { id: moved.referral.applicationId },
      select: { merchantId: true },
    });
    const people = await tx.merchantMember.findMany({
      where: { merchantId: application.merchantId },
      select: { user: { select: { email: true } } },
    });
    for (const person of people) {
      await enqueueEmail(tx, {
        to: person.user.email,
        subject: "A lender asked for more information",
        text: "A lender reviewing your TradeLift application asked a question or for a document. Answer it on your application page.",
      });
    }
    return { ok: true };
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
        status: true,
        referralId: true,
        referral: { select: { applicationId: true, lenderOrgId: true, status: true } },
      },
    });
    if (!request) return { ok: false, reason: "not-found" };
    const now = new Date();
    const answered = await tx.infoRequest.updateMany({
      where: { id: request.id, status: "OPEN" },
      data: { status: "ANSWERED", responseText: input.text, respondedAt: now, respondedById: input.actor.id },
    });
    if (answered.count !== 1)
      return { ok: false, reason: "conflict", message: "This request was already answered." };
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
      await tx.referral.updateMany({
        where: { id: request.referralId, status: "INFO_REQUESTED" },
        data: { status: "IN_REVIEW" },
      });
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.info_answered",
      entityType: "Referral",
      entityId: request.referralId,
      summary: { infoRequestId: request.id, document: Boolean(input.document) },
      ip: input.ip,
    });
    const people = await tx.lenderMember.findMany({
      where: { lenderOrgId: request.referral.lenderOrgId, deactivatedAt: null },
      select: { user: { select: { email: true } } },
    });
    for (const person of people) {
      await enqueueEmail(tx, {
        to: person.user.email,
        subject: "A merchant answered your request",
        text: "The merchant answered your request for information on TradeLift; the application is back in review.",
      });
    }
    return { ok: true };
  });
}

/** Assigns a referral to a member of the same lender: a lender admin assigns anyone, an underwriter only themselves. */
export async function assignReferral(
  db: Db,
  input: {
    lenderOrgId: string;
    referralId: string;
    assigneeId: string;
    actorLenderRole: string;
    actor: Actor;
    ip: string;
  },
): Promise<ReviewOutcome> {
  if (input.actorLenderRole !== "ADMIN" && input.assigneeId !== input.actor.id) {
    return {
      ok: false,
      reason: "conflict",
      message: "Only a lender admin assigns referrals to someone else.",
    };
  }
  return db.$transaction(async (tx) => {
    const member = await tx.lenderMember.findFirst({
      where: { userId: input.assigneeId, lenderOrgId: input.lenderOrgId, deactivatedAt: null },
      select: { userId: true },
    });
    if (!member) return { ok: false, reason: "conflict", message: "Choose an active member of your team." };
    const changed = await tx.referral.updateMany({
      where: { id: input.referralId, lenderOrgId: input.lenderOrgId },
      data: { assigneeId: member.userId },
    });
    if (changed.count !== 1) return { ok: false, reason: "not-found" };
    await recordAudit(tx, {
      actor: input.actor,
      action: "referral.assigned",
      entityType: "Referral",
      entityId: input.referralId,
      summary: { assigneeId: member.userId },
      ip: input.ip,
    });
    return { ok: true };
  });
}

/**
 * The bank evidence behind a referral's frozen score: monthly revenue for the 24 months up to the
 * score's as-of date, the NSF and overdraft items of its last 90 days, the accounts' balances, and
 * the referral's own history. Scoped to the lender the referral was made to.
 */
export async function bankEvidenceForReferral(db: Db, lenderOrgId: string, referralId: string) {
  const referral = await db.referral.findFirst({
    where: { id: referralId, lenderOrgId },
    select: {
      id: true,
      application: {
        select: { merchantId: true, submittedAt: true, scoreReport: { select: { asOfDate: true } } },
      },
    },
  });
  if (!referral) return null;
  const asOf = referral.application.scoreReport?.asOfDate ?? referral.application.submittedAt ?? new Date();
  const asOfDay = asOf.toISOString().slice(0, 10);
  const months = lastMonths(asOfDay, 24);
  const since = new Date(`${months[0]}-01T00:00:00.000Z`);
  const merchantId = referral.application.merchantId;
  const [bank, accounts, history] = await Promise.all([
    bankTransactionsBetween(db, {
      merchantId,
      from: new Date(since.getTime() - 7 * 86_400_000),
      to: asOf,
      depositoryOnly: true,
      postedOnly: true,
    }),
    db.bankAccount.findMany({
      where: { merchantId },
      select: {
        id: true,
        name: true,
        mask: true,
        subtype: true,
        currentBalanceCents: true,
        currency: true,
        balanceAsOf: true,
      },
    }),
    db.auditEvent.findMany({
      where: { entityType: "Referral", entityId: referralId },
      orderBy: { createdAt: "asc" },
      select: { id: true, action: true, createdAt: true, actor: { select: { name: true } } },
    }),
  ]);
  const revenue = monthlyRevenue(bank, months);
  const ninetyDaysBefore = new Date(asOf.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const nsfItems = bank
    .filter(
      (t) =>
        (t.categoryDetailed === "BANK_FEES_INSUFFICIENT_FUNDS" ||
          t.categoryDetailed === "BANK_FEES_OVERDRAFT_FEES") &&
        t.date >= ninetyDaysBefore,
    )
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .map((t) => ({ date: t.date, name: t.name, amountCents: t.amountCents }));
  return {
    asOf: asOfDay,
    revenue: months.map((month) => ({ month, cents: revenue.get(month) ?? 0 })),
    nsfItems,
    accounts,
    history: history.map((e) => ({
      id: e.id,
      action: e.action,
      at: e.createdAt,
      by: e.actor?.name ?? "TradeLift",
    })),
  };
}
