// Ending the referrals of an application that its merchant ended (withdrawn) or settled with one
// lender (another offer accepted): each open referral gets a status and a reason of its own, the
// lender's unanswered questions are cancelled, and its people are told (docs/design/workflows.md).
import type { AuditActor } from "~/domain/audit/audit.server";
import { INFO_REQUEST_WORKFLOW } from "~/domain/referrals/workflow";
import { mustTransition } from "~/domain/workflow/transition.server";
import type { Prisma } from "~/utils/db.server";
import { OPEN_REFERRAL_STATUSES, REFERRAL_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;

export type EndedReferral = { id: string; lenderOrgId: string; from: string };

/**
 * Moves every open referral of the application but `exceptReferralId` to `to`, with its reason,
 * in the caller's transaction; returns the referrals it ended.
 */
export async function endOpenReferrals(
  tx: Tx,
  input: {
    applicationId: string;
    exceptReferralId?: string;
    to: "CLOSED" | "WITHDRAWN";
    statusReason: string;
    actor: AuditActor;
    ip: string | null;
    now: Date;
  },
): Promise<EndedReferral[]> {
  const open = await tx.referral.findMany({
    where: {
      applicationId: input.applicationId,
      status: { in: [...OPEN_REFERRAL_STATUSES] },
      ...(input.exceptReferralId ? { id: { not: input.exceptReferralId } } : {}),
    },
    select: {
      id: true,
      lenderOrgId: true,
      infoRequests: { where: { status: "OPEN" }, select: { id: true } },
    },
    orderBy: { id: "asc" },
  });
  const ended: EndedReferral[] = [];
  for (const referral of open) {
    const from = await mustTransition(tx, REFERRAL_WORKFLOW, {
      id: referral.id,
      to: input.to,
      data: { statusReason: input.statusReason, decidedAt: input.now },
      actor: input.actor,
      ip: input.ip,
      summary: { applicationId: input.applicationId, reason: input.statusReason },
    });
    for (const question of referral.infoRequests) {
      await mustTransition(tx, INFO_REQUEST_WORKFLOW, {
        id: question.id,
        to: "CANCELLED",
        actor: input.actor,
        ip: input.ip,
        summary: { referralId: referral.id, reason: input.statusReason },
      });
    }
    ended.push({ id: referral.id, lenderOrgId: referral.lenderOrgId, from });
  }
  return ended;
}
