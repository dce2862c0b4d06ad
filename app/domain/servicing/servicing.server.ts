// Servicing a funded deal (docs/design/servicing.md): the deal is opened with its dated
// instalments in the transaction that records the funding; the lender records payments (typed, or
// confirmed from the merchant's bank feed), settles a factored invoice when the buyer pays, or
// writes the deal off. Every status move goes through DEAL_WORKFLOW's guard; every payment is
// audited. What is paid and owed is always computed from the rows by the pure ledger.
import { emailMerchantTeam } from "~/domain/applications/team-mail.server";
import { type AuditActor, recordAudit } from "~/domain/audit/audit.server";
import { formatMoney } from "~/domain/money";
import { paymentRecordedEmail, writtenOffEmail } from "~/domain/notifications/templates";
import { expectedPaymentDate } from "~/domain/orders/orders";
import { createInStatus, transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { type FeedTransaction, MATCH_WINDOW_DAYS, type Suggestion, suggestMatches } from "./bank-match";
import {
  DEAL_SELECT,
  type DealRow,
  type DealView,
  dayDate,
  instalmentsOf,
  paymentsOf,
  termsOf,
  viewOf,
} from "./deal-rows.server";
import {
  buildLedger,
  dayOf,
  instalmentsFrom,
  isFeeProduct,
  type Ledger,
  paymentProblem,
  type ScheduleEntry,
} from "./ledger";
import { DEAL_WORKFLOW, type DealStatus, dealStatusFor, OPEN_DEAL_STATUSES } from "./workflow";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; role: string };

/**
 * Opens the deal of a funding just recorded, in the caller's transaction: one instalment per
 * scheduled payment, dated from the funding day; a fee product's single amount falls on the day
 * the buyer of the attached orders is expected to pay (the latest of them), when known.
 */
export async function openDeal(
  tx: Tx,
  input: { offerId: string; fundingId: string; fundedOn: Date; actor: AuditActor; ip: string | null },
): Promise<{ id: string }> {
  const offer = await tx.offer.findUniqueOrThrow({
    where: { id: input.offerId },
    select: {
      id: true,
      applicationId: true,
      lenderOrgId: true,
      productType: true,
      scheduleJson: true,
      currency: true,
      totalRepaymentCents: true,
      application: {
        select: {
          merchantId: true,
          orders: {
            select: {
              exportOrder: {
                select: { orderDate: true, expectedShipDate: true, invoiceDate: true, paymentTermDays: true },
              },
            },
          },
        },
      },
    },
  });
  const fundedOn = dayOf(input.fundedOn);
  const buyerDays = isFeeProduct(offer.productType)
    ? offer.application.orders.map((o) => dayOf(expectedPaymentDate(o.exportOrder))).sort()
    : [];
  const instalments = instalmentsFrom(
    JSON.parse(offer.scheduleJson) as ScheduleEntry[],
    fundedOn,
    buyerDays.at(-1) ?? null,
  );
  const deal = await createInStatus(tx, DEAL_WORKFLOW, {
    status: "CURRENT",
    data: {
      offerId: offer.id,
      fundingId: input.fundingId,
      applicationId: offer.applicationId,
      lenderOrgId: offer.lenderOrgId,
      merchantId: offer.application.merchantId,
      productType: offer.productType,
      fundedOn: dayDate(fundedOn),
      currency: offer.currency,
    },
    actor: input.actor,
    ip: input.ip,
    action: "deal.opened",
    summary: {
      offerId: offer.id,
      fundedOn,
      instalments: instalments.length,
      firstDueOn: instalments[0]?.dueOn ?? null,
      totalRepaymentCents: offer.totalRepaymentCents,
    },
  });
  await tx.dealInstalment.createMany({
    data: instalments.map((i) => ({
      dealId: deal.id,
      number: i.number,
      dueOn: dayDate(i.dueOn),
      amountCents: i.amountCents,
    })),
  });
  return deal;
}

/** The lender's deal with its ledger and the bank-feed debits that may be its payments; null if not theirs. */
export async function getDealForLender(
  db: Db,
  lenderOrgId: string,
  dealId: string,
  now: Date = new Date(),
): Promise<(DealView & { suggestions: Suggestion[] }) | null> {
  const deal = await db.deal.findFirst({ where: { id: dealId, lenderOrgId }, select: DEAL_SELECT });
  if (!deal) return null;
  const view = viewOf(deal, dayOf(now));
  return { ...view, suggestions: await bankSuggestions(db, deal, view) };
}

async function bankSuggestions(db: Db | Tx, deal: DealRow, view: DealView): Promise<Suggestion[]> {
  const index = view.ledger.instalments.findIndex((i) => i.remainingCents > 0);
  const open = view.ledger.instalments[index];
  if (!open || !OPEN_DEAL_STATUSES.includes(view.status)) return [];
  const periodStart = view.ledger.instalments[index - 1]?.dueOn ?? view.fundedOn;
  const from = dayDate(periodStart);
  const to = new Date(Date.parse(`${open.dueOn}T00:00:00.000Z`) + MATCH_WINDOW_DAYS * 86_400_000);
  const rows = await db.bankTransaction.findMany({
    where: {
      merchantId: deal.merchantId,
      amountCents: { lt: 0 },
      pending: false,
      removedAt: null,
      postedDate: { gte: from, lte: to },
      dealPayment: null,
    },
    orderBy: { postedDate: "asc" },
    take: 200,
    select: { id: true, postedDate: true, amountCents: true, name: true, counterpartyName: true },
  });
  const feed: FeedTransaction[] = rows.map((r) => ({ ...r, postedOn: dayOf(r.postedDate) }));
  return suggestMatches({ ...open, periodStart }, deal.lenderOrg.name, feed, new Set()).slice(0, 5);
}

/** The deal of a referral, for a link from the review page; null before funding. */
export async function dealIdOfReferral(
  db: Db,
  lenderOrgId: string,
  referralId: string,
): Promise<string | null> {
  const deal = await db.deal.findFirst({
    where: { lenderOrgId, offer: { referralId } },
    select: { id: true },
  });
  return deal?.id ?? null;
}

export type ServicingOutcome =
  | { ok: true; status: DealStatus; rebateCents: number }
  | { ok: false; reason: "not-found" | "conflict"; message: string; field?: undefined }
  | { ok: false; reason: "invalid"; field: "amount" | "paidOn" | "bankTransactionId"; message: string };

class Refusal extends Error {
  constructor(readonly outcome: ServicingOutcome) {
    super(outcome.ok ? "ok" : outcome.message);
  }
}

async function refusable(work: () => Promise<ServicingOutcome>): Promise<ServicingOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error.outcome;
    throw error;
  }
}

/**
 * Claims the deal for this change: a conditional update on the version read, so of two people
 * recording payments at once one is told to reload instead of both being applied to a stale ledger.
 */
async function claim(tx: Tx, deal: DealRow, now: Date): Promise<void> {
  const claimed = await tx.deal.updateMany({
    where: { id: deal.id, updatedAt: deal.updatedAt },
    data: { updatedAt: new Date(Math.max(now.getTime(), deal.updatedAt.getTime() + 1)) },
  });
  if (claimed.count !== 1)
    throw new Refusal({
      ok: false,
      reason: "conflict",
      message: "Someone else changed this deal in the meantime; reload the page.",
    });
}

/** Moves the deal to the status its ledger calls for, if different (paid off, late, current again). */
async function settleStatus(
  tx: Tx,
  deal: DealRow,
  ledger: Ledger,
  audit: { actor: AuditActor; ip: string | null },
): Promise<DealStatus> {
  const from = deal.status as DealStatus;
  const to = dealStatusFor(ledger);
  if (to === from) return from;
  const moved = await transition(tx, DEAL_WORKFLOW, {
    id: deal.id,
    from: [from],
    to,
    data:
      to === "PAID_OFF"
        ? { paidOffOn: dayDate(ledger.paidOffOn ?? dayOf(new Date())), rebateCents: ledger.surplusCents }
        : {},
    actor: audit.actor,
    ip: audit.ip,
    summary: {
      outstandingCents: ledger.outstandingCents,
      daysPastDue: ledger.daysPastDue,
      ...(to === "PAID_OFF" ? { paidOffOn: ledger.paidOffOn, rebateCents: ledger.surplusCents } : {}),
    },
  });
  if (!moved.ok)
    throw new Refusal({
      ok: false,
      reason: "conflict",
      message: "Someone else changed this deal in the meantime; reload the page.",
    });
  return to;
}

/**
 * The lender records a payment: by the merchant, or for factoring the buyer's payment of the
 * invoice (payer BUYER), which may reach the face value: what it pays above the amount owed is the
 * merchant's rebate. A payment may be confirmed from the merchant's bank feed (bankTransactionId),
 * which must be a debit of that merchant not yet recorded. Over-payments are refused.
 */
export async function recordPayment(
  db: Db,
  input: {
    lenderOrgId: string;
    dealId: string;
    amountCents: number;
    paidOn: Date;
    reference: string;
    payer: "MERCHANT" | "BUYER";
    bankTransactionId?: string | null;
    actor: Actor;
    ip: string | null;
    now?: Date;
  },
): Promise<ServicingOutcome> {
  const now = input.now ?? new Date();
  return refusable(() =>
    db.$transaction(async (tx) => {
      const deal = await tx.deal.findFirst({
        where: { id: input.dealId, lenderOrgId: input.lenderOrgId },
        select: DEAL_SELECT,
      });
      if (!deal) return { ok: false, reason: "not-found", message: "This deal is not yours." };
      if (!OPEN_DEAL_STATUSES.includes(deal.status as DealStatus))
        return {
          ok: false,
          reason: "conflict",
          message: `This deal is ${DEAL_WORKFLOW.labels[deal.status as DealStatus].toLowerCase()}: no more payments can be recorded.`,
        };
      if (input.payer === "BUYER" && deal.productType !== "INVOICE_FACTORING")
        return {
          ok: false,
          reason: "invalid",
          field: "amount",
          message: "Only a factored invoice is settled by the buyer's payment.",
        };
      if (input.bankTransactionId) {
        const transaction = await tx.bankTransaction.findFirst({
          where: { id: input.bankTransactionId, merchantId: deal.merchantId, amountCents: { lt: 0 } },
          select: { id: true, dealPayment: { select: { id: true } } },
        });
        if (!transaction || transaction.dealPayment)
          return {
            ok: false,
            reason: "invalid",
            field: "bankTransactionId",
            message:
              "That bank transaction cannot be recorded as a payment of this deal (it is not the merchant's, or is recorded already).",
          };
      }
      const terms = termsOf(deal);
      const instalments = instalmentsOf(deal);
      const payments = paymentsOf(deal);
      const payment = {
        amountCents: input.amountCents,
        paidOn: dayOf(input.paidOn),
        byBuyer: input.payer === "BUYER",
      };
      const problem = paymentProblem(terms, instalments, payments, payment, dayOf(now), formatMoney);
      if (problem) return { ok: false, reason: "invalid", ...problem };
      await claim(tx, deal, now);
      const reference = input.reference.trim();
      const created = await tx.dealPayment.create({
        data: {
          dealId: deal.id,
          amountCents: input.amountCents,
          paidOn: dayDate(payment.paidOn),
          reference,
          payer: input.payer,
          bankTransactionId: input.bankTransactionId ?? null,
          recordedById: input.actor.id,
        },
        select: { id: true },
      });
      const ledger = buildLedger(terms, instalments, [...payments, payment], dayOf(now));
      await recordAudit(tx, {
        actor: input.actor,
        action: input.payer === "BUYER" ? "deal.buyer-paid" : "deal.payment",
        entityType: "Deal",
        entityId: deal.id,
        summary: {
          paymentId: created.id,
          amountCents: input.amountCents,
          paidOn: payment.paidOn,
          reference,
          payer: input.payer,
          ...(input.bankTransactionId ? { bankTransactionId: input.bankTransactionId } : {}),
          outstandingCents: ledger.outstandingCents,
        },
        ip: input.ip,
      });
      const status = await settleStatus(tx, deal, ledger, { actor: input.actor, ip: input.ip });
      await emailMerchantTeam(tx, deal.merchantId, {
        template: paymentRecordedEmail({
          lenderName: deal.lenderOrg.name,
          byBuyer: input.payer === "BUYER",
          amount: formatMoney(input.amountCents),
          paidOn: payment.paidOn,
          dealId: deal.id,
          outcome:
            status !== "PAID_OFF"
              ? {
                  kind: "open",
                  outstanding: formatMoney(ledger.outstandingCents),
                  next: ledger.next
                    ? { amount: formatMoney(ledger.next.amountCents), dueOn: ledger.next.dueOn }
                    : null,
                }
              : deal.productType === "INVOICE_FACTORING" && ledger.surplusCents > 0
                ? { kind: "rebate", rebate: formatMoney(ledger.surplusCents) }
                : { kind: "paid-off" },
        }),
      });
      return { ok: true, status, rebateCents: status === "PAID_OFF" ? ledger.surplusCents : 0 };
    }),
  );
}

/** The lender writes off what is left of an open deal, with its reason; the merchant is told. */
export async function writeOffDeal(
  db: Db,
  input: { lenderOrgId: string; dealId: string; reason: string; actor: Actor; ip: string | null; now?: Date },
): Promise<ServicingOutcome> {
  const now = input.now ?? new Date();
  return refusable(() =>
    db.$transaction(async (tx) => {
      const deal = await tx.deal.findFirst({
        where: { id: input.dealId, lenderOrgId: input.lenderOrgId },
        select: DEAL_SELECT,
      });
      if (!deal) return { ok: false, reason: "not-found", message: "This deal is not yours." };
      const ledger = buildLedger(termsOf(deal), instalmentsOf(deal), paymentsOf(deal), dayOf(now));
      const reason = input.reason.trim();
      const moved = await transition(tx, DEAL_WORKFLOW, {
        id: deal.id,
        from: [...OPEN_DEAL_STATUSES],
        to: "WRITTEN_OFF",
        data: { writtenOffAt: now, writeOffReason: reason },
        actor: input.actor,
        ip: input.ip,
        summary: { reason, outstandingCents: ledger.outstandingCents, daysPastDue: ledger.daysPastDue },
      });
      if (!moved.ok)
        return {
          ok: false,
          reason: "conflict",
          message:
            moved.reason === "conflict"
              ? "Only a current or late deal can be written off."
              : "This deal is not yours.",
        };
      await emailMerchantTeam(tx, deal.merchantId, {
        template: writtenOffEmail({
          lenderName: deal.lenderOrg.name,
          outstanding: formatMoney(ledger.outstandingCents),
          reason,
          dealId: deal.id,
        }),
      });
      return { ok: true, status: "WRITTEN_OFF", rebateCents: 0 };
    }),
  );
}

/**
 * The lender confirms a debit from the merchant's bank feed (a suggested match) as a payment: its
 * amount and date, with the feed's description as the reference, linked to the transaction once.
 */
export async function confirmBankMatch(
  db: Db,
  input: {
    lenderOrgId: string;
    dealId: string;
    bankTransactionId: string;
    actor: Actor;
    ip: string | null;
    now?: Date;
  },
): Promise<ServicingOutcome> {
  const deal = await db.deal.findFirst({
    where: { id: input.dealId, lenderOrgId: input.lenderOrgId },
    select: { merchantId: true },
  });
  if (!deal) return { ok: false, reason: "not-found", message: "This deal is not yours." };
  const transaction = await db.bankTransaction.findFirst({
    where: { id: input.bankTransactionId, merchantId: deal.merchantId, amountCents: { lt: 0 } },
    select: { id: true, amountCents: true, postedDate: true, name: true },
  });
  if (!transaction)
    return {
      ok: false,
      reason: "invalid",
      field: "bankTransactionId",
      message: "That bank transaction is not one of the merchant's payments.",
    };
  return recordPayment(db, {
    lenderOrgId: input.lenderOrgId,
    dealId: input.dealId,
    amountCents: -transaction.amountCents,
    paidOn: transaction.postedDate,
    reference: `Bank feed: ${transaction.name}`.slice(0, 100),
    payer: "MERCHANT",
    bankTransactionId: transaction.id,
    actor: input.actor,
    ip: input.ip,
    now: input.now,
  });
}
