// For admins: why each lender product matched an application or did not, in plain words.
import { currentScoreReport, getScoreReport } from "~/domain/scoring/score.server";
import type { Db } from "~/utils/db.server";
import { matchApplication } from "./match";
import { loadMatchProducts, matchMerchantFrom } from "./matching.server";
import { type DescribedFailure, describeFailure } from "./why-not";

export async function explainApplication(db: Db, applicationId: string) {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      status: true,
      merchantId: true,
      requestedAmountCents: true,
      productTypeWanted: true,
      tenorDays: true,
      purpose: true,
      submittedAt: true,
      scoreReportId: true,
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
        select: {
          exportOrder: {
            select: {
              poNumber: true,
              buyerName: true,
              buyerCountry: true,
              buyerRegion: true,
              paymentTerm: true,
            },
          },
        },
      },
    },
  });
  if (!application) return null;
  // The evidence the lenders saw: the report frozen at submission; for a draft, today's score.
  const report = application.scoreReportId
    ? await getScoreReport(db, application.merchantId, application.scoreReportId)
    : await currentScoreReport(db, application.merchantId);
  const merchant = matchMerchantFrom({
    score: report?.score ?? null,
    avgMonthlyRevenueCents: report?.features.avgMonthlyRevenueCents ?? null,
    ...application.merchant,
    today: application.submittedAt ?? new Date(),
  });
  const orders = application.orders.map((o) => o.exportOrder);
  const products = await loadMatchProducts(db);
  const result = matchApplication(
    {
      amountCents: application.requestedAmountCents,
      productType: application.productTypeWanted as Parameters<typeof matchApplication>[0]["productType"],
      tenorDays: application.tenorDays,
      orders: orders.map((o) => ({ buyerCountry: o.buyerCountry, paymentTerm: o.paymentTerm })),
    },
    merchant,
    products,
  );
  const names = new Map(
    (
      await db.lenderProduct.findMany({
        where: { id: { in: products.map((p) => p.id) } },
        select: { id: true, name: true, type: true, lenderOrg: { select: { name: true } } },
      })
    ).map((p) => [p.id, { product: p.name, lender: p.lenderOrg.name, type: p.type }]),
  );
  const rows: {
    productId: string;
    product: string;
    lender: string;
    type: string;
    rank: number | null;
    /** In plain words: money, countries, states and payment terms named for people. */
    failures: DescribedFailure[];
  }[] = [
    ...result.eligible.map((e) => ({
      productId: e.productId,
      ...(names.get(e.productId) ?? { product: e.productId, lender: "", type: "" }),
      rank: e.rank,
      failures: [],
    })),
    ...result.ineligible.map((i) => ({
      productId: i.productId,
      ...(names.get(i.productId) ?? { product: i.productId, lender: "", type: "" }),
      rank: null,
      failures: i.failures.map(describeFailure),
    })),
  ];
  return {
    application,
    orders,
    merchant,
    report,
    rows,
    submission: await submittedMatching(db, application.id),
  };
}

/**
 * The matching that happened when the application was sent, as it was recorded then (not re-run):
 * the products referred, in rank order, with the indicative price they were ranked by, and how
 * many eligible products the referral limit left out (the submission's audit event counts them;
 * which ones is not recorded). Referrals made later by a re-match are marked as such.
 */
async function submittedMatching(db: Db, applicationId: string) {
  const event = await db.auditEvent.findFirst({
    where: { entityType: "Application", entityId: applicationId, action: "application.submitted" },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, summaryJson: true },
  });
  if (!event) return null;
  const summary = JSON.parse(event.summaryJson) as { eligibleProducts?: number; referrals?: number };
  const referrals = await db.referral.findMany({
    where: { applicationId },
    orderBy: [{ createdAt: "asc" }, { fitRank: "asc" }],
    select: {
      id: true,
      fitRank: true,
      status: true,
      matchDetailJson: true,
      product: { select: { name: true, type: true } },
      lenderOrg: { select: { name: true } },
    },
  });
  // A re-match (after a partner's suspension) records `rematched` in each new referral's event.
  const rematched = new Set(
    (
      await db.auditEvent.findMany({
        where: {
          entityType: "Referral",
          action: "referral.created",
          entityId: { in: referrals.map((r) => r.id) },
          summaryJson: { contains: '"rematched":true' },
        },
        select: { entityId: true },
      })
    ).map((e) => e.entityId),
  );
  const atSubmission = referrals.filter((r) => !rematched.has(r.id));
  const detail = (json: string) => JSON.parse(json) as { indicativeAprBps?: number };
  const eligible = summary.eligibleProducts ?? null;
  const referred = summary.referrals ?? atSubmission.length;
  return {
    at: event.createdAt,
    eligible,
    referred,
    cutByLimit: eligible === null ? null : Math.max(0, eligible - referred),
    referrals: referrals.map((r) => ({
      id: r.id,
      rank: r.fitRank,
      lender: r.lenderOrg.name,
      product: r.product.name,
      type: r.product.type,
      status: r.status,
      indicativeAprBps: detail(r.matchDetailJson).indicativeAprBps ?? null,
      rematched: rematched.has(r.id),
    })),
  };
}
