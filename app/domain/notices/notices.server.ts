// Regulation B notices: which creditor sends which notice when an application ends adversely, the
// notice of incompleteness when an information request is overdue, and reading them back. Every
// notice is kept (AdverseActionNotice), audited and e-mailed to the merchant's people with its PDF
// (docs/design/notices.md, docs/decisions/0009-notices-per-creditor.md).

import { emailMerchantTeam } from "~/domain/applications/team-mail.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { claimRow } from "~/domain/jobs/claims.server";
import { noticeEmail } from "~/domain/notifications/templates";
import { DECLINE_REASONS, type DeclineReason } from "~/domain/referrals/decline-reasons";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { renderPdf } from "~/utils/pdf.server";
import { agencyParagraph } from "./agencies";
import { addBusinessDays } from "./business-days.server";
import {
  ADDRESS_NOT_CONFIGURED,
  actionNotice,
  COUNTEROFFER_NOTICE_DUE_DAYS,
  counterofferDifferences,
  DEFAULT_INFO_REQUEST_BUSINESS_DAYS,
  deadlineDay,
  INCOMPLETE_GRACE_BUSINESS_DAYS,
  incompleteNotice,
  NO_LENDER_LEFT_REASON,
  NOTICE_DUE_DAYS,
  type NoticeContent,
  type NoticeKind,
  noticeDocument,
  noticeEmailBlocks,
  noticeFileName,
  PLATFORM_REGULATOR_TYPE,
  postalAddress,
  type RequestedTerms,
  storedNoticeContent,
} from "./notice";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

/** The last moment of the n-th calendar day (UTC) after `from`: a notice sent that day is on time. */
export function endOfDayAfter(from: Date, days: number): Date {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  return new Date(start + (days + 1) * DAY - 1);
}

const PARTNER_ADDRESS = {
  name: true,
  addressLine1: true,
  addressLine2: true,
  city: true,
  addressState: true,
  postalCode: true,
  regulatorType: true,
} as const;

type PartnerRow = {
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  addressState: string | null;
  postalCode: string | null;
  regulatorType: string;
};

/** The creditor as its notice names it. A partner without an address is written care of TradeLift. */
export function creditorOf(partner: PartnerRow) {
  return {
    name: partner.name,
    address: postalAddress(partner) ?? `c/o ${platformCreditor().name}, ${platformCreditor().address}`,
    agency: agencyParagraph(partner.regulatorType),
  };
}

/** The operator of this installation, when it sends a notice in its own name. */
export function platformCreditor() {
  const config = env();
  return {
    name: config.OPERATOR_NAME,
    address: config.OPERATOR_ADDRESS ?? ADDRESS_NOT_CONFIGURED,
    agency: agencyParagraph(PLATFORM_REGULATOR_TYPE),
    platform: true,
  };
}

async function nextReference(tx: Tx, applicationId: string): Promise<string> {
  const count = await tx.adverseActionNotice.count({ where: { applicationId } });
  return `${applicationId.slice(-8).toUpperCase()}-${count + 1}`;
}

/** Keeps one notice, audits it and e-mails it to the merchant's people with its PDF. */
async function keepAndSend(
  tx: Tx,
  input: {
    applicationId: string;
    merchantId: string;
    lenderOrgId: string | null;
    content: NoticeContent;
    dedupeKey: string | null;
    infoRequestId?: string;
    completedAt: Date | null;
    dueBy: Date | null;
    now: Date;
    ip: string | null;
  },
): Promise<string> {
  const { content } = input;
  const notice = await tx.adverseActionNotice.create({
    data: {
      applicationId: input.applicationId,
      kind: content.kind,
      lenderOrgId: input.lenderOrgId,
      creditorName: content.from.name,
      creditorAddress: content.from.address,
      agencyText: content.agency,
      reasonsJson: JSON.stringify(content.reasons),
      contentJson: JSON.stringify(content),
      infoRequestId: input.infoRequestId ?? null,
      dedupeKey: input.dedupeKey,
      completedAt: input.completedAt,
      dueBy: input.dueBy,
      sentAt: input.now,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: null,
    action: content.kind === "INCOMPLETE" ? "notice.incompleteness_sent" : "notice.action_taken_sent",
    entityType: "Application",
    entityId: input.applicationId,
    summary: {
      notice: notice.id,
      kind: content.kind,
      creditor: content.from.name,
      reasons: content.reasons,
      ...(input.dueBy ? { dueBy: input.dueBy.toISOString() } : {}),
    },
    ip: input.ip ?? undefined,
  });
  const pdf = await renderPdf(noticeDocument(content, input.now));
  await emailMerchantTeam(tx, input.merchantId, {
    template: noticeEmail({
      subject: `${content.title} from ${content.from.name}`,
      blocks: noticeEmailBlocks(content),
      applicationId: input.applicationId,
      noticeId: notice.id,
    }),
    attachments: [{ fileName: noticeFileName(content), contentType: "application/pdf", content: pdf }],
  });
  return notice.id;
}

async function applicationFor(tx: Tx, applicationId: string) {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      merchantId: true,
      submittedAt: true,
      createdAt: true,
      requestedAmountCents: true,
      productTypeWanted: true,
      tenorDays: true,
      merchant: { select: { legalName: true } },
    },
  });
  const requested: RequestedTerms = {
    amountCents: application.requestedAmountCents,
    productType: application.productTypeWanted,
    tenorDays: application.tenorDays,
  };
  const submittedAt = application.submittedAt ?? application.createdAt;
  return { ...application, requested, submittedAt };
}

const NO_PRODUCTS_REASON = "No lending partner offers any financing product at present.";

/**
 * The one notice TradeLift sends, in its own name, when no product matched at submission: no
 * creditor ever saw the application. Its reasons are the lending criteria that failed.
 */
export async function issueNoMatchNotice(
  tx: Tx,
  input: { applicationId: string; reasons: readonly string[]; now: Date; ip: string | null },
): Promise<NoticeContent> {
  const application = await applicationFor(tx, input.applicationId);
  const content = actionNotice({
    kind: "NO_MATCH",
    reasons: input.reasons.length > 0 ? input.reasons : [NO_PRODUCTS_REASON],
    reference: await nextReference(tx, input.applicationId),
    applicant: application.merchant.legalName,
    issuedAt: input.now,
    submittedAt: application.submittedAt,
    requested: application.requested,
    creditor: platformCreditor(),
  });
  await keepAndSend(tx, {
    applicationId: input.applicationId,
    merchantId: application.merchantId,
    lenderOrgId: null,
    content,
    dedupeKey: `${input.applicationId}:platform`,
    completedAt: application.submittedAt,
    dueBy: endOfDayAfter(application.submittedAt, NOTICE_DUE_DAYS),
    now: input.now,
    ip: input.ip,
  });
  return content;
}

/** TradeLift's notice for an application it ended at compliance review (a confirmed sanctions match). */
export async function issueComplianceNotice(
  tx: Tx,
  input: { applicationId: string; now: Date; ip: string | null },
): Promise<NoticeContent> {
  const application = await applicationFor(tx, input.applicationId);
  const content = actionNotice({
    kind: "COMPLIANCE",
    reasons: [],
    reference: await nextReference(tx, input.applicationId),
    applicant: application.merchant.legalName,
    issuedAt: input.now,
    submittedAt: application.submittedAt,
    requested: application.requested,
    creditor: platformCreditor(),
  });
  await keepAndSend(tx, {
    applicationId: input.applicationId,
    merchantId: application.merchantId,
    lenderOrgId: null,
    content,
    dedupeKey: `${input.applicationId}:platform`,
    completedAt: application.submittedAt,
    dueBy: endOfDayAfter(application.submittedAt, NOTICE_DUE_DAYS),
    now: input.now,
    ip: input.ip,
  });
  return content;
}

/** Why a referral was withdrawn when its partner was suspended (Referral.statusReason). */
const PARTNER_SUSPENDED = "PARTNER_SUSPENDED";

type PlannedNotice = {
  lenderOrgId: string | null;
  kind: NoticeKind;
  build: (base: {
    reference: string;
    applicant: string;
    issuedAt: Date;
    submittedAt: Date;
    requested: RequestedTerms;
  }) => NoticeContent;
  dueBy: Date;
};

/**
 * When an application ends without an accepted offer (declined because no lender is left, or
 * expired), each creditor that took adverse action sends its own notice, with its own reasons:
 *
 * - a lender that declined: DECLINED, with the reasons it gave;
 * - otherwise, a lender whose offer on other terms than requested the merchant declined or let
 *   expire: COUNTEROFFER (§1002.9(a)(1)(iv)), with the right to a statement of reasons;
 * - otherwise, a lender still reviewing when the application expired: EXPIRED;
 * - and TradeLift, when lenders were lost to a partner's suspension with nobody else fitting:
 *   NO_LENDER_LEFT.
 *
 * A lender whose offer on the terms requested was not taken made no adverse decision and sends
 * none. A creditor that has already sent its notice for this application is not asked again.
 * Returns how many notices were sent.
 */
export async function issueEndNotices(
  tx: Tx,
  input: {
    applicationId: string;
    /** DUE: the application is still open at its 30th day; only decisions already made are notified. */
    end: "DECLINED" | "EXPIRED" | "DUE";
    staleDays?: number;
    now: Date;
    ip: string | null;
  },
): Promise<number> {
  const application = await applicationFor(tx, input.applicationId);
  const referrals = await tx.referral.findMany({
    where: { applicationId: input.applicationId },
    orderBy: [{ fitRank: "asc" }, { id: "asc" }],
    select: {
      status: true,
      statusReason: true,
      declineReasonsJson: true,
      lenderOrgId: true,
      lenderOrg: { select: PARTNER_ADDRESS },
      offers: {
        orderBy: { createdAt: "desc" },
        select: {
          status: true,
          amountCents: true,
          productType: true,
          termDays: true,
          createdAt: true,
          expiresAt: true,
        },
      },
    },
  });
  const byLender = new Map<string, typeof referrals>();
  for (const referral of referrals)
    byLender.set(referral.lenderOrgId, [...(byLender.get(referral.lenderOrgId) ?? []), referral]);
  const dueBy = endOfDayAfter(application.submittedAt, NOTICE_DUE_DAYS);
  const planned: PlannedNotice[] = [];
  let lostToSuspension = false;
  for (const [lenderOrgId, own] of byLender) {
    const partner = own[0]?.lenderOrg;
    if (!partner) continue;
    const creditor = creditorOf(partner);
    const declined = own.filter((r) => r.status === "DECLINED");
    if (declined.length > 0) {
      const reasons = declined.flatMap((r) =>
        (JSON.parse(r.declineReasonsJson) as DeclineReason[])
          .map((code) => DECLINE_REASONS[code])
          .filter(Boolean),
      );
      planned.push({
        lenderOrgId,
        kind: "DECLINED",
        build: (base) => actionNotice({ ...base, kind: "DECLINED", reasons, creditor }),
        dueBy,
      });
      continue;
    }
    if (input.end === "DUE") continue;
    const latest = own
      .flatMap((r) => r.offers)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    const outcome =
      latest?.status === "PENDING" && latest.expiresAt <= input.now ? "EXPIRED" : latest?.status;
    if (latest && (outcome === "DECLINED" || outcome === "EXPIRED")) {
      const differences = counterofferDifferences(application.requested, latest);
      if (differences.length > 0) {
        planned.push({
          lenderOrgId,
          kind: "COUNTEROFFER",
          build: (base) =>
            actionNotice({
              ...base,
              kind: "COUNTEROFFER",
              differences,
              outcome,
              offeredAt: latest.createdAt,
              creditor,
            }),
          dueBy: endOfDayAfter(latest.createdAt, COUNTEROFFER_NOTICE_DUE_DAYS),
        });
        continue;
      }
      // The lender approved the terms requested and the merchant did not take them: no adverse
      // action, whatever the lender's referral shows since.
      continue;
    }
    if (own.some((r) => r.status === "WITHDRAWN" && r.statusReason === PARTNER_SUSPENDED)) {
      lostToSuspension = true;
      continue;
    }
    if (input.end === "EXPIRED" && own.some((r) => r.status === "CLOSED" || r.status === "IN_REVIEW")) {
      const staleDays = input.staleDays ?? NOTICE_DUE_DAYS;
      planned.push({
        lenderOrgId,
        kind: "EXPIRED",
        build: (base) => actionNotice({ ...base, kind: "EXPIRED", staleDays, creditor }),
        dueBy,
      });
    }
  }
  if (input.end === "DECLINED" && (lostToSuspension || planned.length === 0))
    planned.push({
      lenderOrgId: null,
      kind: "NO_LENDER_LEFT",
      build: (base) =>
        actionNotice({
          ...base,
          kind: "NO_LENDER_LEFT",
          reasons: [NO_LENDER_LEFT_REASON],
          creditor: platformCreditor(),
        }),
      dueBy,
    });

  const sent = await tx.adverseActionNotice.findMany({
    where: { applicationId: input.applicationId, dedupeKey: { not: null } },
    select: { dedupeKey: true },
  });
  const already = new Set(sent.map((n) => n.dedupeKey));
  let count = 0;
  for (const notice of planned) {
    const dedupeKey = `${input.applicationId}:${notice.lenderOrgId ?? "platform"}`;
    if (already.has(dedupeKey)) continue;
    const content = notice.build({
      reference: await nextReference(tx, input.applicationId),
      applicant: application.merchant.legalName,
      issuedAt: input.now,
      submittedAt: application.submittedAt,
      requested: application.requested,
    });
    await keepAndSend(tx, {
      applicationId: input.applicationId,
      merchantId: application.merchantId,
      lenderOrgId: notice.lenderOrgId,
      content,
      dedupeKey,
      completedAt: application.submittedAt,
      dueBy: notice.dueBy,
      now: input.now,
      ip: input.ip,
    });
    count += 1;
  }
  return count;
}

/**
 * A lender that declined is notified when the application ends; but an application still open at
 * its 30th day (another lender's offer waiting for the merchant) would make that notice late. The
 * jobs runner sends those lenders' notices on the 29th day instead: their decision is final
 * whatever happens to the other offers. Returns how many notices were sent.
 */
export async function sendDueDeclineNotices(db: Db, now: Date = new Date()): Promise<number> {
  const open = await db.application.findMany({
    where: {
      status: { in: ["SUBMITTED", "IN_REVIEW", "OFFERED"] },
      submittedAt: { lte: new Date(now.getTime() - (NOTICE_DUE_DAYS - 1) * DAY) },
      referrals: { some: { status: "DECLINED" } },
    },
    select: { id: true },
    take: 500,
  });
  let sent = 0;
  for (const application of open)
    sent += await db.$transaction(async (tx) =>
      // Claimed first: another server sending the same notices, or the application ending now,
      // would otherwise plan them too and collide on their dedupe key.
      (await claimRow(tx, "Application", application.id))
        ? issueEndNotices(tx, { applicationId: application.id, end: "DUE", now, ip: null })
        : 0,
    );
  return sent;
}

// ───────────────────────── information requests and incompleteness ─────────────────────────

/** When an information request asked now is due: the lender's choice of business days, or ten. */
export function infoRequestDueAt(askedAt: Date, businessDays?: number | null): Date {
  return addBusinessDays(askedAt, businessDays ?? DEFAULT_INFO_REQUEST_BUSINESS_DAYS);
}

/** A request's deadline; requests asked before deadlines existed count from their asking. */
export function effectiveDueAt(request: { dueAt: Date | null; createdAt: Date }): Date {
  return request.dueAt ?? infoRequestDueAt(request.createdAt);
}

/** The last day to answer after a notice of incompleteness. */
export function finalDueAt(noticeAt: Date): Date {
  return addBusinessDays(noticeAt, INCOMPLETE_GRACE_BUSINESS_DAYS);
}

/**
 * Sends the notice of incompleteness (§1002.9(c)) for every open information request past its
 * deadline that has none yet: what is missing, the deadline that passed, the last day to provide
 * it, and that the lender will not consider the application further without it. Safe when several
 * servers run it: the request is claimed with a conditional update first.
 */
export async function sendIncompletenessNotices(db: Db, now: Date = new Date()): Promise<number> {
  const open = await db.infoRequest.findMany({
    where: { status: "OPEN", incompleteNoticeAt: null, OR: [{ dueAt: { lt: now } }, { dueAt: null }] },
    select: { id: true, dueAt: true, createdAt: true },
    take: 500,
  });
  let sent = 0;
  for (const request of open) {
    if (effectiveDueAt(request).getTime() >= now.getTime()) continue;
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.infoRequest.updateMany({
        where: { id: request.id, status: "OPEN", incompleteNoticeAt: null },
        data: { incompleteNoticeAt: now },
      });
      if (claimed.count === 0) return false;
      const row = await tx.infoRequest.findUniqueOrThrow({
        where: { id: request.id },
        select: {
          question: true,
          documentType: true,
          createdAt: true,
          dueAt: true,
          referral: {
            select: { applicationId: true, lenderOrgId: true, lenderOrg: { select: PARTNER_ADDRESS } },
          },
        },
      });
      const application = await applicationFor(tx, row.referral.applicationId);
      const missing = [row.documentType ? `Document: ${row.documentType}` : null, row.question]
        .filter(Boolean)
        .join(". ");
      const content = incompleteNotice({
        reference: await nextReference(tx, row.referral.applicationId),
        applicant: application.merchant.legalName,
        issuedAt: now,
        submittedAt: application.submittedAt,
        requested: application.requested,
        creditor: creditorOf(row.referral.lenderOrg),
        missing: missing || "The information the lender asked for.",
        askedAt: row.createdAt,
        dueAt: effectiveDueAt(row),
        finalDueAt: finalDueAt(now),
      });
      await keepAndSend(tx, {
        applicationId: row.referral.applicationId,
        merchantId: application.merchantId,
        lenderOrgId: row.referral.lenderOrgId,
        content,
        dedupeKey: null,
        infoRequestId: request.id,
        completedAt: null,
        dueBy: null,
        now,
        ip: null,
      });
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

/**
 * Why a lender may not (yet) decline a referral for incompleteness, or null when it may: only
 * after a notice of incompleteness went out for one of its requests, still unanswered, and the last
 * day that notice gave has passed.
 */
export async function incompleteDeclineRefusal(
  tx: Tx,
  referralId: string,
  now: Date,
): Promise<string | null> {
  const requests = await tx.infoRequest.findMany({
    where: { referralId, status: "OPEN", incompleteNoticeAt: { not: null } },
    select: { incompleteNoticeAt: true },
  });
  if (requests.length === 0)
    return "“Information requested was not provided” can be given only after the merchant was sent a notice of incompleteness for an unanswered request (it is sent when a request's deadline passes).";
  const ready = requests.some((r) => r.incompleteNoticeAt && finalDueAt(r.incompleteNoticeAt) < now);
  if (!ready) {
    const last = Math.max(...requests.map((r) => finalDueAt(r.incompleteNoticeAt as Date).getTime()));
    return `The notice of incompleteness gives the merchant until ${deadlineDay(new Date(last)).toISOString().slice(0, 10)} to answer: decline for incompleteness after that day.`;
  }
  return null;
}

// ───────────────────────── reading ─────────────────────────

const NOTICE_ROW = {
  id: true,
  kind: true,
  contentJson: true,
  creditorName: true,
  creditorAddress: true,
  agencyText: true,
  reasonsJson: true,
  sentAt: true,
  dueBy: true,
} as const;

export type NoticeSummary = { id: string; kind: string; title: string; from: string; sentAt: Date };

/** The notices of one application, oldest first, for its page (merchant or admin). */
export async function listNotices(db: Db, applicationId: string): Promise<NoticeSummary[]> {
  const rows = await db.adverseActionNotice.findMany({
    where: { applicationId },
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    select: NOTICE_ROW,
  });
  return rows.map((row) => {
    const content = storedNoticeContent(row);
    return { id: row.id, kind: row.kind, title: content.title, from: content.from.name, sentAt: row.sentAt };
  });
}

/** One notice of one of the merchant's applications, or null (someone else's is not found). */
export async function getNoticeForMerchant(
  db: Db,
  input: { merchantId: string; applicationId: string; noticeId: string },
) {
  const row = await db.adverseActionNotice.findFirst({
    where: {
      id: input.noticeId,
      applicationId: input.applicationId,
      application: { merchantId: input.merchantId },
    },
    select: NOTICE_ROW,
  });
  if (!row) return null;
  return { id: row.id, sentAt: row.sentAt, content: storedNoticeContent(row) };
}

/** The notice as PDF bytes with its file name. */
export async function noticePdf(notice: { sentAt: Date; content: NoticeContent }) {
  return {
    bytes: await renderPdf(noticeDocument(notice.content, notice.sentAt)),
    fileName: noticeFileName(notice.content),
  };
}

/** Every notice of an application in full, for the admin's application page. */
export async function listNoticeContents(db: Db, applicationId: string) {
  const rows = await db.adverseActionNotice.findMany({
    where: { applicationId },
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    select: NOTICE_ROW,
  });
  return rows.map((row) => ({
    id: row.id,
    sentAt: row.sentAt,
    dueBy: row.dueBy,
    content: storedNoticeContent(row),
  }));
}
