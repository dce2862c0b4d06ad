// Buyer-payment evidence in the application package (docs/design/application-package.md), through
// the built app: frozen at submission from the merchant's synced bank feed, shown on the lender's
// review page and on the merchant's own copy, with a plain sentence for a buyer that never paid,
// and an older package (format 1) still rendering without it.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  seedFxRates,
  unique,
} from "#tests/factories";
import { canonicalJson, parsePackage } from "~/domain/applications/package";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);
const DAY = 86_400_000;
let lenderCookie = "";

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
  const org = await createLenderOrg(prisma, { name: unique("Evidence Lender ") });
  const lender = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("uw")}@lender.example`,
    name: "Evidence UW",
    password: "correct horse battery staple",
    lenderRole: "UNDERWRITER",
  });
  lenderCookie = await cookieFor(lender.id);
  await createProduct(prisma, {
    lenderOrgId: org.id,
    name: unique("PO financing "),
    type: "PO_FINANCING",
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 300,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: ["LETTER_OF_CREDIT", "OPEN_ACCOUNT"],
    minTenorDays: 30,
    maxTenorDays: 180,
    advanceRateBps: 8500,
    feePer30DaysMinBps: 150,
    feePer30DaysMaxBps: 350,
  });
});
afterAll(async () => {
  await sandbox.close();
});

const order = (merchantId: string, buyerName: string, amountMinor = 4_000_000n) =>
  createExportOrder(prisma, {
    merchantId,
    buyerName,
    buyerCountry: "JP",
    poNumber: unique("PO-"),
    amountMinor,
    currency: "USD",
    orderDate: new Date(`${today}T00:00:00Z`),
    paymentTerm: "LETTER_OF_CREDIT",
    paymentTermDays: 60,
    incoterm: "FOB",
  });

/** A steady exporter (its bank feed has wires from "YAMATO OUTDOOR SUPPLY KK") that applies. */
async function apply() {
  const merchant = await createMerchant(prisma, {
    email: `${unique("bp")}@example.com`,
    userName: "Evidence Applicant",
    password: "correct horse battery staple",
    legalName: unique("Evidence Exports "),
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
  const yamato = await order(merchant.merchantId, "Yamato Outdoor Supply Co., Ltd.");
  const kyoto = await order(merchant.merchantId, "Kyoto Fine Papers K.K.");
  const cookie = await cookieFor(merchant.userId);
  return { ...merchant, cookie, orderIds: [yamato.id, kyoto.id] };
}

async function submit(cookie: string, orderIds: string[]) {
  const created = await request("/merchant/applications/new", {
    cookie,
    form: {
      amount: "75,000",
      purpose: "Materials and freight for two Japanese orders",
      productTypeWanted: "ANY",
      tenorDays: "90",
      orderIds,
    },
  });
  expect(created.status).toBe(302);
  const id = (created.headers.get("Location") ?? "").split("/").pop() ?? "";
  const sent = await request(`/merchant/applications/${id}`, {
    cookie,
    form: { intent: "submit", confirm: "on" },
  });
  expect(sent.status).toBe(302);
  const referral = await prisma.referral.findFirstOrThrow({
    where: { applicationId: id },
    select: { id: true },
  });
  return { id, referralId: referral.id };
}

describe("buyer-payment evidence", () => {
  it("is frozen at submission from the bank feed and shown to the lender and the merchant", async () => {
    const merchant = await apply();
    // The deposits the buyer's wires left in the feed, read independently of the code under test.
    const wires = await prisma.bankTransaction.findMany({
      where: {
        merchantId: merchant.merchantId,
        amountCents: { gt: 0 },
        pending: false,
        name: { startsWith: "WIRE IN YAMATO OUTDOOR SUPPLY KK" },
        account: { type: "depository" },
      },
      orderBy: [{ postedDate: "asc" }, { id: "asc" }],
      select: { postedDate: true, amountCents: true },
    });
    expect(wires.length).toBeGreaterThan(10);
    // An earlier invoice to the same buyer, paid by one of those wires 40 days later: a wire that no
    // other wire of about its amount (within 2 %) came before in those 40 days.
    const paid = wires.find(
      (w, at) =>
        at > 5 &&
        !wires.some(
          (o) =>
            o !== w &&
            o.postedDate <= w.postedDate &&
            o.postedDate.getTime() >= w.postedDate.getTime() - 40 * DAY &&
            Math.abs(o.amountCents - w.amountCents) <= w.amountCents * 0.02,
        ),
    );
    if (!paid) throw new Error("no wire to pair");
    const earlier = await order(merchant.merchantId, "YAMATO OUTDOOR SUPPLY KK", BigInt(paid.amountCents));
    await prisma.exportOrder.update({
      where: { id: earlier.id },
      data: { invoiceDate: new Date(paid.postedDate.getTime() - 40 * DAY) },
    });

    const { id, referralId } = await submit(merchant.cookie, merchant.orderIds);
    const stored = await prisma.applicationPackage.findUniqueOrThrow({
      where: { applicationId: id },
      select: { packageJson: true, formatVersion: true },
    });
    expect(stored.formatVersion).toBe(2);
    const pkg = parsePackage(stored.packageJson);
    const evidence = pkg.buyerPayments;
    if (!evidence) throw new Error("the package has no buyer-payment evidence");
    expect(evidence.to).toBe(pkg.bank.asOf);
    const inWindow = wires.filter((w) => {
      const day = w.postedDate.toISOString().slice(0, 10);
      return day >= evidence.from && day <= evidence.to;
    });
    const total = inWindow.reduce((sum, w) => sum + w.amountCents, 0);
    const [yamato, kyoto] = evidence.buyers;
    expect(yamato).toMatchObject({
      buyerName: "Yamato Outdoor Supply Co., Ltd.",
      deposits: inWindow.length,
      totals: [{ currency: "USD", cents: total }],
      firstDate: inWindow[0]?.postedDate.toISOString().slice(0, 10),
      lastDate: inWindow.at(-1)?.postedDate.toISOString().slice(0, 10),
      invoicesOnFile: 1,
      invoicesPaired: 1,
      averageDaysToPay: 40,
    });
    expect(kyoto).toMatchObject({ buyerName: "Kyoto Fine Papers K.K.", deposits: 0, totals: [] });

    const lenderPage = await (
      await request(`/lender/referrals/${referralId}`, { cookie: lenderCookie })
    ).text();
    expect(lenderPage).toContain("How the buyers have paid before");
    expect(lenderPage).toContain(
      `${inWindow.length} deposits totalling ${formatMoney(total, "USD").replace("&", "&amp;")}`,
    );
    expect(lenderPage).toContain("40 days on average from invoice to payment");
    expect(lenderPage).toContain("No deposits from this buyer in the connected accounts.");

    const application = await (
      await request(`/merchant/applications/${id}`, { cookie: merchant.cookie })
    ).text();
    expect(application).toContain(`/merchant/applications/${id}/package`);
    const own = await request(`/merchant/applications/${id}/package`, { cookie: merchant.cookie });
    expect(own.status).toBe(200);
    const ownPage = await own.text();
    expect(ownPage).toContain("How the buyers have paid before");
    expect(ownPage).toContain("No deposits from this buyer in the connected accounts.");
    expect(ownPage).toContain(`${inWindow.length} deposits totalling`);
    // What a screening found is never shown to the screened party.
    expect(ownPage).not.toContain("Sanctions screening");
  });

  it("leaves an older package (format 1) rendering without it", async () => {
    const merchant = await apply();
    const { id, referralId } = await submit(merchant.cookie, merchant.orderIds);
    // A package as format 1 wrote it: the same JSON without the section.
    const row = await prisma.applicationPackage.findUniqueOrThrow({ where: { applicationId: id } });
    const { buyerPayments: _dropped, ...rest } = parsePackage(row.packageJson);
    const packageJson = canonicalJson({ ...rest, formatVersion: 1 });
    await prisma.applicationPackage.update({
      where: { applicationId: id },
      data: {
        formatVersion: 1,
        packageJson,
        sha256: createHash("sha256").update(packageJson, "utf8").digest("hex"),
      },
    });
    const page = await request(`/lender/referrals/${referralId}`, { cookie: lenderCookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("frozen before buyer-payment evidence was part of packages");
    expect(html).not.toContain("no longer matches the fingerprint");
  });
});
