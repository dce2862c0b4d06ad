// Applications: drafts, submission (freeze the score, match, refer, notify — or decline with an
// adverse-action notice), withdrawal. Every status change goes through the transition table and
// is written with its audit event in one transaction.
import { recordAudit } from "~/domain/audit/audit.server";
import { matchApplication } from "~/domain/matching/match";
import { loadMatchProducts, matchMerchantFrom } from "~/domain/matching/matching.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { OPEN_RECEIVABLE_STATUSES } from "~/domain/orders/orders";
import { currentScoreReport } from "~/domain/scoring/score.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { issueAdverseActionNotice } from "./adverse-action.server";
import type { ApplicationInput } from "./application";
import { assertApplicationTransition, TransitionError, WITHDRAWABLE } from "./workflow";

type Actor = { id: string; role: string };

export class ApplicationInputError extends Error {
  constructor(
    readonly field: "orderIds",
    message: string,
  ) {
    super(message);
    this.name = "ApplicationInputError";
  }
}

async function ownOpenOrders(db: Db, merchantId: string, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  const orders = await db.exportOrder.findMany({
    where: { merchantId, id: { in: [...orderIds] }, status: { in: [...OPEN_RECEIVABLE_STATUSES] } },
    select: { id: true },
  });
  if (orders.length !== new Set(orderIds).size)
    throw new ApplicationInputError("orderIds", "Choose among your open export orders.");
  return orders;
}

export async function createDraft(
  db: Db,
  input: { merchantId: string; application: ApplicationInput; actor: Actor; ip: string },
) {
  const orders = await ownOpenOrders(db, input.merchantId, input.application.orderIds);
  return db.$transaction(async (tx) => {
    const created = await tx.application.create({
      data: {
        merchantId: input.merchantId,
        requestedAmountCents: input.application.amount,
        purpose: input.application.purpose,
        productTypeWanted: input.application.productTypeWanted,
        tenorDays: input.application.tenorDays,
        status: "DRAFT",
        orders: { create: orders.map((o) => ({ exportOrderId: o.id })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "application.draft_created",
      entityType: "Application",
      entityId: created.id,
      ip: input.ip,
    });
    return created;
  });
}

export async function updateDraft(
  db: Db,
  input: {
    merchantId: string;
    applicationId: string;
    application: ApplicationInput;
    actor: Actor;
    ip: string;
  },
) {
  const orders = await ownOpenOrders(db, input.merchantId, input.application.orderIds);
  return db.$transaction(async (tx) => {
    const existing = await tx.application.findFirst({
      where: { id: input.applicationId, merchantId: input.merchantId },
      select: { status: true },
    });
    if (!existing) return false;
    if (existing.status !== "DRAFT") throw new TransitionError("application", existing.status, "DRAFT");
    await tx.application.update({
      where: { id: input.applicationId },
      data: {
        requestedAmountCents: input.application.amount,
        purpose: input.application.purpose,
        productTypeWanted: input.application.productTypeWanted,
        tenorDays: input.application.tenorDays,
      },
    });
    await tx.applicationOrder.deleteMany({ where: { applicationId: input.applicationId } });
    if (orders.length > 0) {
      await tx.applicationOrder.createMany({
        data: orders.map((o) => ({ applicationId: input.applicationId, exportOrderId: o.id })),
      });
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: "application.draft_updated",
      entityType: "Application",
      entityId: input.applicationId,
      ip: input.ip,
    });
    return true;
  });
}

export type SubmitOutcome =
  | { status: "submitted"; referrals: number }
  | { status: "declined"; reasons: string[] }
  | { status: "not-scoreable"; reason: string }
  | { status: "already-submitted" }
  | { status: "not-found" };

/**
 * Submits a draft once: the conditional update on DRAFT lets exactly one of two simultaneous
 * submissions through. The score report is frozen as the application's evidence.
 */
export async function submitApplication(
  db: Db,
  input: { merchantId: string; applicationId: string; actor: Actor; ip: string; now?: Date },
): Promise<SubmitOutcome> {
  const now = input.now ?? new Date();
  const application = await db.application.findFirst({
    where: { id: input.applicationId, merchantId: input.merchantId },
    select: {
      id: true,
      status: true,
      requestedAmountCents: true,
      productTypeWanted: true,
      tenorDays: true,
      merchant: { select: { legalName: true, yearFounded: true, annualRevenueCents: true, naicsCode: true } },
      orders: {
        select: { exportOrder: { select: { buyerCountry: true, paymentTerm: true, status: true } } },
      },
    },
  });
  if (!application) return { status: "not-found" };
  if (application.status !== "DRAFT") return { status: "already-submitted" };
  const report = await currentScoreReport(db, input.merchantId, now);
  if (!report.scoreable)
    return { status: "not-scoreable", reason: report.notScoreableReason ?? "Not enough data for a score." };

  const merchant = matchMerchantFrom({
    score: report.score,
    avgMonthlyRevenueCents: report.features.avgMonthlyRevenueCents,
    ...application.merchant,
    today: now,
  });
  const products = await loadMatchProducts(db, { onlyActive: true });
  const result = matchApplication(
    {
      amountCents: application.requestedAmountCents,
      productType: application.productTypeWanted as Parameters<typeof matchApplication>[0]["productType"],
      tenorDays: application.tenorDays,
      orders: application.orders.map((o) => o.exportOrder),
    },
    merchant,
    products,
  );
  const chosen = result.eligible.slice(0, env().MAX_REFERRALS_PER_APPLICATION);

  return db.$transaction(async (tx) => {
    const to = chosen.length > 0 ? "SUBMITTED" : "DECLINED";
    assertApplicationTransition("DRAFT", to);
    const claimed = await tx.application.updateMany({
      where: { id: application.id, merchantId: input.merchantId, status: "DRAFT" },
      data: {
        status: to,
        submittedAt: now,
        scoreReportId: report.id,
        ...(to === "DECLINED" ? { decidedAt: now } : {}),
      },
    });
    if (claimed.count !== 1) return { status: "already-submitted" as const };
    await tx.scoreReport.update({ where: { id: report.id }, data: { frozenAt: now } });
    await recordAudit(tx, {
      actor: input.actor,
      action: "application.submitted",
      entityType: "Application",
      entityId: application.id,
      summary: {
        score: report.score,
        grade: report.grade,
        eligibleProducts: result.eligible.length,
        referrals: chosen.length,
      },
      ip: input.ip,
    });

    if (chosen.length === 0) {
      const reasons = report.reasons.map((r) => r.text).slice(0, 4);
      const notice = [
        ...reasons,
        ...(reasons.length < 4
          ? [
              "No lending partner's products fit the amount, term, orders and business profile of this application.",
            ]
          : []),
      ].slice(0, 4);
      await issueAdverseActionNotice(tx, {
        applicationId: application.id,
        merchantId: input.merchantId,
        requestedAmountCents: application.requestedAmountCents,
        creditors: [],
        reasons: notice,
        now,
        ip: input.ip,
      });
      return { status: "declined" as const, reasons: notice };
    }

    for (const match of chosen) {
      await tx.referral.create({
        data: {
          applicationId: application.id,
          lenderProductId: match.productId,
          lenderOrgId: match.lenderOrgId,
          fitRank: match.rank,
          status: "NEW",
          score: report.score,
          grade: report.grade,
          matchDetailJson: JSON.stringify({
            indicativeAprBps: match.indicativeAprBps,
            indicativePriceBps: match.indicativePriceBps,
            scoreHeadroom: match.scoreHeadroom,
          }),
        },
      });
    }
    const lenderPeople = await tx.lenderMember.findMany({
      where: { lenderOrgId: { in: [...new Set(chosen.map((c) => c.lenderOrgId))] }, deactivatedAt: null },
      select: { user: { select: { email: true } } },
    });
    for (const person of lenderPeople) {
      await enqueueEmail(tx, {
        to: person.user.email,
        subject: "A new application is in your TradeLift queue",
        text: `${application.merchant.legalName} applied for ${(application.requestedAmountCents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" })} over ${application.tenorDays} days, with a Trade Readiness Score of ${report.score} (grade ${report.grade}). It matches one of your products and is waiting in your review queue.`,
      });
    }
    return { status: "submitted" as const, referrals: chosen.length };
  });
}

export async function withdrawApplication(
  db: Db,
  input: { merchantId: string; applicationId: string; actor: Actor; ip: string },
) {
  return db.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, merchantId: input.merchantId },
      select: { status: true },
    });
    if (!application) return { ok: false as const, reason: "not-found" as const };
    if (!WITHDRAWABLE.includes(application.status as never))
      return { ok: false as const, reason: "not-allowed" as const, from: application.status };
    const now = new Date();
    const changed = await tx.application.updateMany({
      where: { id: input.applicationId, status: application.status },
      data: { status: "WITHDRAWN", withdrawnAt: now },
    });
    if (changed.count !== 1)
      return { ok: false as const, reason: "not-allowed" as const, from: application.status };
    await tx.referral.updateMany({
      where: {
        applicationId: input.applicationId,
        status: { in: ["NEW", "IN_REVIEW", "INFO_REQUESTED", "OFFERED"] },
      },
      data: { status: "WITHDRAWN", decidedAt: now },
    });
    await tx.offer.updateMany({
      where: { applicationId: input.applicationId, status: "PENDING" },
      data: { status: "WITHDRAWN", withdrawnAt: now },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "application.withdrawn",
      entityType: "Application",
      entityId: input.applicationId,
      summary: { from: application.status },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

export async function listMerchantApplications(db: Db, merchantId: string) {
  return db.application.findMany({
    where: { merchantId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      status: true,
      requestedAmountCents: true,
      productTypeWanted: true,
      tenorDays: true,
      submittedAt: true,
      createdAt: true,
      _count: { select: { referrals: true } },
    },
  });
}

export async function getMerchantApplication(db: Db, merchantId: string, applicationId: string) {
  return db.application.findFirst({
    where: { id: applicationId, merchantId },
    select: {
      id: true,
      status: true,
      requestedAmountCents: true,
      purpose: true,
      productTypeWanted: true,
      tenorDays: true,
      submittedAt: true,
      decidedAt: true,
      withdrawnAt: true,
      createdAt: true,
      orders: {
        select: {
          exportOrder: {
            select: {
              id: true,
              poNumber: true,
              buyerName: true,
              buyerCountry: true,
              amountCents: true,
              currency: true,
              paymentTerm: true,
            },
          },
        },
      },
      referrals: {
        orderBy: { fitRank: "asc" },
        // Never the lender's notes or decline reasons: only what the merchant may see.
        select: {
          id: true,
          status: true,
          createdAt: true,
          reviewStartedAt: true,
          decidedAt: true,
          lenderOrg: { select: { name: true } },
          product: { select: { type: true } },
          infoRequests: {
            orderBy: { createdAt: "asc" },
            select: {
              id: true,
              question: true,
              documentType: true,
              status: true,
              responseText: true,
              createdAt: true,
              respondedAt: true,
              documents: { select: { id: true, fileName: true } },
            },
          },
        },
      },
      adverseActionNotices: { select: { reasonsJson: true, creditorsJson: true, sentAt: true } },
      scoreReport: { select: { score: true, grade: true, frozenAt: true } },
    },
  });
}
