// What happens to an application when its referrals move: it follows its lenders (in review,
// offered), is matched again when it lost its lenders to a partner's suspension, and ends when no
// lender is left to act (docs/design/workflows.md, docs/design/matching.md).
import { type AuditActor, recordAudit } from "~/domain/audit/audit.server";
import { matchApplication } from "~/domain/matching/match";
import { loadMatchProducts, matchMerchantFrom } from "~/domain/matching/matching.server";
import { issueEndNotices } from "~/domain/notices/notices.server";
import { referToLenders } from "~/domain/referrals/refer.server";
import { canMove } from "~/domain/workflow/machine";
import { type MoveData, transition } from "~/domain/workflow/transition.server";
import type { Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { APPLICATION_WORKFLOW, REFERRAL_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;

type Actor = AuditActor;

/**
 * Moves the application along with its lenders (in review, offered, declined) when its table
 * allows it from where it is; a no-op when it is already there or has moved on.
 */
export async function moveApplicationIfAllowed(
  tx: Tx,
  input: {
    applicationId: string;
    to: "IN_REVIEW" | "OFFERED" | "DECLINED";
    data?: MoveData;
    actor: Actor;
    ip: string | null;
    summary?: Record<string, unknown>;
  },
): Promise<boolean> {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: input.applicationId },
    select: { status: true },
  });
  if (application.status === input.to || !canMove(APPLICATION_WORKFLOW, application.status, input.to))
    return false;
  // An application with a live offer waits for its merchant's answer: another lender starting its
  // review (or asking a question) must not take it back to review and hide the offers' Accept.
  if (application.status === "OFFERED" && input.to === "IN_REVIEW") {
    const live = await tx.offer.count({
      where: { applicationId: input.applicationId, status: "PENDING", expiresAt: { gt: new Date() } },
    });
    if (live > 0) return false;
  }
  const moved = await transition(tx, APPLICATION_WORKFLOW, {
    id: input.applicationId,
    to: input.to,
    data: input.data,
    actor: input.actor,
    ip: input.ip,
    summary: input.summary,
  });
  return moved.ok;
}

/**
 * After an offer ended without acceptance (declined by the merchant, withdrawn by the lender,
 * expired): its referral goes back to review, where the lender may offer again or decline, and
 * an application left with no pending offer goes back to review too.
 */
export async function afterOfferEnded(
  tx: Tx,
  input: { referralId: string; applicationId: string; actor: Actor; ip: string | null },
): Promise<void> {
  const referral = await tx.referral.findUniqueOrThrow({
    where: { id: input.referralId },
    select: { status: true, lenderOrg: { select: { status: true } } },
  });
  if (referral.status === "OFFERED" && referral.lenderOrg.status === "SUSPENDED") {
    // A suspended partner's offer stays valid while it lasts; once it ended, the partner cannot
    // decide again, so its referral is withdrawn and the application settles (re-matched or
    // declined) rather than wait on a lender that cannot act.
    await transition(tx, REFERRAL_WORKFLOW, {
      id: input.referralId,
      from: ["OFFERED"],
      to: "WITHDRAWN",
      data: { statusReason: PARTNER_SUSPENDED, decidedAt: new Date() },
      action: "referral.withdrawn",
      summary: { reason: PARTNER_SUSPENDED },
      actor: input.actor,
      ip: input.ip,
    });
    await settleApplication(tx, { applicationId: input.applicationId, actor: input.actor, ip: input.ip });
  }
  if (referral.status === "OFFERED" && referral.lenderOrg.status !== "SUSPENDED") {
    await transition(tx, REFERRAL_WORKFLOW, {
      id: input.referralId,
      from: ["OFFERED"],
      to: "IN_REVIEW",
      action: "referral.offer_ended",
      actor: input.actor,
      ip: input.ip,
    });
  }
  // Offers past their time count as ended already, whether or not the job has written so.
  const pending = await tx.offer.count({
    where: { applicationId: input.applicationId, status: "PENDING", expiresAt: { gt: new Date() } },
  });
  const application = await tx.application.findUniqueOrThrow({
    where: { id: input.applicationId },
    select: { status: true },
  });
  if (pending === 0 && application.status === "OFFERED") {
    await moveApplicationIfAllowed(tx, {
      applicationId: input.applicationId,
      to: "IN_REVIEW",
      actor: input.actor,
      ip: input.ip,
    });
  }
}

/** A referral in one of these will not act any more. */
const ENDED_REFERRALS = ["DECLINED", "WITHDRAWN", "CLOSED"];

/** Why a referral was withdrawn when its partner was suspended (Referral.statusReason). */
export const PARTNER_SUSPENDED = "PARTNER_SUSPENDED";

/**
 * Called whenever one of an application's referrals ends. While any referral is open, nothing
 * happens. When none is left and no offer was accepted: if a partner's suspension took some of
 * them, the application is matched again to the remaining eligible products (lenders it was not
 * referred to yet) and sent to them; otherwise, or when none is eligible, it is declined with an
 * notice from each creditor (app/domain/notices). It never sits open with no one to act.
 */
export async function settleApplication(
  tx: Tx,
  input: { applicationId: string; actor: Actor; ip: string | null },
) {
  const { applicationId, ip } = input;
  const referrals = await tx.referral.findMany({
    where: { applicationId },
    select: { status: true, statusReason: true, lenderOrgId: true },
  });
  if (referrals.some((r) => !ENDED_REFERRALS.includes(r.status))) return;
  const now = new Date();
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { status: true },
  });
  if (!canMove(APPLICATION_WORKFLOW, application.status, "DECLINED")) return;
  const lostToSuspension = referrals.some(
    (r) => r.status === "WITHDRAWN" && r.statusReason === PARTNER_SUSPENDED,
  );
  if (
    lostToSuspension &&
    (await rematch(tx, { ...input, now, alreadyReferred: referrals.map((r) => r.lenderOrgId) })) > 0
  )
    return;
  if (
    !(await moveApplicationIfAllowed(tx, {
      applicationId,
      to: "DECLINED",
      data: { decidedAt: now },
      actor: input.actor,
      ip,
    }))
  )
    return;
  // Each creditor that took adverse action sends its own notice, with its own reasons; TradeLift
  // sends one when the lenders were lost to a suspension (docs/decisions/0009-notices-per-creditor.md).
  await issueEndNotices(tx, { applicationId, end: "DECLINED", now, ip });
}

/**
 * Matches a submitted application again, on its frozen score and the orders it was submitted
 * with, to the ACTIVE products of ACTIVE partners it was not referred to yet (one lender that
 * already had it, whatever it did, is not asked twice); creates the new referrals and tells those
 * lenders. Returns how many referrals were made.
 */
async function rematch(
  tx: Tx,
  input: { applicationId: string; actor: Actor; ip: string | null; now: Date; alreadyReferred: string[] },
): Promise<number> {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: input.applicationId },
    select: {
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
      scoreReport: { select: { score: true, grade: true, featuresJson: true } },
      orders: {
        select: { exportOrder: { select: { buyerCountry: true, buyerRegion: true, paymentTerm: true } } },
      },
    },
  });
  const report = application.scoreReport;
  if (!report) return 0;
  const features = JSON.parse(report.featuresJson) as { avgMonthlyRevenueCents?: number | null };
  const merchant = matchMerchantFrom({
    score: report.score,
    avgMonthlyRevenueCents: features.avgMonthlyRevenueCents ?? null,
    ...application.merchant,
    today: input.now,
  });
  const products = (await loadMatchProducts(tx, { onlyActive: true })).filter(
    (p) => !input.alreadyReferred.includes(p.lenderOrgId),
  );
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
  if (chosen.length === 0) return 0;
  await referToLenders(tx, {
    applicationId: input.applicationId,
    matches: chosen,
    score: report.score,
    grade: report.grade,
    merchantName: application.merchant.legalName,
    requestedAmountCents: application.requestedAmountCents,
    tenorDays: application.tenorDays,
    actor: input.actor,
    ip: input.ip,
    summary: { rematched: true },
  });
  // Every referral had ended, so no offer is live: an application still marked OFFERED is back
  // in review with its new lenders.
  if (application.status === "OFFERED")
    await moveApplicationIfAllowed(tx, {
      applicationId: input.applicationId,
      to: "IN_REVIEW",
      actor: input.actor,
      ip: input.ip,
    });
  await recordAudit(tx, {
    actor: input.actor,
    action: "application.rematched",
    entityType: "Application",
    entityId: input.applicationId,
    summary: { reason: PARTNER_SUSPENDED, referrals: chosen.length },
    ip: input.ip,
  });
  return chosen.length;
}
