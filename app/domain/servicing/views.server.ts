// What servicing shows beyond one deal: the lender's portfolio, the merchant's "What I owe" and the
// admins' figures per partner (docs/design/servicing.md).
import type { Db } from "~/utils/db.server";
import { DEAL_SELECT, type DealView, viewOf } from "./deal-rows.server";
import { dayOf, type Ledger } from "./ledger";
import { type DealStatus, OPEN_DEAL_STATUSES } from "./workflow";

export type DealSummary = {
  id: string;
  status: DealStatus;
  productType: string;
  counterparty: string;
  fundedOn: string;
  fundsProvidedCents: number;
  outstandingCents: number;
  next: Ledger["next"];
  daysPastDue: number;
  rebateCents: number;
  expectedRebateCents: number | null;
};

function summaryOf(view: DealView, counterparty: string): DealSummary {
  return {
    id: view.id,
    status: view.status,
    productType: view.productType,
    counterparty,
    fundedOn: view.fundedOn,
    fundsProvidedCents: view.fundsProvidedCents,
    outstandingCents: view.status === "WRITTEN_OFF" ? 0 : view.ledger.outstandingCents,
    next: view.ledger.next,
    daysPastDue: view.ledger.daysPastDue,
    rebateCents: view.rebateCents,
    expectedRebateCents: view.expectedRebateCents,
  };
}

export type Portfolio = {
  deals: DealSummary[];
  byProduct: { productType: string; count: number; outstandingCents: number }[];
  dueSoon: { dealId: string; counterparty: string; dueOn: string; amountCents: number }[];
  totals: {
    fundedCents: number;
    outstandingCents: number;
    dueSoonCents: number;
    lateCount: number;
    lateOutstandingCents: number;
    paidOffCount: number;
    writtenOffCount: number;
  };
};

/** The lender's deals: outstanding by product, due in the next 30 days, late, paid off, with totals. */
export async function lenderPortfolio(
  db: Db,
  lenderOrgId: string,
  now: Date = new Date(),
): Promise<Portfolio> {
  const rows = await db.deal.findMany({
    where: { lenderOrgId },
    orderBy: { fundedOn: "desc" },
    select: DEAL_SELECT,
  });
  const today = dayOf(now);
  const horizon = dayOf(new Date(now.getTime() + 30 * 86_400_000));
  const views = rows.map((row) => viewOf(row, today));
  const deals = views.map((v) => summaryOf(v, v.merchantName));
  const byProduct = new Map<string, { count: number; outstandingCents: number }>();
  for (const deal of deals) {
    if (!OPEN_DEAL_STATUSES.includes(deal.status)) continue;
    const entry = byProduct.get(deal.productType) ?? { count: 0, outstandingCents: 0 };
    entry.count += 1;
    entry.outstandingCents += deal.outstandingCents;
    byProduct.set(deal.productType, entry);
  }
  const dueSoon = views
    .filter((v) => OPEN_DEAL_STATUSES.includes(v.status))
    .flatMap((v) =>
      v.ledger.instalments
        .filter((i) => i.remainingCents > 0 && i.dueOn >= today && i.dueOn <= horizon)
        .map((i) => ({
          dealId: v.id,
          counterparty: v.merchantName,
          dueOn: i.dueOn,
          amountCents: i.remainingCents,
        })),
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const late = deals.filter((d) => d.status === "LATE" || (d.status === "CURRENT" && d.daysPastDue > 0));
  return {
    deals,
    byProduct: [...byProduct].map(([productType, e]) => ({ productType, ...e })),
    dueSoon,
    totals: {
      fundedCents: deals.reduce((s, d) => s + d.fundsProvidedCents, 0),
      outstandingCents: deals.reduce((s, d) => s + d.outstandingCents, 0),
      dueSoonCents: dueSoon.reduce((s, d) => s + d.amountCents, 0),
      lateCount: late.length,
      lateOutstandingCents: late.reduce((s, d) => s + d.outstandingCents, 0),
      paidOffCount: deals.filter((d) => d.status === "PAID_OFF").length,
      writtenOffCount: deals.filter((d) => d.status === "WRITTEN_OFF").length,
    },
  };
}

/** The merchant's deals, each with its schedule and payments ("What I owe"). */
export async function merchantDeals(db: Db, merchantId: string, now: Date = new Date()): Promise<DealView[]> {
  const rows = await db.deal.findMany({
    where: { merchantId },
    orderBy: { fundedOn: "desc" },
    select: DEAL_SELECT,
  });
  return rows.map((row) => viewOf(row, dayOf(now)));
}

export type PartnerServicing = {
  lenderOrgId: string;
  name: string;
  deals: number;
  fundedCents: number;
  outstandingCents: number;
  openDeals: number;
  lateDeals: number;
  /** Late deals ÷ open deals, in basis points (0 when none is open). */
  lateRateBps: number;
};

/** Platform-wide funded volume, outstanding and late rate per partner, for admins. */
export async function servicingByPartner(db: Db, now: Date = new Date()): Promise<PartnerServicing[]> {
  const rows = await db.deal.findMany({ orderBy: { lenderOrgId: "asc" }, select: DEAL_SELECT });
  const today = dayOf(now);
  const partners = new Map<string, PartnerServicing>();
  for (const row of rows) {
    const view = viewOf(row, today);
    const entry = partners.get(row.lenderOrgId) ?? {
      lenderOrgId: row.lenderOrgId,
      name: row.lenderOrg.name,
      deals: 0,
      fundedCents: 0,
      outstandingCents: 0,
      openDeals: 0,
      lateDeals: 0,
      lateRateBps: 0,
    };
    entry.deals += 1;
    entry.fundedCents += view.fundsProvidedCents;
    if (OPEN_DEAL_STATUSES.includes(view.status)) {
      entry.openDeals += 1;
      entry.outstandingCents += view.ledger.outstandingCents;
      if (view.status === "LATE" || view.ledger.daysPastDue > 0) entry.lateDeals += 1;
    }
    partners.set(row.lenderOrgId, entry);
  }
  return [...partners.values()]
    .map((p) => ({ ...p, lateRateBps: p.openDeals ? Math.round((p.lateDeals * 10_000) / p.openDeals) : 0 }))
    .sort((a, b) => b.fundedCents - a.fundedCents || a.name.localeCompare(b.name));
}
