// Sending an application to the lenders whose products it matched: one referral per product,
// created through the referral table's guard with the frozen score and the match's detail, and an
// e-mail to every active member of those lenders. Used when an application is submitted and when
// it is matched again after losing its lenders (docs/design/matching.md).

import { emailReferralLenders } from "~/domain/applications/team-mail.server";
import { REFERRAL_WORKFLOW } from "~/domain/applications/workflow";
import type { AuditActor } from "~/domain/audit/audit.server";
import type { EligibleProduct } from "~/domain/matching/match";
import { formatMoney } from "~/domain/money";
import { newReferralEmail } from "~/domain/notifications/templates";
import { emitWebhookEvent } from "~/domain/webhooks/webhooks.server";
import { createInStatus } from "~/domain/workflow/transition.server";
import type { Prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;

export async function referToLenders(
  tx: Tx,
  input: {
    applicationId: string;
    matches: readonly EligibleProduct[];
    score: number | null;
    grade: string | null;
    merchantName: string;
    requestedAmountCents: number;
    tenorDays: number;
    actor: AuditActor;
    ip: string | null;
    /** Kept with each referral's audit event, e.g. why the application was matched again. */
    summary?: Record<string, unknown>;
  },
): Promise<void> {
  const referrals: { id: string; lenderOrgId: string }[] = [];
  for (const match of input.matches) {
    const created = await createInStatus(tx, REFERRAL_WORKFLOW, {
      status: "NEW",
      data: {
        applicationId: input.applicationId,
        lenderProductId: match.productId,
        lenderOrgId: match.lenderOrgId,
        fitRank: match.rank,
        score: input.score,
        grade: input.grade,
        matchDetailJson: JSON.stringify({
          indicativeAprBps: match.indicativeAprBps,
          indicativePriceBps: match.indicativePriceBps,
          scoreHeadroom: match.scoreHeadroom,
        }),
      },
      action: "referral.created",
      summary: {
        applicationId: input.applicationId,
        lenderOrgId: match.lenderOrgId,
        productId: match.productId,
        fitRank: match.rank,
        ...input.summary,
      },
      actor: input.actor,
      ip: input.ip,
    });
    referrals.push({ id: created.id, lenderOrgId: match.lenderOrgId });
    await emitWebhookEvent(tx, {
      lenderOrgId: match.lenderOrgId,
      type: "referral.created",
      data: {
        referralId: created.id,
        applicationId: input.applicationId,
        lenderProductId: match.productId,
        requestedAmountCents: input.requestedAmountCents,
        currency: "USD",
        tenorDays: input.tenorDays,
        score: input.score,
        grade: input.grade,
      },
    });
  }
  const amount = formatMoney(input.requestedAmountCents);
  await emailReferralLenders(tx, referrals, (referralId) => ({
    template: newReferralEmail({
      merchantName: input.merchantName,
      amount,
      tenorDays: input.tenorDays,
      score: input.score,
      grade: input.grade,
      referralId,
    }),
  }));
}
