// What happens to an application when its referrals move: it follows its lenders (in review,
// offered) and ends when no lender is left to act.
import { issueAdverseActionNotice } from "~/domain/applications/adverse-action.server";
import type { AuditActor } from "~/domain/audit/audit.server";
import { DECLINE_REASONS, type DeclineReason } from "~/domain/referrals/decline-reasons";
import { canMove } from "~/domain/workflow/machine";
import { type MoveData, transition } from "~/domain/workflow/transition.server";
import type { Prisma } from "~/utils/db.server";
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
    select: { status: true },
  });
  if (referral.status === "OFFERED") {
    await transition(tx, REFERRAL_WORKFLOW, {
      id: input.referralId,
      from: ["OFFERED"],
      to: "IN_REVIEW",
      action: "referral.offer_ended",
      actor: input.actor,
      ip: input.ip,
    });
  }
  const pending = await tx.offer.count({ where: { applicationId: input.applicationId, status: "PENDING" } });
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

/**
 * Called whenever one of an application's referrals ends: when none is left open and no offer
 * was accepted, the application is declined with an adverse-action notice.
 */
export async function settleApplication(
  tx: Tx,
  input: { applicationId: string; actor: Actor; ip: string | null },
) {
  const { applicationId, ip } = input;
  const referrals = await tx.referral.findMany({
    where: { applicationId },
    select: { status: true, declineReasonsJson: true, lenderOrg: { select: { name: true } } },
  });
  if (referrals.some((r) => !["DECLINED", "WITHDRAWN"].includes(r.status))) return;
  const now = new Date();
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
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { merchantId: true, requestedAmountCents: true, scoreReport: { select: { reasonsJson: true } } },
  });
  const lenderReasons = referrals.flatMap((r) =>
    (JSON.parse(r.declineReasonsJson) as DeclineReason[])
      .map((code) => DECLINE_REASONS[code])
      .filter(Boolean),
  );
  const scoreReasons = (JSON.parse(application.scoreReport?.reasonsJson ?? "[]") as { text: string }[]).map(
    (r) => r.text,
  );
  const reasons = [...new Set([...lenderReasons, ...scoreReasons])].slice(0, 4);
  const creditors = [
    ...new Set(referrals.filter((r) => r.status === "DECLINED").map((r) => r.lenderOrg.name)),
  ];
  await issueAdverseActionNotice(tx, {
    applicationId,
    merchantId: application.merchantId,
    requestedAmountCents: application.requestedAmountCents,
    creditors,
    reasons,
    now,
    ip: ip ?? undefined,
  });
}
