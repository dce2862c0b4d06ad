// Scheduled duties, run by every app server (docs/deploy.md), never doing a thing twice: each row
// is first claimed in the job's transaction (claims.server.ts: FOR UPDATE SKIP LOCKED on
// PostgreSQL), and every step is a move through its workflow's guard, a conditional update on the
// row's status, so only one server wins each row (docs/design/workflows.md).

import { sweepExpiredReveals } from "~/domain/accounts/one-time-reveal.server";
import { sweepIdempotencyKeys } from "~/domain/api/idempotency.server";
import { emailMerchantTeam } from "~/domain/applications/team-mail.server";
import {
  APPLICATION_WORKFLOW,
  type ApplicationStatus,
  REFERRAL_WORKFLOW,
} from "~/domain/applications/workflow";
import { resumeInterruptedSyncs } from "~/domain/bank/sync.server";
import {
  issueEndNotices,
  sendDueDeclineNotices,
  sendIncompletenessNotices,
} from "~/domain/notices/notices.server";
import { deliverPendingEmails } from "~/domain/notifications/outbox.server";
import { applicationExpiredEmail } from "~/domain/notifications/templates";
import { expireOffer } from "~/domain/referrals/offer-life.server";
import { cancelOpenInfoRequests } from "~/domain/referrals/referrals.server";
import { sweepOrphanUploads } from "~/domain/referrals/uploads.server";
import { runServicingJobs } from "~/domain/servicing/jobs.server";
import { deliverPendingWebhooks } from "~/domain/webhooks/delivery.server";
import { emitForReferrals } from "~/domain/webhooks/webhooks.server";
import { transition } from "~/domain/workflow/transition.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { claimRow } from "./claims.server";

/**
 * Offers past their expiry become EXPIRED through the offer's table, their referrals go back to
 * review, and both parties are told. Readers already treat such an offer as expired (see
 * effectiveOfferStatus); this makes the row agree. Idempotent: an offer already ended is skipped.
 */
export async function expireOffers(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db.offer.findMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    select: { id: true },
    take: 500,
  });
  let expired = 0;
  for (const offer of due) {
    const done = await db.$transaction(
      async (tx) => (await claimRow(tx, "Offer", offer.id)) && expireOffer(tx, offer.id, now),
    );
    if (done) expired += 1;
  }
  return expired;
}

/**
 * Applications with no decision after APPLICATION_STALE_DAYS expire: their open referrals are
 * closed (their open requests cancelled), each creditor that declined, made a counteroffer that
 * was not taken, or left it undecided sends its notice (issueEndNotices), and the merchant is told
 * in words that match what happened.
 */
export async function expireStaleApplications(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - env().APPLICATION_STALE_DAYS * 86_400_000);
  const stale = await db.application.findMany({
    where: {
      OR: [
        { status: { in: ["SUBMITTED", "IN_REVIEW"] }, submittedAt: { lte: cutoff } },
        { status: "OFFERED", submittedAt: { lte: cutoff }, offers: { none: { status: "PENDING" } } },
      ],
    },
    select: { id: true, status: true, merchantId: true },
    take: 500,
  });
  let expired = 0;
  for (const application of stale) {
    const done = await db.$transaction(async (tx) => {
      if (!(await claimRow(tx, "Application", application.id))) return false;
      const moved = await transition(tx, APPLICATION_WORKFLOW, {
        id: application.id,
        from: [application.status as ApplicationStatus],
        to: "EXPIRED",
        data: { decidedAt: now, statusReason: "STALE" },
        action: "application.expired",
        actor: null,
      });
      if (!moved.ok) return false;
      const open = await tx.referral.findMany({
        where: {
          applicationId: application.id,
          status: { in: ["NEW", "IN_REVIEW", "INFO_REQUESTED", "OFFERED"] },
        },
        select: { id: true, lenderOrgId: true },
      });
      for (const referral of open) {
        await transition(tx, REFERRAL_WORKFLOW, {
          id: referral.id,
          to: "CLOSED",
          data: { decidedAt: now, statusReason: "APPLICATION_EXPIRED" },
          action: "referral.closed",
          summary: { reason: "APPLICATION_EXPIRED" },
          actor: null,
        });
        await cancelOpenInfoRequests(tx, { referralId: referral.id, actor: null, ip: null });
      }
      await emitForReferrals(tx, open, "application.ended", (referralId) => ({
        referralId,
        applicationId: application.id,
        reason: "APPLICATION_EXPIRED",
        endedAt: now.toISOString(),
      }));
      const days = env().APPLICATION_STALE_DAYS;
      const notices = await issueEndNotices(tx, {
        applicationId: application.id,
        end: "EXPIRED",
        staleDays: days,
        now,
        ip: null,
      });
      const offers = await tx.offer.count({ where: { applicationId: application.id } });
      await emailMerchantTeam(tx, application.merchantId, {
        template: applicationExpiredEmail({
          days,
          hadOffers: offers > 0,
          notices,
          applicationId: application.id,
        }),
      });
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

export async function runJobsOnce(db: Db, now: Date = new Date()) {
  const offers = await expireOffers(db, now);
  const applications = await expireStaleApplications(db, now);
  const incomplete = await sendIncompletenessNotices(db, now);
  const dueDeclines = await sendDueDeclineNotices(db, now);
  const syncs = await resumeInterruptedSyncs(db, now);
  const servicing = await runServicingJobs(db, now);
  const emails = await deliverPendingEmails(db);
  const webhooks = await deliverPendingWebhooks(db);
  const orphanUploads = await sweepOrphanUploads(db, now);
  const expiredReveals = await sweepExpiredReveals(db, now);
  const idempotencyKeys = await sweepIdempotencyKeys(db, now);
  return {
    offersExpired: offers,
    applicationsExpired: applications,
    incompletenessNotices: incomplete,
    declineNoticesDue: dueDeclines,
    syncsResumed: syncs,
    dealsLate: servicing.late,
    paymentReminders: servicing.reminders,
    latePaymentNotices: servicing.lateNotices,
    emailsSent: emails.sent,
    emailsFailed: emails.failed,
    webhooksDelivered: webhooks.delivered,
    webhooksFailed: webhooks.failed,
    orphanUploadsRemoved: orphanUploads,
    expiredRevealsRemoved: expiredReveals,
    idempotencyKeysForgotten: idempotencyKeys,
  };
}
