// Scheduled duties, safe when several servers run them at once: every step is a conditional
// update on the row's status, so only one server wins each row (DESIGN.md §11).
import { recordAudit } from "~/domain/audit/audit.server";
import { resumeInterruptedSyncs } from "~/domain/bank/sync.server";
import { deliverPendingEmails, enqueueEmail } from "~/domain/notifications/outbox.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** Offers past their expiry become EXPIRED; both parties are told. */
export async function expireOffers(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db.offer.findMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    select: {
      id: true,
      applicationId: true,
      lenderOrgId: true,
      lenderOrg: { select: { name: true } },
      application: { select: { merchantId: true } },
    },
    take: 500,
  });
  let expired = 0;
  for (const offer of due) {
    const done = await db.$transaction(async (tx) => {
      const changed = await tx.offer.updateMany({
        where: { id: offer.id, status: "PENDING" },
        data: { status: "EXPIRED" },
      });
      if (changed.count !== 1) return false;
      await recordAudit(tx, {
        actor: null,
        action: "offer.expired",
        entityType: "Offer",
        entityId: offer.id,
      });
      const people = await tx.merchantMember.findMany({
        where: { merchantId: offer.application.merchantId },
        select: { user: { select: { email: true } } },
      });
      for (const person of people) {
        await enqueueEmail(tx, {
          to: person.user.email,
          subject: `The offer from ${offer.lenderOrg.name} has expired`,
          text: "An offer on your TradeLift application expired before it was accepted. Other offers, if any, are still on your application page.",
        });
      }
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

/**
 * Applications with no decision after APPLICATION_STALE_DAYS expire: their open referrals are
 * withdrawn and the merchant is told.
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
      const changed = await tx.application.updateMany({
        where: { id: application.id, status: application.status },
        data: { status: "EXPIRED", decidedAt: now },
      });
      if (changed.count !== 1) return false;
      await tx.referral.updateMany({
        where: { applicationId: application.id, status: { in: ["NEW", "IN_REVIEW", "INFO_REQUESTED"] } },
        data: { status: "WITHDRAWN", decidedAt: now },
      });
      await recordAudit(tx, {
        actor: null,
        action: "application.expired",
        entityType: "Application",
        entityId: application.id,
        summary: { from: application.status },
      });
      const people = await tx.merchantMember.findMany({
        where: { merchantId: application.merchantId },
        select: { user: { select: { email: true } } },
      });
      for (const person of people) {
        await enqueueEmail(tx, {
          to: person.user.email,
          subject: "Your TradeLift application has expired",
          text: `No offer was accepted within ${env().APPLICATION_STALE_DAYS} days, so your application has expired. You can start a new one at any time.`,
        });
      }
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

export async function runJobsOnce(db: Db, now: Date = new Date()) {
  const offers = await expireOffers(db, now);
  const applications = await expireStaleApplications(db, now);
  const syncs = await resumeInterruptedSyncs(db, now);
  const emails = await deliverPendingEmails(db);
  return {
    offersExpired: offers,
    applicationsExpired: applications,
    syncsResumed: syncs,
    emailsSent: emails.sent,
    emailsFailed: emails.failed,
  };
}
