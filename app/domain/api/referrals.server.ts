// What the lenders' API reads (docs/design/api.md): the same queue, review page and product
// queries as the pages, shaped as plain JSON. Everything is scoped to the key's organisation; a
// referral the lender may not open (another lender's, or one a suspended partner no longer sees)
// is null, which the API answers with 404.
import { packageForLender } from "~/domain/applications/package.server";
import { listProducts } from "~/domain/lenders/products.server";
import {
  cursorAfter,
  listReferrals,
  type QueueCursor,
  type QueueFilter,
  statusesSeenBy,
} from "~/domain/lenders/queue.server";
import { effectiveOfferStatus } from "~/domain/offers/offer-status";
import { getReferralForLender, reviewControls } from "~/domain/referrals/referrals.server";
import type { Db } from "~/utils/db.server";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

export function encodeCursor(sort: QueueFilter["sort"], cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.value, cursor.id]), "utf8").toString("base64url");
}

/** The cursor a client sent back, or null when it is not one of ours (or was made for another sort). */
export function decodeCursor(sort: QueueFilter["sort"], text: string): QueueCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) return null;
    const [, value, id] = parsed;
    if (typeof id !== "string" || id.length > 40) return null;
    if (value !== null && typeof value !== "string" && typeof value !== "number") return null;
    if ((sort === "newest" || sort === "oldest") && Number.isNaN(new Date(String(value)).getTime()))
      return null;
    return { value, id };
  } catch {
    return null;
  }
}

/** One page of the lender's referrals, in the filter's order, and the cursor of the next page. */
export async function referralPage(
  db: Db,
  input: { lenderOrgId: string; filter: QueueFilter; after: QueueCursor | null; limit: number },
) {
  const org = await db.lenderOrg.findUniqueOrThrow({
    where: { id: input.lenderOrgId },
    select: { status: true },
  });
  const page = await listReferrals(db, input.lenderOrgId, input.filter, undefined, {
    onlyStatuses: statusesSeenBy(org.status),
    after: input.after ?? undefined,
    limit: input.limit + 1,
  });
  const rows = page.rows.slice(0, input.limit);
  const last = rows.at(-1);
  return {
    data: rows.map(({ assigneeName: _assignee, ...row }) => row),
    nextCursor:
      page.rows.length > input.limit && last
        ? encodeCursor(input.filter.sort, cursorAfter(input.filter.sort, last))
        : null,
  };
}

const OFFER_SELECT = {
  id: true,
  status: true,
  productType: true,
  amountCents: true,
  currency: true,
  advanceRateBps: true,
  feeBps: true,
  feePeriodDays: true,
  interestRateBps: true,
  termDays: true,
  paymentFrequency: true,
  paymentCount: true,
  paymentAmountCents: true,
  scheduleJson: true,
  fundsProvidedCents: true,
  financeChargeCents: true,
  totalRepaymentCents: true,
  estimatedAprBps: true,
  feeDeductedCents: true,
  prepaymentTerms: true,
  securityTerms: true,
  recourse: true,
  expiresAt: true,
  createdAt: true,
  acceptedAt: true,
  declinedAt: true,
  withdrawnAt: true,
  withdrawnReason: true,
  funding: { select: { amountCents: true, fundedOn: true, reference: true } },
} as const;

/** The lender's offers on one referral, newest first, each with the disclosure the merchant was given. */
export async function offersOfReferral(db: Db, lenderOrgId: string, referralId: string, now = new Date()) {
  const offers = await db.offer.findMany({
    where: { referralId, lenderOrgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: OFFER_SELECT,
  });
  return offers.map((o) => ({
    id: o.id,
    status: effectiveOfferStatus(o, now),
    productType: o.productType,
    amountCents: o.amountCents,
    currency: o.currency,
    advanceRateBps: o.advanceRateBps,
    feeBps: o.feeBps,
    feePeriodDays: o.feePeriodDays,
    interestRateBps: o.interestRateBps,
    recourse: o.recourse,
    securityTerms: o.securityTerms,
    expiresAt: o.expiresAt.toISOString(),
    createdAt: o.createdAt.toISOString(),
    acceptedAt: iso(o.acceptedAt),
    declinedAt: iso(o.declinedAt),
    withdrawnAt: iso(o.withdrawnAt),
    withdrawnReason: o.withdrawnReason,
    disclosure: {
      fundsProvidedCents: o.fundsProvidedCents,
      financeChargeCents: o.financeChargeCents,
      totalRepaymentCents: o.totalRepaymentCents,
      estimatedAprBps: o.estimatedAprBps,
      feeDeductedCents: o.feeDeductedCents,
      termDays: o.termDays,
      paymentFrequency: o.paymentFrequency,
      paymentCount: o.paymentCount,
      paymentAmountCents: o.paymentAmountCents,
      schedule: JSON.parse(o.scheduleJson) as { number: number; dueInDays: number; amountCents: number }[],
      prepaymentTerms: o.prepaymentTerms,
    },
    funding: o.funding
      ? {
          amountCents: o.funding.amountCents,
          fundedOn: day(o.funding.fundedOn),
          reference: o.funding.reference,
        }
      : null,
  }));
}

/**
 * One referral as the review page shows it: the request, the frozen package (never the
 * demographic answers: they are not in it), the documents added since, the lender's information
 * requests and offers, and which decisions the rules allow now. Null when the lender may not open it.
 */
export async function referralForApi(db: Db, lenderOrgId: string, referralId: string, now = new Date()) {
  const referral = await getReferralForLender(db, lenderOrgId, referralId, now);
  if (!referral) return null;
  const [view, controls, offers] = await Promise.all([
    packageForLender(db, lenderOrgId, referral.id),
    reviewControls(db, { lenderOrgId, referralId: referral.id, lenderRole: "UNDERWRITER", actorId: "", now }),
    offersOfReferral(db, lenderOrgId, referral.id, now),
  ]);
  if (!controls) return null;
  const stored = view?.stored ?? null;
  const app = referral.application;
  const documentHref = (id: string) => `/api/v1/referrals/${referral.id}/documents/${id}`;
  return {
    id: referral.id,
    status: referral.status,
    createdAt: referral.createdAt.toISOString(),
    reviewStartedAt: iso(referral.reviewStartedAt),
    decidedAt: iso(referral.decidedAt),
    declineReasons: referral.declineReasonsJson
      ? (JSON.parse(referral.declineReasonsJson) as string[])
      : null,
    product: { name: referral.product.name, type: referral.product.type },
    application: {
      id: app.id,
      status: app.status,
      requestedAmountCents: app.requestedAmountCents,
      purpose: app.purpose,
      productTypeWanted: app.productTypeWanted,
      tenorDays: app.tenorDays,
      submittedAt: iso(app.submittedAt),
    },
    merchant: stored
      ? { legalName: stored.package.profile.legalName, dbaName: stored.package.profile.dbaName }
      : { legalName: app.merchant.legalName, dbaName: app.merchant.dbaName },
    package: stored
      ? {
          sha256: stored.sha256,
          intact: stored.intact,
          frozenAt: stored.frozenAt.toISOString(),
          content: stored.package,
          changesSince: view?.changes ?? [],
        }
      : null,
    documents: (view?.documents ?? []).map((d) => ({
      id: d.id,
      fileName: d.fileName,
      type: d.type,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt.toISOString(),
      href: documentHref(d.id),
    })),
    infoRequests: referral.infoRequests.map((r) => ({
      id: r.id,
      question: r.question,
      documentType: r.documentType,
      status: r.status,
      responseText: r.responseText,
      respondedAt: iso(r.respondedAt),
      createdAt: r.createdAt.toISOString(),
      dueAt: iso(r.dueAt),
      documents: r.documents.map((d) => ({
        id: d.id,
        fileName: d.fileName,
        sizeBytes: d.sizeBytes,
        contentType: d.contentType,
        href: documentHref(d.id),
      })),
    })),
    offers,
    allowedActions: {
      startReview: controls.actions.start,
      requestInformation: controls.actions["request-info"],
      decline: controls.actions.decline,
      offer: controls.actions.offer,
      withdrawOffer: controls.actions["withdraw-offer"],
      recordFunding: controls.actions.fund,
    },
    partnerStatus: controls.partnerStatus,
  };
}

export type ApiReferral = NonNullable<Awaited<ReturnType<typeof referralForApi>>>;

/** The lender's products, as its products page lists them. */
export async function productsForApi(db: Db, lenderOrgId: string) {
  const products = await listProducts(db, lenderOrgId);
  return products.map(({ _count, ...p }) => ({ ...p, referrals: _count.referrals }));
}
