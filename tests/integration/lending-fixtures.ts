// Lenders and submitted applications for the lender-side integration tests: a merchant with a real
// (sandbox) bank history submits through the app, to exactly the lenders given.
import { expect } from "vitest";
import {
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  unique,
} from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request, shownDisclosureHash } from "./app";

export const PASSWORD = "correct horse battery staple";
export const today = () => new Date().toISOString().slice(0, 10);

export const offerForm = {
  intent: "offer",
  productType: "INVOICE_FACTORING",
  amount: "80,000",
  advanceRate: "85",
  feePer30Days: "1.5",
  termDays: "60",
  recourse: "WITH_RECOURSE",
  expiresInDays: "14",
};

/** A lender with `products` matching factoring products and one underwriter (logged in). */
export async function lender(name: string, products = 1) {
  const org = await createLenderOrg(prisma, { name: unique(`${name} `) });
  const productIds: string[] = [];
  for (let i = 1; i <= products; i += 1) {
    const product = await createProduct(prisma, {
      lenderOrgId: org.id,
      name: `${name} factoring ${i}`,
      type: "INVOICE_FACTORING",
      minAmountCents: 1_000_000,
      maxAmountCents: 100_000_000,
      minScore: 400,
      minMonthsInBusiness: 12,
      minAnnualRevenueCents: 10_000_000n,
      maxOecdCategory: 7,
      acceptedPaymentTerms: ["OPEN_ACCOUNT", "LETTER_OF_CREDIT"],
      minTenorDays: 30,
      maxTenorDays: 180,
      advanceRateBps: 8500,
      feePer30DaysMinBps: 100,
      feePer30DaysMaxBps: 300,
    });
    productIds.push(product.id);
  }
  const user = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("u")}@l.example`,
    name: `${name} Underwriter`,
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  return { org, productIds, user, cookie: await cookieFor(user.id) };
}

/** Runs `work` while only the given lenders are ACTIVE (the others are parked as PENDING). */
export async function withOnlyActive<T>(lenderOrgIds: string[], work: () => Promise<T>): Promise<T> {
  const others = await prisma.lenderOrg.findMany({
    where: { id: { notIn: lenderOrgIds }, status: "ACTIVE" },
    select: { id: true },
  });
  const ids = others.map((o) => o.id);
  await prisma.lenderOrg.updateMany({ where: { id: { in: ids } }, data: { status: "PENDING" } });
  try {
    return await work();
  } finally {
    await prisma.lenderOrg.updateMany({ where: { id: { in: ids } }, data: { status: "ACTIVE" } });
  }
}

/**
 * A merchant with a complete profile, a synced bank history and an $80,000 order to a buyer in
 * Japan, and a draft application for it ("INVOICE_FACTORING" unless said), not yet sent.
 */
export async function draftWithOrder(namePrefix: string, productTypeWanted = "INVOICE_FACTORING") {
  const merchant = await createMerchant(prisma, {
    email: `${unique("lf")}@example.com`,
    userName: "Rv Owner",
    password: PASSWORD,
    legalName: unique(`${namePrefix} `),
    complete: true,
    yearFounded: 2012,
  });
  const { public_token } = await createSandboxPublicToken("steady_exporter");
  const { connectionId } = await connectBank(prisma, {
    merchantId: merchant.merchantId,
    publicToken: public_token,
    actor: { id: merchant.userId, role: "MERCHANT" },
    ip: "127.0.0.1",
  });
  await syncConnection(prisma, connectionId);
  const order = await createExportOrder(prisma, {
    merchantId: merchant.merchantId,
    buyerName: "Yamato Outdoor Supply K.K.",
    buyerCountry: "JP",
    poNumber: unique("PO-"),
    amountMinor: 8_000_000n,
    currency: "USD",
    orderDate: new Date(`${today()}T00:00:00Z`),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: 60,
    incoterm: "FOB",
  });
  const cookie = await cookieFor(merchant.userId);
  const created = await request("/merchant/applications/new", {
    cookie,
    form: {
      amount: "80,000",
      purpose: "Invoice financing for the Yamato order",
      productTypeWanted,
      tenorDays: "60",
      orderIds: [order.id],
    },
  });
  const applicationId = (created.headers.get("Location") ?? "").split("/").pop() ?? "";
  return { merchant, cookie, applicationId };
}

/** A merchant whose submitted application went to exactly the given lenders (all their products). */
export async function submitted(
  lenderOrgIds: string[],
  productTypeWanted = "INVOICE_FACTORING",
  namePrefix = "Lending Exports",
) {
  const { merchant, cookie, applicationId } = await draftWithOrder(namePrefix, productTypeWanted);
  await withOnlyActive(lenderOrgIds, () =>
    request(`/merchant/applications/${applicationId}`, {
      cookie,
      form: { intent: "submit", confirm: "on" },
    }),
  );
  const referrals = await prisma.referral.findMany({
    where: { applicationId },
    orderBy: { fitRank: "asc" },
    select: { id: true, lenderOrgId: true },
  });
  expect([...new Set(referrals.map((r) => r.lenderOrgId))].sort()).toEqual([...lenderOrgIds].sort());
  return {
    merchant,
    cookie,
    applicationId,
    referralOf: (orgId: string) => referrals.find((r) => r.lenderOrgId === orgId)?.id ?? "",
    referralsOf: (orgId: string) => referrals.filter((r) => r.lenderOrgId === orgId).map((r) => r.id),
  };
}

/** POSTs a form to a lender's referral page and answers the status. */
export async function post(referralId: string, cookie: string, form: Record<string, string | string[]>) {
  return (await request(`/lender/referrals/${referralId}`, { cookie, form })).status;
}

export async function statusOf(kind: "referral" | "application" | "offer", id: string): Promise<string> {
  const where = { where: { id }, select: { status: true } } as const;
  const row =
    kind === "referral"
      ? await prisma.referral.findUniqueOrThrow(where)
      : kind === "application"
        ? await prisma.application.findUniqueOrThrow(where)
        : await prisma.offer.findUniqueOrThrow(where);
  return row.status;
}

/** The merchant signs the application's first offer as its page shows it; answers the offer's id. */
export async function acceptFirstOffer(app: { cookie: string; applicationId: string }) {
  const offer = await prisma.offer.findFirstOrThrow({
    where: { applicationId: app.applicationId },
    select: { id: true },
  });
  const page = await (
    await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
  ).text();
  const accepted = await request(`/merchant/applications/${app.applicationId}`, {
    cookie: app.cookie,
    form: {
      intent: "accept-offer",
      offerId: offer.id,
      signatureName: "Rv Owner",
      consent: "on",
      disclosureSha256: shownDisclosureHash(page, offer.id),
    },
  });
  expect(accepted.status).toBe(302);
  return offer.id;
}
