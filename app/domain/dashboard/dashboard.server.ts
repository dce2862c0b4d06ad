// The three dashboards' data, each from one call (docs/design/roles.md, "Dashboards"): the
// merchant's "needs you now", applications, score and profile; the underwriter's assigned work and
// what falls due; the admin's funnel and partner health.
import { funnel as countFunnel } from "~/domain/admin/funnel";
import { LIVE_APPLICATION_STATUSES, OPEN_REFERRAL_STATUSES } from "~/domain/applications/workflow";
import { MissingFxRateError } from "~/domain/fx";
import { merchantOverview } from "~/domain/merchants/merchants.server";
import { formatMoney } from "~/domain/money";
import { isLiveOffer } from "~/domain/offers/offer-status";
import { DOCUMENT_TYPES } from "~/domain/referrals/documents";
import { currentScoreReport } from "~/domain/scoring/score.server";
import type { Db } from "~/utils/db.server";
import { merchantNeeds, timeLeftInWords } from "./needs";

const DAY_MS = 86_400_000;

export async function merchantDashboard(db: Db, merchantId: string, now: Date = new Date()) {
  const [overview, score, questions, offers, drafts, banks, applications] = await Promise.all([
    merchantOverview(db, merchantId),
    currentScoreReport(db, merchantId, now).catch((error: unknown) => {
      if (error instanceof MissingFxRateError) return null;
      throw error;
    }),
    db.infoRequest.findMany({
      where: {
        status: "OPEN",
        referral: { application: { merchantId }, status: "INFO_REQUESTED" },
      },
      orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        question: true,
        documentType: true,
        dueAt: true,
        referral: { select: { applicationId: true, lenderOrg: { select: { name: true } } } },
      },
    }),
    // Offers still PENDING in the table; the ones past their time are dropped below (the job that
    // writes EXPIRED may not have run yet).
    db.offer.findMany({
      where: { status: "PENDING", application: { merchantId }, expiresAt: { gt: now } },
      orderBy: { expiresAt: "asc" },
      select: {
        id: true,
        status: true,
        applicationId: true,
        fundsProvidedCents: true,
        currency: true,
        expiresAt: true,
        lenderOrg: { select: { name: true } },
      },
    }),
    db.application.findMany({
      where: { merchantId, status: "DRAFT" },
      orderBy: { createdAt: "desc" },
      select: { id: true, requestedAmountCents: true, currency: true, createdAt: true },
    }),
    db.bankConnection.findMany({
      where: { merchantId, status: "LOGIN_REQUIRED" },
      orderBy: { createdAt: "asc" },
      select: { id: true, institutionName: true },
    }),
    db.application.findMany({
      where: { merchantId, status: { not: "DISCARDED" } },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: {
        id: true,
        status: true,
        requestedAmountCents: true,
        currency: true,
        tenorDays: true,
        createdAt: true,
        submittedAt: true,
        _count: { select: { referrals: true } },
      },
    }),
  ]);
  const needs = merchantNeeds(
    {
      questions: questions.map((q) => ({
        id: q.id,
        applicationId: q.referral.applicationId,
        lenderName: q.referral.lenderOrg.name,
        question: q.question,
        documentLabel: q.documentType
          ? (DOCUMENT_TYPES[q.documentType as keyof typeof DOCUMENT_TYPES] ?? q.documentType)
          : null,
        dueAt: q.dueAt,
      })),
      offers: offers
        .filter((o) => isLiveOffer(o, now))
        .map((o) => ({
          id: o.id,
          applicationId: o.applicationId,
          lenderName: o.lenderOrg.name,
          amount: formatMoney(o.fundsProvidedCents, o.currency),
          expiresAt: o.expiresAt,
        })),
      drafts: drafts.map((d) => ({
        id: d.id,
        amount: formatMoney(d.requestedAmountCents, d.currency, { whole: true }),
        createdAt: d.createdAt,
      })),
      banks,
    },
    now,
  );
  return {
    needs,
    applications: applications.map((a) => ({
      id: a.id,
      status: a.status,
      amount: formatMoney(a.requestedAmountCents, a.currency, { whole: true }),
      tenorDays: a.tenorDays,
      startedAt: a.createdAt,
      submittedAt: a.submittedAt,
      lenders: a._count.referrals,
      live: (LIVE_APPLICATION_STATUSES as readonly string[]).includes(a.status),
    })),
    score: score
      ? {
          score: score.score,
          grade: score.grade,
          scoreable: score.scoreable,
          notScoreableReason: score.notScoreableReason,
          asOf: score.asOf,
        }
      : null,
    ...overview,
  };
}

/** Offers that expire within this many days are "about to expire" on the lender's dashboard. */
export const EXPIRING_WITHIN_DAYS = 3;

/**
 * An underwriter's work: the open referrals assigned to them, and what is due for their
 * organisation (answers waiting for a look, offers about to expire, accepted offers to fund), each
 * with who holds it.
 */
export async function lenderWork(
  db: Db,
  input: { lenderOrgId: string; userId: string },
  now: Date = new Date(),
) {
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS);
  const referralSelect = {
    id: true,
    status: true,
    application: { select: { merchant: { select: { legalName: true } } } },
    assignee: { select: { name: true } },
  } as const;
  const [assigned, answered, expiring, toFund] = await Promise.all([
    db.referral.findMany({
      where: {
        lenderOrgId: input.lenderOrgId,
        assigneeId: input.userId,
        status: { in: [...OPEN_REFERRAL_STATUSES] },
      },
      orderBy: { createdAt: "asc" },
      take: 50,
      select: { ...referralSelect, createdAt: true },
    }),
    // Back in review after the merchant answered: the answer waits for the lender's look.
    db.infoRequest.findMany({
      where: {
        status: "ANSWERED",
        referral: { lenderOrgId: input.lenderOrgId, status: "IN_REVIEW" },
      },
      orderBy: { respondedAt: "asc" },
      take: 50,
      select: { id: true, respondedAt: true, referral: { select: referralSelect } },
    }),
    db.offer.findMany({
      where: { lenderOrgId: input.lenderOrgId, status: "PENDING", expiresAt: { gt: now, lte: soon } },
      orderBy: { expiresAt: "asc" },
      take: 50,
      select: {
        id: true,
        expiresAt: true,
        fundsProvidedCents: true,
        currency: true,
        referral: { select: referralSelect },
      },
    }),
    db.offer.findMany({
      where: { lenderOrgId: input.lenderOrgId, status: "ACCEPTED", funding: null },
      orderBy: { acceptedAt: "asc" },
      take: 50,
      select: {
        id: true,
        acceptedAt: true,
        fundsProvidedCents: true,
        currency: true,
        referral: { select: referralSelect },
      },
    }),
  ]);
  type RefRow = (typeof assigned)[number] | (typeof answered)[number]["referral"];
  const who = (r: RefRow) => ({
    referralId: r.id,
    href: `/lender/referrals/${r.id}`,
    merchantName: r.application.merchant.legalName,
    assigneeName: r.assignee?.name ?? null,
  });
  // An answer stays "waiting" until the referral moves on; only the latest answer per referral counts.
  const latestAnswer = new Map<string, (typeof answered)[number]>();
  for (const a of answered) latestAnswer.set(a.referral.id, a);
  return {
    assigned: assigned.map((r) => ({ ...who(r), status: r.status, receivedAt: r.createdAt })),
    answersWaiting: [...latestAnswer.values()].map((a) => ({
      ...who(a.referral),
      answeredAt: a.respondedAt,
    })),
    offersExpiring: expiring.map((o) => ({
      ...who(o.referral),
      offerId: o.id,
      amount: formatMoney(o.fundsProvidedCents, o.currency),
      when: timeLeftInWords("expires", o.expiresAt, now),
    })),
    awaitingFunding: toFund.map((o) => ({
      ...who(o.referral),
      offerId: o.id,
      amount: formatMoney(o.fundsProvidedCents, o.currency),
      acceptedAt: o.acceptedAt,
    })),
  };
}

/** A partner's queue is stale when a referral has waited this long without being opened. */
export const STALE_QUEUE_DAYS = 5;

/**
 * The admin's dashboard: the last 30 days of the funnel, and the partners that need an admin —
 * applications to review (PENDING), suspended partners, and partners whose queue holds referrals
 * nobody opened for STALE_QUEUE_DAYS.
 */
export async function adminOverview(db: Db, now: Date = new Date()) {
  const staleBefore = new Date(now.getTime() - STALE_QUEUE_DAYS * DAY_MS);
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const [recent, pending, suspended, stale] = await Promise.all([
    db.referral.findMany({
      where: { createdAt: { gte: since } },
      select: {
        lenderOrgId: true,
        createdAt: true,
        lenderOrg: { select: { name: true } },
        offers: {
          orderBy: { createdAt: "asc" },
          select: { createdAt: true, acceptedAt: true, funding: { select: { id: true } } },
        },
      },
    }),
    db.lenderOrg.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, appliedAt: true },
    }),
    db.lenderOrg.findMany({
      where: { status: "SUSPENDED" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, statusReason: true },
    }),
    db.referral.groupBy({
      by: ["lenderOrgId"],
      where: { status: "NEW", createdAt: { lte: staleBefore } },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
  ]);
  const staleNames = await db.lenderOrg.findMany({
    where: { id: { in: stale.map((s) => s.lenderOrgId) } },
    select: { id: true, name: true, status: true },
  });
  const nameOf = new Map(staleNames.map((p) => [p.id, p]));
  const summary = countFunnel(
    recent.map((r) => ({
      lenderOrgId: r.lenderOrgId,
      lenderName: r.lenderOrg.name,
      referredAt: r.createdAt,
      firstOfferAt: r.offers[0]?.createdAt ?? null,
      accepted: r.offers.some((o) => o.acceptedAt !== null),
      funded: r.offers.some((o) => o.funding !== null),
    })),
  ).total;
  return {
    funnel: summary,
    pendingPartners: pending.map((p) => ({ ...p, applied: p.appliedAt !== null })),
    suspendedPartners: suspended,
    staleQueues: stale
      .map((s) => ({
        id: s.lenderOrgId,
        name: nameOf.get(s.lenderOrgId)?.name ?? s.lenderOrgId,
        waiting: s._count._all,
        oldest: s._min.createdAt,
      }))
      .sort((a, b) => b.waiting - a.waiting),
  };
}
