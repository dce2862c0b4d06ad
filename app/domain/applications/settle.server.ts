// What happens to an application when its referrals move: it follows its lenders (in review,
// offered) and ends when no lender is left to act.
import { issueAdverseActionNotice } from "~/domain/applications/adverse-action.server";
import { DECLINE_REASONS, type DeclineReason } from "~/domain/referrals/decline-reasons";
import { assertMove } from "~/domain/workflow/machine";
import type { Prisma } from "~/utils/db.server";
import { APPLICATION_WORKFLOW, canApplicationMove } from "./workflow";

type Tx = Prisma.TransactionClient;

export async function moveApplicationIfAllowed(
  tx: Tx,
  applicationId: string,
  to: "IN_REVIEW" | "OFFERED" | "DECLINED",
  data: Prisma.ApplicationUpdateManyMutationInput = {},
) {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { status: true },
  });
  if (application.status === to || !canApplicationMove(application.status, to)) return false;
  assertMove(APPLICATION_WORKFLOW, application.status, to);
  const changed = await tx.application.updateMany({
    where: { id: applicationId, status: application.status },
    data: { status: to, ...data },
  });
  return changed.count === 1;
}

/**
 * Called whenever one of an application's referrals ends: when none is left open and no offer
 * was accepted, the application is declined with an adverse-action notice.
 */
export async function settleApplication(tx: Tx, input: { applicationId: string; ip: string }) {
  const { applicationId, ip } = input;
  const referrals = await tx.referral.findMany({
    where: { applicationId },
    select: { status: true, declineReasonsJson: true, lenderOrg: { select: { name: true } } },
  });
  if (referrals.some((r) => !["DECLINED", "WITHDRAWN"].includes(r.status))) return;
  const now = new Date();
  if (!(await moveApplicationIfAllowed(tx, applicationId, "DECLINED", { decidedAt: now }))) return;
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
    ip,
  });
}
