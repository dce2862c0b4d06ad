// The daily servicing job (docs/design/servicing.md), part of runJobsOnce.
import { emailMerchantTeam } from "~/domain/applications/team-mail.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { formatMoney } from "~/domain/money";
import { type EmailTemplate, latePaymentEmail, paymentReminderEmail } from "~/domain/notifications/templates";
import { transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { DEAL_SELECT, dayDate, instalmentsOf, paymentsOf, termsOf } from "./deal-rows.server";
import { buildLedger, dayOf, type InstalmentLine } from "./ledger";
import { DEAL_WORKFLOW, type DealStatus, OPEN_DEAL_STATUSES } from "./workflow";

type Tx = Prisma.TransactionClient;

/**
 * The daily servicing duties (docs/design/servicing.md), safe when several servers run them:
 * - a CURRENT deal with an instalment past due becomes LATE (a guarded, conditional move);
 * - each instalment gets one reminder REMINDER_DAYS before it is due, and one late notice the day
 *   after it is missed: the instalment is claimed by setting its date only where it is still
 *   empty, and the e-mail is queued in that same transaction, so it is queued exactly once.
 */
export const REMINDER_DAYS = 5;

/**
 * Claims the instalment for one e-mail (its date column set only where still empty) and, if this
 * run won it, queues the e-mail to the merchant and audits it in the same transaction.
 */
async function noticeOnce(
  n: { tx: Tx; dealId: string; merchantId: string; instalmentId: string; line: InstalmentLine; now: Date },
  column: "reminderSentAt" | "lateNoticeSentAt",
  action: string,
  template: EmailTemplate,
): Promise<boolean> {
  const claimed = await n.tx.dealInstalment.updateMany({
    where: { id: n.instalmentId, [column]: null },
    data: { [column]: n.now },
  });
  if (claimed.count !== 1) return false;
  await emailMerchantTeam(n.tx, n.merchantId, { template });
  await recordAudit(n.tx, {
    actor: null,
    action,
    entityType: "Deal",
    entityId: n.dealId,
    summary: { instalment: n.line.number, dueOn: n.line.dueOn, remainingCents: n.line.remainingCents },
  });
  return true;
}

export async function runServicingJobs(
  db: Db,
  now: Date = new Date(),
): Promise<{ late: number; reminders: number; lateNotices: number }> {
  const today = dayOf(now);
  const todayDate = dayDate(today);
  const reminderHorizon = new Date(todayDate.getTime() + REMINDER_DAYS * 86_400_000);
  // Every open deal with an instalment that may need a notice, in batches: a deal whose past
  // instalments were all paid stays a candidate (what is paid is computed, not stored), so a
  // fixed-size first page could starve the others.
  const candidates: { id: string }[] = [];
  for (let cursor: string | null = null; ; ) {
    const page: { id: string }[] = await db.deal.findMany({
      where: {
        status: { in: [...OPEN_DEAL_STATUSES] },
        instalments: {
          some: {
            OR: [
              { dueOn: { lt: todayDate }, lateNoticeSentAt: null },
              { dueOn: { gte: todayDate, lte: reminderHorizon }, reminderSentAt: null },
            ],
          },
        },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: "asc" },
      select: { id: true },
      take: 500,
    });
    candidates.push(...page);
    if (page.length < 500) break;
    cursor = page[page.length - 1]?.id ?? null;
  }
  let late = 0;
  let reminders = 0;
  let lateNotices = 0;
  for (const { id } of candidates) {
    const done = await db.$transaction(async (tx) => {
      const deal = await tx.deal.findUnique({ where: { id }, select: DEAL_SELECT });
      if (!deal || !OPEN_DEAL_STATUSES.includes(deal.status as DealStatus))
        return { late: 0, reminders: 0, notices: 0 };
      const ledger = buildLedger(termsOf(deal), instalmentsOf(deal), paymentsOf(deal), today);
      const counts = { late: 0, reminders: 0, notices: 0 };
      if (deal.status === "CURRENT" && ledger.daysPastDue > 0) {
        const moved = await transition(tx, DEAL_WORKFLOW, {
          id: deal.id,
          from: ["CURRENT"],
          to: "LATE",
          actor: null,
          summary: { daysPastDue: ledger.daysPastDue, outstandingCents: ledger.outstandingCents },
        });
        if (moved.ok) counts.late += 1;
      }
      const lender = deal.lenderOrg.name;
      for (const line of ledger.instalments) {
        const row = deal.instalments.find((i) => i.number === line.number);
        if (!row || line.remainingCents === 0) continue;
        const notice = { tx, dealId: deal.id, merchantId: deal.merchantId, instalmentId: row.id, line, now };
        if (line.state === "PAST_DUE" && !row.lateNoticeSentAt) {
          const sent = await noticeOnce(
            notice,
            "lateNoticeSentAt",
            "deal.late-notice",
            latePaymentEmail({
              lenderName: lender,
              number: line.number,
              amount: formatMoney(line.amountCents),
              remaining: formatMoney(line.remainingCents),
              dueOn: line.dueOn,
              daysPastDue: line.daysPastDue,
              dealId: deal.id,
            }),
          );
          if (sent) counts.notices += 1;
        } else if (line.dueOn >= today && line.dueOn <= dayOf(reminderHorizon) && !row.reminderSentAt) {
          const sent = await noticeOnce(
            notice,
            "reminderSentAt",
            "deal.reminder",
            paymentReminderEmail({
              lenderName: lender,
              number: line.number,
              amount: formatMoney(line.remainingCents),
              dueOn: line.dueOn,
              dealId: deal.id,
            }),
          );
          if (sent) counts.reminders += 1;
        }
      }
      return counts;
    });
    late += done.late;
    reminders += done.reminders;
    lateNotices += done.notices;
  }
  return { late, reminders, lateNotices };
}
