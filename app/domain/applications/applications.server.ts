// Applications: drafts, submission (freeze the score, match, refer, notify — or decline with an
// adverse-action notice), withdrawal. Every status change goes through the transition table and
// is written with its audit event in one transaction.

import { recordAudit } from "~/domain/audit/audit.server";
import { matchApplication } from "~/domain/matching/match";
import { loadMatchProducts, matchMerchantFrom } from "~/domain/matching/matching.server";
import { whyNotReasons } from "~/domain/matching/why-not";
import { issueNoMatchNotice } from "~/domain/notices/notices.server";
import { applicationWithdrawnEmail } from "~/domain/notifications/templates";
import { OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { orderHeldMessage } from "~/domain/orders/financing";
import { orderHolds } from "~/domain/orders/financing.server";
import { OPEN_RECEIVABLE_STATUSES, ORDER_STATUS_LABELS, type OrderStatus } from "~/domain/orders/orders";
import { referToLenders } from "~/domain/referrals/refer.server";
import { isEmbargoed, notFinanceableText } from "~/domain/sanctions/embargo";
import { screenApplication } from "~/domain/sanctions/screening.server";
import { currentScoreReport } from "~/domain/scoring/score.server";
import { copyAnswersAtSubmission } from "~/domain/section1071/section1071.server";
import { emitForReferrals } from "~/domain/webhooks/webhooks.server";
import { createInStatus, mustTransition, transition } from "~/domain/workflow/transition.server";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { ApplicationInput } from "./application";
import { endOpenReferrals } from "./end-referrals.server";
import { freezePackage } from "./package.server";
import { type MissingItem, missingForSubmission } from "./readiness";
import { emailReferralLenders } from "./team-mail.server";
import { APPLICATION_WORKFLOW, type ApplicationStatus, TransitionError, WITHDRAWABLE } from "./workflow";

type Actor = { id: string; role: string };
type Tx = Prisma.TransactionClient;

export class ApplicationInputError extends Error {
  constructor(
    readonly field: "orderIds",
    message: string,
  ) {
    super(message);
    this.name = "ApplicationInputError";
  }
}

/**
 * The chosen orders, checked: the merchant's own, still to be paid, and not held by another live
 * application or funded deal (drafts do not hold orders).
 */
async function availableOrders(
  db: Db | Tx,
  merchantId: string,
  orderIds: readonly string[],
  exceptApplicationId?: string,
) {
  if (orderIds.length === 0) return [];
  const ids = [...new Set(orderIds)];
  const orders = await db.exportOrder.findMany({
    where: { merchantId, id: { in: ids } },
    select: { id: true, poNumber: true, status: true, buyerCountry: true, buyerRegion: true },
  });
  if (orders.length !== ids.length)
    throw new ApplicationInputError("orderIds", "Choose among your open export orders.");
  const closed = orders.find((o) => !OPEN_RECEIVABLE_STATUSES.includes(o.status as OrderStatus));
  if (closed)
    throw new ApplicationInputError(
      "orderIds",
      `Order ${closed.poNumber} is ${ORDER_STATUS_LABELS[closed.status as OrderStatus]?.toLowerCase() ?? closed.status}: only orders still to be paid can be financed.`,
    );
  const embargoed = orders.find((o) => isEmbargoed(o));
  if (embargoed)
    throw new ApplicationInputError(
      "orderIds",
      `Order ${embargoed.poNumber}: ${notFinanceableText(embargoed)}`,
    );
  const holds = await orderHolds(db, { merchantId, orderIds: ids, exceptApplicationId });
  const held = [...holds.values()][0];
  if (held) throw new ApplicationInputError("orderIds", orderHeldMessage(held));
  return orders;
}

class SubmitRaceLost extends Error {
  constructor(readonly reason: "not-found" | "conflict") {
    super(`The submission lost its race: ${reason}`);
    this.name = "SubmitRaceLost";
  }
}

function draftFields(application: ApplicationInput) {
  return {
    requestedAmountCents: application.amount,
    purpose: application.purpose,
    productTypeWanted: application.productTypeWanted,
    tenorDays: application.tenorDays,
  };
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string }).code === "P2002";
}

export type DraftOutcome =
  | { status: "created"; id: string }
  | { status: "updated"; id: string }
  /** The form's key belongs to an application that was sent (or discarded) since: nothing changed. */
  | { status: "already-sent"; id: string };

/**
 * Saves the new-application form. The form carries a key made when it was shown: posting the same
 * key again (the browser's Back button, a double click, a replay) updates that draft instead of
 * creating a second one, and leaves an application that was sent meanwhile alone.
 */
export async function createDraft(
  db: Db,
  input: {
    merchantId: string;
    application: ApplicationInput;
    draftKey?: string | null;
    actor: Actor;
    ip: string;
  },
): Promise<DraftOutcome> {
  const draftKey = input.draftKey ?? null;
  const existing = async () =>
    draftKey
      ? db.application.findUnique({
          where: { merchantId_draftKey: { merchantId: input.merchantId, draftKey } },
          select: { id: true, status: true },
        })
      : null;
  const update = async (found: { id: string; status: string }): Promise<DraftOutcome> => {
    if (found.status !== "DRAFT") return { status: "already-sent", id: found.id };
    const updated = await updateDraft(db, { ...input, applicationId: found.id }).catch((error) => {
      if (error instanceof TransitionError) return false;
      throw error;
    });
    return updated ? { status: "updated", id: found.id } : { status: "already-sent", id: found.id };
  };
  const found = await existing();
  if (found) return update(found);
  const orders = await availableOrders(db, input.merchantId, input.application.orderIds);
  try {
    const created = await db.$transaction((tx) =>
      createInStatus(tx, APPLICATION_WORKFLOW, {
        status: "DRAFT",
        data: {
          merchantId: input.merchantId,
          ...draftFields(input.application),
          draftKey,
          orders: { create: orders.map((o) => ({ exportOrderId: o.id })) },
        },
        actor: input.actor,
        ip: input.ip,
        action: "application.draft_created",
        summary: { amountCents: input.application.amount, orders: orders.map((o) => o.poNumber) },
      }),
    );
    return { status: "created", id: created.id };
  } catch (error) {
    // The same form posted twice at once: the other post created the draft.
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing();
    if (!raced) throw error;
    return update(raced);
  }
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
  const orders = await availableOrders(db, input.merchantId, input.application.orderIds, input.applicationId);
  return db.$transaction(async (tx) => {
    const existing = await tx.application.findFirst({
      where: { id: input.applicationId, merchantId: input.merchantId },
      select: { status: true },
    });
    if (!existing) return false;
    if (existing.status !== "DRAFT")
      throw new TransitionError("Application", existing.status, "DRAFT", "application");
    await tx.application.update({
      where: { id: input.applicationId },
      data: draftFields(input.application),
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
      summary: { amountCents: input.application.amount, orders: orders.map((o) => o.poNumber) },
      ip: input.ip,
    });
    return true;
  });
}

/** The draft a new-application form's key saved, for showing its values again (Back button). */
export async function draftForKey(db: Db, merchantId: string, draftKey: string) {
  const found = await db.application.findUnique({
    where: { merchantId_draftKey: { merchantId, draftKey } },
    select: {
      id: true,
      status: true,
      requestedAmountCents: true,
      purpose: true,
      productTypeWanted: true,
      tenorDays: true,
      orders: { select: { exportOrderId: true } },
    },
  });
  return found;
}

/** What the merchant still has to provide before any application can be sent (readiness.ts). */
export async function missingToSubmit(db: Db, merchantId: string): Promise<MissingItem[]> {
  const merchant = await db.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: {
      legalName: true,
      einLast4: true,
      entityType: true,
      yearFounded: true,
      monthFounded: true,
      addressLine1: true,
      city: true,
      addressState: true,
      postalCode: true,
      beneficialOwners: { select: { ownershipBps: true } },
      bankConnections: { select: { status: true, historyStatus: true } },
      _count: { select: { salesRecords: true } },
    },
  });
  const { beneficialOwners, _count, ...facts } = merchant;
  return missingForSubmission({
    ...facts,
    ownerShares: beneficialOwners.map((owner) => owner.ownershipBps),
    salesRecords: _count.salesRecords,
  });
}

export type SubmitOutcome =
  | { status: "submitted"; referrals: number }
  | { status: "declined"; reasons: string[] }
  /** A name matched the sanctions list: an admin reviews it before any lender sees it. */
  | { status: "compliance-review" }
  | { status: "incomplete"; missing: MissingItem[] }
  | { status: "not-scoreable"; reason: string }
  | { status: "order-unavailable"; message: string }
  | { status: "already-submitted" }
  | { status: "not-found" };

/**
 * Submits a draft once: the guarded move from DRAFT lets exactly one of two simultaneous
 * submissions through. In the same transaction: the orders are checked to be in no other live
 * application or funded deal, the score report is frozen, the application package is written
 * (docs/design/application-package.md), and the referrals are created and their lenders told.
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
      merchant: {
        select: {
          legalName: true,
          yearFounded: true,
          monthFounded: true,
          annualRevenueCents: true,
          naicsCode: true,
          addressState: true,
        },
      },
      orders: {
        select: {
          exportOrder: {
            select: { id: true, buyerCountry: true, buyerRegion: true, paymentTerm: true, status: true },
          },
        },
      },
    },
  });
  if (!application) return { status: "not-found" };
  if (application.status !== "DRAFT") return { status: "already-submitted" };
  // Before anything is scored or written: an incomplete application is refused whole.
  const missing = await missingToSubmit(db, input.merchantId);
  if (missing.length > 0) return { status: "incomplete", missing };
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

  // The actor's name once, not once per audit event (the application's and each referral's).
  const user = await db.user.findUnique({ where: { id: input.actor.id }, select: { name: true } });
  const actor = { ...input.actor, name: user?.name ?? undefined };
  try {
    return await db.$transaction(async (tx) => {
      // Checked here, inside the write, so two applications submitted at once cannot both take
      // the same order.
      await availableOrders(
        tx,
        input.merchantId,
        application.orders.map((o) => o.exportOrder.id),
        application.id,
      );
      // Every party is screened first (docs/design/sanctions.md): a potential match holds it.
      const screening = await screenApplication(tx, {
        applicationId: application.id,
        merchantId: input.merchantId,
        actor,
        ip: input.ip,
      });
      const to = screening.hold ? "COMPLIANCE_REVIEW" : chosen.length > 0 ? "SUBMITTED" : "DECLINED";
      const moved = await transition(tx, APPLICATION_WORKFLOW, {
        id: application.id,
        scope: { merchantId: input.merchantId },
        from: ["DRAFT"],
        to,
        data: {
          submittedAt: now,
          scoreReportId: report.id,
          ...(to === "DECLINED" ? { decidedAt: now } : {}),
        },
        actor,
        ip: input.ip,
        action: "application.submitted",
        summary: {
          score: report.score,
          grade: report.grade,
          eligibleProducts: result.eligible.length,
          referrals: chosen.length,
        },
      });
      // Thrown, not returned, so that the screening just written is rolled back with it.
      if (!moved.ok) throw new SubmitRaceLost(moved.reason);
      // The Section 1071 answers become this application's register record (never in the package).
      await copyAnswersAtSubmission(tx, {
        applicationId: application.id,
        merchantId: input.merchantId,
        submittedAt: now,
      });
      await tx.scoreReport.update({ where: { id: report.id }, data: { frozenAt: now } });
      await freezePackage(tx, {
        applicationId: application.id,
        merchantId: input.merchantId,
        submittedAt: now,
        report,
        screening,
      });
      if (screening.hold) return { status: "compliance-review" as const };

      if (chosen.length === 0) {
        // Nobody was asked, so TradeLift sends the notice in its own name, and its reasons are the
        // lending criteria that failed, not score factors no lender acted on.
        const notice = await issueNoMatchNotice(tx, {
          applicationId: application.id,
          reasons: whyNotReasons(result),
          now,
          ip: input.ip,
        });
        return { status: "declined" as const, reasons: notice.reasons };
      }

      await referToLenders(tx, {
        applicationId: application.id,
        matches: chosen,
        score: report.score,
        grade: report.grade,
        merchantName: application.merchant.legalName,
        requestedAmountCents: application.requestedAmountCents,
        tenorDays: application.tenorDays,
        actor,
        ip: input.ip,
      });
      return { status: "submitted" as const, referrals: chosen.length };
    });
  } catch (error) {
    if (error instanceof ApplicationInputError)
      return { status: "order-unavailable", message: error.message };
    if (error instanceof SubmitRaceLost)
      return error.reason === "not-found" ? { status: "not-found" } : { status: "already-submitted" };
    throw error;
  }
}

/** Why the referrals of a withdrawn application were withdrawn. */
export const APPLICATION_WITHDRAWN = "APPLICATION_WITHDRAWN";

/**
 * The merchant ends its application before accepting an offer. A draft no lender saw is
 * DISCARDED (no one is told, because no one knew); a sent one is WITHDRAWN with its open
 * referrals (reason APPLICATION_WITHDRAWN) and pending offers, and those lenders are told.
 * `kind` says which the merchant asked for, so a page out of date cannot do the other.
 */
export async function withdrawApplication(
  db: Db,
  input: {
    merchantId: string;
    applicationId: string;
    kind?: "discard" | "withdraw";
    actor: Actor;
    ip: string;
    now?: Date;
  },
): Promise<
  | { ok: true; ended: "DISCARDED" | "WITHDRAWN" }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "not-allowed"; from: string; message: string }
> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, merchantId: input.merchantId },
      select: { status: true },
    });
    if (!application) return { ok: false as const, reason: "not-found" as const };
    const draft = application.status === "DRAFT";
    const refused = (message: string) => ({
      ok: false as const,
      reason: "not-allowed" as const,
      from: application.status,
      message,
    });
    if (input.kind === "discard" && !draft)
      return refused("This application was sent to lenders: withdraw it instead of discarding it.");
    if (input.kind === "withdraw" && draft) return refused("This is a draft: discard it instead.");
    if (!WITHDRAWABLE.includes(application.status as never))
      return refused(
        "An application with an accepted offer, or one that has ended, can no longer be withdrawn.",
      );
    const to = draft ? "DISCARDED" : "WITHDRAWN";
    const moved = await transition(tx, APPLICATION_WORKFLOW, {
      id: input.applicationId,
      scope: { merchantId: input.merchantId },
      from: [application.status as ApplicationStatus],
      to,
      data: { withdrawnAt: now },
      action: draft ? "application.discarded" : "application.withdrawn",
      actor: input.actor,
      ip: input.ip,
    });
    if (!moved.ok) return refused("This application changed meanwhile; reload the page.");
    if (draft) return { ok: true as const, ended: "DISCARDED" as const };
    const ended = await endOpenReferrals(tx, {
      applicationId: input.applicationId,
      to: "WITHDRAWN",
      statusReason: APPLICATION_WITHDRAWN,
      actor: input.actor,
      ip: input.ip,
      now,
    });
    const pending = await tx.offer.findMany({
      where: { applicationId: input.applicationId, status: "PENDING" },
      select: { id: true, referralId: true, lenderOrgId: true, fundsProvidedCents: true },
      orderBy: { id: "asc" },
    });
    for (const offer of pending) {
      await mustTransition(tx, OFFER_WORKFLOW, {
        id: offer.id,
        from: ["PENDING"],
        to: "WITHDRAWN",
        data: { withdrawnAt: now },
        actor: input.actor,
        ip: input.ip,
        summary: { fundsProvidedCents: offer.fundsProvidedCents, reason: APPLICATION_WITHDRAWN },
      });
    }
    const { legalName: merchantName } = await tx.merchant.findUniqueOrThrow({
      where: { id: input.merchantId },
      select: { legalName: true },
    });
    const told = [...ended, ...pending.map((o) => ({ id: o.referralId, lenderOrgId: o.lenderOrgId }))];
    await emitForReferrals(
      tx,
      told.filter((r, i) => told.findIndex((o) => o.id === r.id) === i),
      "application.withdrawn",
      (referralId) => ({ referralId, applicationId: input.applicationId, withdrawnAt: now.toISOString() }),
    );
    await emailReferralLenders(tx, told, (referralId) => ({
      template: applicationWithdrawnEmail({ merchantName, referralId }),
    }));
    return { ok: true as const, ended: "WITHDRAWN" as const };
  });
}

/** An application as a row of a list: the merchant's own, or the admins' list of all. */
export const APPLICATION_ROW_SELECT = {
  id: true,
  status: true,
  requestedAmountCents: true,
  productTypeWanted: true,
  tenorDays: true,
  submittedAt: true,
  createdAt: true,
  _count: { select: { referrals: true } },
} as const;

export async function listMerchantApplications(db: Db, merchantId: string) {
  return db.application.findMany({
    where: { merchantId },
    orderBy: { createdAt: "desc" },
    select: APPLICATION_ROW_SELECT,
  });
}

export type MerchantApplication = {
  id: string;
  status: string;
  requestedAmountCents: number;
  purpose: string;
  productTypeWanted: string;
  tenorDays: number;
  submittedAt: Date | null;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  orders: {
    exportOrder: {
      id: string;
      poNumber: string;
      buyerName: string;
      buyerCountry: string;
      amountCents: bigint;
      currency: string;
      paymentTerm: string;
      cancelledAt: Date | null;
      cancelReason: string | null;
    };
  }[];
  referrals: {
    id: string;
    status: string;
    /** Why it ended (PARTNER_SUSPENDED, OTHER_OFFER_ACCEPTED…), for the merchant's words. */
    statusReason: string | null;
    createdAt: Date;
    reviewStartedAt: Date | null;
    decidedAt: Date | null;
    lenderOrg: { name: string };
    product: { type: string; name: string };
    infoRequests: {
      id: string;
      question: string | null;
      documentType: string | null;
      status: string;
      responseText: string | null;
      createdAt: Date;
      respondedAt: Date | null;
      dueAt: Date | null;
      documents: { id: string; fileName: string }[];
    }[];
  }[];
  adverseActionNotices: { id: string; kind: string; creditorName: string; sentAt: Date }[];
  scoreReport: { score: number | null; grade: string | null; frozenAt: Date | null } | null;
};

/**
 * One of the merchant's applications as the merchant may see it: its orders, each lender's
 * referral with the lender's questions (never its notes or decline reasons), the adverse-action
 * notices and the frozen score. The merchant reads it on every visit of the application's page,
 * so it is five flat SQL statements (the query engine made ten, at several times the cost).
 */
export async function getMerchantApplication(
  db: Db,
  merchantId: string,
  applicationId: string,
): Promise<MerchantApplication | null> {
  const [application] = await db.$queryRaw<
    (Omit<MerchantApplication, "orders" | "referrals" | "adverseActionNotices" | "scoreReport"> & {
      scoreReportId: string | null;
      score: number | null;
      grade: string | null;
      frozenAt: Date | null;
    })[]
  >`
    SELECT a."id", a."status", a."requestedAmountCents", a."purpose", a."productTypeWanted", a."tenorDays",
           a."submittedAt", a."decidedAt", a."withdrawnAt", a."createdAt",
           sr."id" AS "scoreReportId", sr."score", sr."grade", sr."frozenAt"
    FROM "Application" a LEFT JOIN "ScoreReport" sr ON sr."id" = a."scoreReportId"
    WHERE a."id" = ${applicationId} AND a."merchantId" = ${merchantId}`;
  if (!application) return null;
  const [orders, referrals, notices] = await Promise.all([
    db.$queryRaw<MerchantApplication["orders"][number]["exportOrder"][]>`
      SELECT eo."id", eo."poNumber", eo."buyerName", eo."buyerCountry", eo."amountCents", eo."currency", eo."paymentTerm",
             eo."cancelledAt", eo."cancelReason"
      FROM "ApplicationOrder" ao JOIN "ExportOrder" eo ON eo."id" = ao."exportOrderId"
      WHERE ao."applicationId" = ${applicationId}
      ORDER BY ao."createdAt", ao."exportOrderId"`,
    db.$queryRaw<
      (Omit<MerchantApplication["referrals"][number], "lenderOrg" | "product" | "infoRequests"> & {
        lenderName: string;
        productType: string;
        productName: string;
      })[]
    >`
      SELECT r."id", r."status", r."statusReason", r."createdAt", r."reviewStartedAt", r."decidedAt",
             lo."name" AS "lenderName", lp."type" AS "productType", lp."name" AS "productName"
      FROM "Referral" r
      JOIN "LenderOrg" lo ON lo."id" = r."lenderOrgId"
      JOIN "LenderProduct" lp ON lp."id" = r."lenderProductId"
      WHERE r."applicationId" = ${applicationId}
      ORDER BY r."fitRank", r."id"`,
    db.$queryRaw<MerchantApplication["adverseActionNotices"]>`
      SELECT "id", "kind", "creditorName", "sentAt" FROM "AdverseActionNotice"
      WHERE "applicationId" = ${applicationId} ORDER BY "sentAt", "id"`,
  ]);
  const questions =
    referrals.length === 0
      ? []
      : await db.$queryRaw<
          (Omit<MerchantApplication["referrals"][number]["infoRequests"][number], "documents"> & {
            referralId: string;
            documentId: string | null;
            fileName: string | null;
          })[]
        >`
          SELECT ir."id", ir."referralId", ir."question", ir."documentType", ir."status", ir."responseText",
                 ir."createdAt", ir."respondedAt", ir."dueAt", d."id" AS "documentId", d."fileName"
          FROM "InfoRequest" ir LEFT JOIN "Document" d ON d."infoRequestId" = ir."id"
          WHERE ir."referralId" IN (${Prisma.join(referrals.map((r) => r.id))})
          ORDER BY ir."createdAt", ir."id", d."createdAt", d."id"`;
  const infoRequests = new Map<string, MerchantApplication["referrals"][number]["infoRequests"][number]>();
  const byReferral = new Map<string, MerchantApplication["referrals"][number]["infoRequests"]>();
  for (const row of questions) {
    let request = infoRequests.get(row.id);
    if (!request) {
      const { referralId, documentId: _documentId, fileName: _fileName, ...fields } = row;
      request = { ...fields, documents: [] };
      infoRequests.set(row.id, request);
      byReferral.set(referralId, [...(byReferral.get(referralId) ?? []), request]);
    }
    if (row.documentId && row.fileName !== null)
      request.documents.push({ id: row.documentId, fileName: row.fileName });
  }
  const { scoreReportId, score, grade, frozenAt, ...fields } = application;
  return {
    ...fields,
    orders: orders.map((exportOrder) => ({ exportOrder })),
    referrals: referrals.map(({ lenderName, productType, productName, ...referral }) => ({
      ...referral,
      lenderOrg: { name: lenderName },
      product: { type: productType, name: productName },
      infoRequests: byReferral.get(referral.id) ?? [],
    })),
    adverseActionNotices: notices,
    scoreReport: scoreReportId ? { score, grade, frozenAt } : null,
  };
}
