// Compliance review of potential sanctions matches (docs/design/sanctions.md, review): the admin
// list of open hits, clearing (the application goes on to matching and referral exactly as a
// submission without a hit would) and confirming (it ends DECLINED, SANCTIONS_MATCH), and the
// re-screening of every live application and funded deal when a new list is loaded.
import { endOpenReferrals } from "~/domain/applications/end-referrals.server";
import { emailReferralLenders } from "~/domain/applications/team-mail.server";
import {
  APPLICATION_WORKFLOW,
  type ApplicationStatus,
  LIVE_APPLICATION_STATUSES,
} from "~/domain/applications/workflow";
import { recordAudit } from "~/domain/audit/audit.server";
import { matchApplication } from "~/domain/matching/match";
import { loadMatchProducts, matchMerchantFrom } from "~/domain/matching/matching.server";
import { whyNotReasons } from "~/domain/matching/why-not";
import { issueComplianceNotice, issueNoMatchNotice } from "~/domain/notices/notices.server";
import { sanctionsMatchEmail } from "~/domain/notifications/templates";
import { referToLenders } from "~/domain/referrals/refer.server";
import { getScoreReport } from "~/domain/scoring/score.server";
import { mustTransition, transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { currentList, type ListVersion } from "./lists.server";
import { nameTokens } from "./normalise";
import { SANCTIONS_MATCH } from "./review";
import { type ScreeningResult, type Subject, screenSubjects, subjectsOfMerchant } from "./screening.server";
import { SCREENING_HIT_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; role: string; name?: string };

/** Statuses a confirmed match ends at once: no offer is out yet. */
const ENDS_ON_CONFIRM: readonly ApplicationStatus[] = ["COMPLIANCE_REVIEW", "SUBMITTED", "IN_REVIEW"];

export async function listHits(db: Db, filter: { status: "OPEN" | "CLEARED" | "CONFIRMED"; take?: number }) {
  const hits = await db.screeningHit.findMany({
    where: { status: filter.status },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: filter.take ?? 100,
    select: {
      id: true,
      status: true,
      matchedName: true,
      scorePermille: true,
      decisionReason: true,
      decidedAt: true,
      createdAt: true,
      applicationId: true,
      merchantId: true,
      screening: {
        select: {
          subjectType: true,
          name: true,
          trigger: true,
          list: { select: { listDate: true, sha256: true } },
        },
      },
      entry: { select: { entNum: true, name: true, type: true, programs: true, title: true, remarks: true } },
    },
  });
  const merchantIds = [...new Set(hits.map((h) => h.merchantId))];
  const applicationIds = [...new Set(hits.flatMap((h) => (h.applicationId ? [h.applicationId] : [])))];
  const [merchants, applications] = await Promise.all([
    db.merchant.findMany({ where: { id: { in: merchantIds } }, select: { id: true, legalName: true } }),
    db.application.findMany({ where: { id: { in: applicationIds } }, select: { id: true, status: true } }),
  ]);
  const merchantName = new Map(merchants.map((m) => [m.id, m.legalName]));
  const applicationStatus = new Map(applications.map((a) => [a.id, a.status]));
  return hits.map((h) => ({
    ...h,
    merchantName: merchantName.get(h.merchantId) ?? "",
    applicationStatus: h.applicationId ? (applicationStatus.get(h.applicationId) ?? null) : null,
  }));
}

/**
 * The notice of action taken for an application ended at compliance review: TradeLift's own (no
 * lender decided), kept, shown and e-mailed with its PDF like every notice. It says the required
 * compliance checks could not be completed, and names neither the list nor the match.
 */
export async function noticeAfterSanctionsDecline(
  tx: Tx,
  input: { applicationId: string; now: Date; ip: string | null },
): Promise<void> {
  await issueComplianceNotice(tx, input);
}

export type DecisionOutcome =
  | { ok: true; applicationStatus: string | null }
  | { ok: false; reason: "not-found" | "already-decided" };

const keyOf = (subjectType: string, subjectId: string, name: string, entNum: number) =>
  `${subjectType}|${subjectId}|${nameTokens(name).join(" ")}|${entNum}`;

/**
 * Clears or confirms an open hit, with the admin's reason. Clearing clears the open hits of the
 * same name against the same entry too; an application at COMPLIANCE_REVIEW with no open hit
 * left goes on to matching and referral. Confirming ends the application.
 */
export async function decideHit(
  db: Db,
  input: {
    hitId: string;
    decision: "clear" | "confirm";
    reason: string;
    actor: Actor;
    ip: string | null;
    now?: Date;
  },
): Promise<DecisionOutcome> {
  const now = input.now ?? new Date();
  const hit = await db.screeningHit.findUnique({
    where: { id: input.hitId },
    select: {
      id: true,
      status: true,
      applicationId: true,
      merchantId: true,
      screening: { select: { subjectType: true, subjectId: true, name: true } },
      entry: { select: { entNum: true, name: true } },
    },
  });
  if (!hit) return { ok: false, reason: "not-found" };
  if (hit.status !== "OPEN") return { ok: false, reason: "already-decided" };
  const summary = {
    subjectType: hit.screening.subjectType,
    name: hit.screening.name,
    entNum: hit.entry.entNum,
    listedName: hit.entry.name,
    reason: input.reason,
  };
  if (input.decision === "confirm") {
    return db.$transaction(async (tx) => {
      const moved = await transition(tx, SCREENING_HIT_WORKFLOW, {
        id: hit.id,
        from: ["OPEN"],
        to: "CONFIRMED",
        data: { decisionReason: input.reason, decidedById: input.actor.id, decidedAt: now },
        actor: input.actor,
        ip: input.ip,
        action: "sanctions.hit_confirmed",
        summary,
      });
      if (!moved.ok) return { ok: false as const, reason: "already-decided" as const };
      const status = hit.applicationId
        ? await endOnConfirmedMatch(tx, {
            applicationId: hit.applicationId,
            actor: input.actor,
            ip: input.ip,
            now,
          })
        : null;
      return { ok: true as const, applicationStatus: status };
    });
  }
  const siblings = await db.screeningHit.findMany({
    where: {
      status: "OPEN",
      merchantId: hit.merchantId,
      screening: { subjectType: hit.screening.subjectType, subjectId: hit.screening.subjectId },
      entry: { entNum: hit.entry.entNum },
    },
    select: { id: true, applicationId: true, screening: { select: { name: true } } },
  });
  const key = keyOf(hit.screening.subjectType, hit.screening.subjectId, hit.screening.name, hit.entry.entNum);
  const toClear = siblings.filter(
    (s) =>
      s.id === hit.id ||
      keyOf(hit.screening.subjectType, hit.screening.subjectId, s.screening.name, hit.entry.entNum) === key,
  );
  const applicationIds = [...new Set(toClear.flatMap((s) => (s.applicationId ? [s.applicationId] : [])))];
  // What a release needs, read before the write: the frozen score and the products.
  const releases = await Promise.all(applicationIds.map((id) => releaseInput(db, id, now)));
  return db.$transaction(async (tx) => {
    for (const sibling of toClear) {
      const moved = await transition(tx, SCREENING_HIT_WORKFLOW, {
        id: sibling.id,
        from: ["OPEN"],
        to: "CLEARED",
        data: { decisionReason: input.reason, decidedById: input.actor.id, decidedAt: now },
        actor: input.actor,
        ip: input.ip,
        action: "sanctions.hit_cleared",
        summary: { ...summary, ...(sibling.id === hit.id ? {} : { clearedWith: hit.id }) },
      });
      if (!moved.ok && sibling.id === hit.id)
        return { ok: false as const, reason: "already-decided" as const };
    }
    let applicationStatus: string | null = null;
    for (const release of releases) {
      if (!release) continue;
      const status = await releaseIfClear(tx, release, { actor: input.actor, ip: input.ip, now });
      if (release.applicationId === hit.applicationId) applicationStatus = status;
    }
    return { ok: true as const, applicationStatus };
  });
}

type ReleaseInput = NonNullable<Awaited<ReturnType<typeof releaseInput>>>;

async function releaseInput(db: Db, applicationId: string, now: Date) {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      status: true,
      merchantId: true,
      scoreReportId: true,
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
        select: { exportOrder: { select: { buyerCountry: true, buyerRegion: true, paymentTerm: true } } },
      },
    },
  });
  if (application?.status !== "COMPLIANCE_REVIEW" || !application.scoreReportId) return null;
  const report = await getScoreReport(db, application.merchantId, application.scoreReportId);
  if (!report) return null;
  const products = await loadMatchProducts(db, { onlyActive: true });
  const merchant = matchMerchantFrom({
    score: report.score,
    avgMonthlyRevenueCents: report.features.avgMonthlyRevenueCents,
    ...application.merchant,
    today: now,
  });
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
  return {
    applicationId: application.id,
    merchantId: application.merchantId,
    merchantName: application.merchant.legalName,
    requestedAmountCents: application.requestedAmountCents,
    tenorDays: application.tenorDays,
    report,
    eligible: result.eligible,
    /** Why each other product did not fit: the no-match notice's reasons. */
    noMatchReasons: whyNotReasons(result),
  };
}

/**
 * The application leaves COMPLIANCE_REVIEW as a submission without a hit would have left DRAFT:
 * referred to the products that fit, or declined with the no-match notice when none does.
 */
async function releaseIfClear(
  tx: Tx,
  release: ReleaseInput,
  audit: { actor: Actor; ip: string | null; now: Date },
): Promise<string | null> {
  const open = await tx.screeningHit.count({
    where: { applicationId: release.applicationId, status: "OPEN" },
  });
  if (open > 0) return "COMPLIANCE_REVIEW";
  const chosen = release.eligible.slice(0, env().MAX_REFERRALS_PER_APPLICATION);
  const to = chosen.length > 0 ? "SUBMITTED" : "DECLINED";
  const moved = await transition(tx, APPLICATION_WORKFLOW, {
    id: release.applicationId,
    from: ["COMPLIANCE_REVIEW"],
    to,
    data: to === "DECLINED" ? { decidedAt: audit.now } : {},
    actor: audit.actor,
    ip: audit.ip,
    action: "application.cleared_compliance",
    summary: { eligibleProducts: release.eligible.length, referrals: chosen.length },
  });
  if (!moved.ok) return null;
  if (chosen.length === 0) {
    // As at submission: nobody was asked, so the notice is TradeLift's, with the failed criteria.
    await issueNoMatchNotice(tx, {
      applicationId: release.applicationId,
      reasons: release.noMatchReasons,
      now: audit.now,
      ip: audit.ip,
    });
    return "DECLINED";
  }
  await referToLenders(tx, {
    applicationId: release.applicationId,
    matches: chosen,
    score: release.report.score,
    grade: release.report.grade,
    merchantName: release.merchantName,
    requestedAmountCents: release.requestedAmountCents,
    tenorDays: release.tenorDays,
    actor: audit.actor,
    ip: audit.ip,
  });
  return "SUBMITTED";
}

/**
 * A confirmed match ends the application when no offer is out yet (its open referrals closed,
 * DECLINED with SANCTIONS_MATCH, the merchant told it cannot proceed). Later than that (an offer
 * made, accepted or funded) the status stays and the lenders involved are told, so that they
 * act under their own sanctions obligations.
 */
async function endOnConfirmedMatch(
  tx: Tx,
  input: { applicationId: string; actor: Actor; ip: string | null; now: Date },
): Promise<string | null> {
  const application = await tx.application.findUnique({
    where: { id: input.applicationId },
    select: { id: true, status: true, merchantId: true, merchant: { select: { legalName: true } } },
  });
  if (!application) return null;
  if (ENDS_ON_CONFIRM.includes(application.status as ApplicationStatus)) {
    await endOpenReferrals(tx, {
      applicationId: application.id,
      to: "CLOSED",
      statusReason: SANCTIONS_MATCH,
      actor: input.actor,
      ip: input.ip,
      now: input.now,
    });
    await mustTransition(tx, APPLICATION_WORKFLOW, {
      id: application.id,
      from: [...ENDS_ON_CONFIRM] as ApplicationStatus[],
      to: "DECLINED",
      data: { statusReason: SANCTIONS_MATCH, decidedAt: input.now },
      actor: input.actor,
      ip: input.ip,
      action: "application.sanctions_declined",
      summary: { statusReason: SANCTIONS_MATCH },
    });
    await noticeAfterSanctionsDecline(tx, { applicationId: application.id, now: input.now, ip: input.ip });
    return "DECLINED";
  }
  const referrals = await tx.referral.findMany({
    where: { applicationId: application.id, status: { notIn: ["DECLINED", "WITHDRAWN", "CLOSED"] } },
    orderBy: { fitRank: "asc" },
    select: { id: true, lenderOrgId: true },
  });
  await emailReferralLenders(tx, referrals, (referralId) => ({
    template: sanctionsMatchEmail({
      merchantName: application.merchant.legalName,
      applicationId: application.id,
      status: application.status.toLowerCase(),
      referralId,
    }),
  }));
  await recordAudit(tx, {
    actor: input.actor,
    action: "application.sanctions_match_reported",
    entityType: "Application",
    entityId: application.id,
    summary: { status: application.status, lendersTold: referrals.length },
    ip: input.ip,
  });
  return application.status;
}

const RESCREEN_BATCH = 25;

/** Applications re-screened when a list is loaded: live ones and funded deals. */
const RESCREENED: readonly ApplicationStatus[] = [...LIVE_APPLICATION_STATUSES, "FUNDED"];

/**
 * Screens every party of every live application and funded deal against a newly loaded list.
 * A new hit is open and listed for admins; the application's status does not change (it is in
 * lenders' hands, and the table has no way back to COMPLIANCE_REVIEW): confirming it ends the
 * application or tells its lenders (`decideHit`).
 */
export async function rescreenAfterLoad(
  db: Db,
  input: { list?: ListVersion; actor: Actor | null },
): Promise<{ applications: number; names: number; openHits: number }> {
  const list = input.list ?? (await currentList(db));
  if (!list) return { applications: 0, names: 0, openHits: 0 };
  const applications = await db.application.findMany({
    where: { status: { in: [...RESCREENED] } },
    select: {
      id: true,
      merchantId: true,
      merchant: {
        select: { id: true, legalName: true, dbaName: true, beneficialOwners: { select: { name: true } } },
      },
      orders: { select: { exportOrder: { select: { id: true, buyerName: true } } } },
    },
    orderBy: { id: "asc" },
  });
  let names = 0;
  let openHits = 0;
  // A few applications to a transaction: each is screened and audited on its own, and a reload
  // of 10,000 of them does not pay for 10,000 commits (docs/benchmarks.md).
  for (let start = 0; start < applications.length; start += RESCREEN_BATCH) {
    const results = await db.$transaction(async (tx) => {
      const batch: ScreeningResult[] = [];
      for (const application of applications.slice(start, start + RESCREEN_BATCH)) {
        const subjects: Subject[] = [
          ...subjectsOfMerchant(application.merchant),
          ...application.orders.map((o) => ({
            type: "BUYER" as const,
            id: o.exportOrder.id,
            name: o.exportOrder.buyerName,
          })),
        ];
        batch.push(
          await screenSubjects(tx, {
            merchantId: application.merchantId,
            applicationId: application.id,
            subjects,
            trigger: "LIST_LOAD",
            actor: input.actor,
            list,
          }),
        );
      }
      return batch;
    });
    for (const result of results) {
      names += result.names.length;
      openHits += result.openHits;
    }
  }
  return { applications: applications.length, names, openHits };
}
