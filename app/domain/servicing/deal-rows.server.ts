// How servicing reads a deal: one select for every page and service, and the plain view of it with
// its ledger computed by the pure core (docs/design/servicing.md).
import type { Prisma } from "~/utils/db.server";
import {
  buildLedger,
  type DealTerms,
  dayOf,
  expectedRebate,
  type Instalment,
  type Ledger,
  type Payment,
} from "./ledger";
import { type DealStatus, OPEN_DEAL_STATUSES } from "./workflow";

/** A calendar day (YYYY-MM-DD) as the date stored for it, 00:00 UTC. */
export const dayDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

export const DEAL_SELECT = {
  id: true,
  status: true,
  productType: true,
  fundedOn: true,
  currency: true,
  rebateCents: true,
  paidOffOn: true,
  writtenOffAt: true,
  writeOffReason: true,
  updatedAt: true,
  merchantId: true,
  lenderOrgId: true,
  applicationId: true,
  offerId: true,
  lenderOrg: { select: { name: true } },
  merchant: { select: { legalName: true, dbaName: true } },
  offer: {
    select: {
      referralId: true,
      amountCents: true,
      advanceRateBps: true,
      feeBps: true,
      feePeriodDays: true,
      termDays: true,
      interestRateBps: true,
      paymentFrequency: true,
      totalRepaymentCents: true,
      fundsProvidedCents: true,
      prepaymentTerms: true,
    },
  },
  instalments: {
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      dueOn: true,
      amountCents: true,
      reminderSentAt: true,
      lateNoticeSentAt: true,
    },
  },
  payments: {
    orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      amountCents: true,
      paidOn: true,
      reference: true,
      payer: true,
      bankTransactionId: true,
      createdAt: true,
    },
  },
} as const satisfies Prisma.DealSelect;

export type DealRow = Prisma.DealGetPayload<{ select: typeof DEAL_SELECT }>;

export function termsOf(deal: DealRow): DealTerms {
  return {
    productType: deal.productType,
    fundedOn: dayOf(deal.fundedOn),
    amountCents: deal.offer.amountCents,
    advanceRateBps: deal.offer.advanceRateBps,
    feeBps: deal.offer.feeBps,
    feePeriodDays: deal.offer.feePeriodDays,
    termDays: deal.offer.termDays,
    interestRateBps: deal.offer.interestRateBps,
    paymentFrequency: deal.offer.paymentFrequency,
    totalRepaymentCents: deal.offer.totalRepaymentCents,
  };
}

export const instalmentsOf = (deal: DealRow): Instalment[] =>
  deal.instalments.map((i) => ({ number: i.number, dueOn: dayOf(i.dueOn), amountCents: i.amountCents }));
export const paymentsOf = (deal: DealRow): Payment[] =>
  deal.payments.map((p) => ({
    amountCents: p.amountCents,
    paidOn: dayOf(p.paidOn),
    byBuyer: p.payer === "BUYER",
  }));

export type DealView = {
  id: string;
  status: DealStatus;
  productType: string;
  fundedOn: string;
  lenderName: string;
  merchantName: string;
  referralId: string;
  applicationId: string;
  fundsProvidedCents: number;
  totalRepaymentCents: number;
  faceValueCents: number;
  prepaymentTerms: string;
  rebateCents: number;
  /** Factoring, still open: the rebate if the buyer pays the whole invoice on its due date. */
  expectedRebateCents: number | null;
  writtenOffAt: Date | null;
  writeOffReason: string | null;
  ledger: Ledger;
  payments: {
    id: string;
    amountCents: number;
    paidOn: string;
    reference: string;
    payer: string;
    fromBankFeed: boolean;
  }[];
};

export function viewOf(deal: DealRow, today: string): DealView {
  const terms = termsOf(deal);
  const instalments = instalmentsOf(deal);
  const ledger = buildLedger(terms, instalments, paymentsOf(deal), today);
  const open = OPEN_DEAL_STATUSES.includes(deal.status as DealStatus);
  const lastDue = instalments.at(-1)?.dueOn ?? today;
  return {
    id: deal.id,
    status: deal.status as DealStatus,
    productType: deal.productType,
    fundedOn: dayOf(deal.fundedOn),
    lenderName: deal.lenderOrg.name,
    merchantName: deal.merchant.dbaName || deal.merchant.legalName,
    referralId: deal.offer.referralId,
    applicationId: deal.applicationId,
    fundsProvidedCents: deal.offer.fundsProvidedCents,
    totalRepaymentCents: deal.offer.totalRepaymentCents,
    faceValueCents: deal.offer.amountCents,
    prepaymentTerms: deal.offer.prepaymentTerms,
    rebateCents: deal.rebateCents,
    expectedRebateCents:
      deal.productType === "INVOICE_FACTORING" && open
        ? expectedRebate(terms, instalments, lastDue < today ? today : lastDue)
        : null,
    writtenOffAt: deal.writtenOffAt,
    writeOffReason: deal.writeOffReason,
    ledger: open ? ledger : { ...ledger, next: null, daysPastDue: 0, payoffTodayCents: 0 },
    payments: deal.payments.map((p) => ({
      id: p.id,
      amountCents: p.amountCents,
      paidOn: dayOf(p.paidOn),
      reference: p.reference,
      payer: p.payer,
      fromBankFeed: p.bankTransactionId !== null,
    })),
  };
}
