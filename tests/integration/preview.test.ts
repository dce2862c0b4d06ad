import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createExportOrder,
  createLenderOrg,
  createMerchant,
  createProduct,
  seedFxRates,
  unique,
} from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

function product(lenderOrgId: string, patch: Partial<Parameters<typeof createProduct>[1]> = {}) {
  return createProduct(prisma, {
    lenderOrgId,
    name: unique("Product "),
    type: "PO_FINANCING",
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 500,
    minMonthsInBusiness: 24,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 5,
    acceptedPaymentTerms: ["LETTER_OF_CREDIT", "OPEN_ACCOUNT"],
    minTenorDays: 30,
    maxTenorDays: 180,
    advanceRateBps: 8500,
    feePer30DaysMinBps: 200,
    feePer30DaysMaxBps: 400,
    ...patch,
  });
}

describe("merchant preview of matching", () => {
  it("counts the partners that would consider an application, and follows partner status", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("pv")}@example.com`,
      userName: "Preview",
      password: "correct horse battery staple",
      legalName: "Preview LLC",
      complete: true,
      yearFounded: 2014,
      naicsCode: "339920",
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
      poNumber: "YOS-P1",
      amountMinor: 18_600_000n,
      currency: "JPY",
      orderDate: new Date(`${today}T00:00:00Z`),
      paymentTerm: "LETTER_OF_CREDIT",
      paymentTermDays: 60,
      incoterm: "FOB",
    });
    const a = await createLenderOrg(prisma, { name: unique("Alpha ") });
    const b = await createLenderOrg(prisma, { name: unique("Beta ") });
    await product(a.id);
    await product(a.id, { type: "INVOICE_FACTORING" });
    await product(b.id, { acceptedPaymentTerms: ["CASH_IN_ADVANCE"] });
    const cookie = await cookieFor(merchant.userId);

    const ask = (query: string) => request(`/merchant/options?${query}`, { cookie }).then((r) => r.text());
    const before = await prisma.lenderOrg.count({ where: { status: "ACTIVE" } });
    const html = await ask(`amount=50000&productType=ANY&tenorDays=90&orderIds=${order.id}`);
    const count = Number(/(\d+) lending partners? would consider/.exec(html)?.[1] ?? "-1");
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(before);
    expect(html).not.toContain(a.name);
    expect(html).not.toContain("Beta");

    await prisma.lenderOrg.update({ where: { id: a.id }, data: { status: "SUSPENDED" } });
    const after = await ask(`amount=50000&productType=ANY&tenorDays=90&orderIds=${order.id}`);
    const countAfter = Number(/(\d+) lending partners? would consider/.exec(after)?.[1] ?? "0");
    expect(countAfter).toBe(count - 1);

    const bad = await ask("amount=abc&productType=LOTTERY&tenorDays=-3&orderIds=not-mine");
    expect(bad).toContain("Enter an amount from $1,000 to $20,000,000.");
    expect(bad).toMatch(/aria-invalid="true"/);
  });

  it("counts only lenders licensed in the merchant's state, and says what stands in the way", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("pvla")}@example.com`,
      userName: "Bayou Preview",
      password: "correct horse battery staple",
      legalName: "Bayou Preview LLC",
      complete: true,
      yearFounded: 2014,
      addressState: "LA",
      stateOfIncorporation: "DE",
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
      buyerName: "Orchid Beauty Pte Ltd",
      buyerCountry: "SG",
      poNumber: "OB-P1",
      amountMinor: 6_000_000n,
      currency: "USD",
      orderDate: new Date(`${today}T00:00:00Z`),
      paymentTerm: "CASH_IN_ADVANCE",
      paymentTermDays: 0,
      incoterm: "FOB",
    });
    // Licensed in Delaware (where the merchant is incorporated) and New York, not Louisiana.
    const elsewhere = await createLenderOrg(prisma, {
      name: unique("Elsewhere "),
      statesLicensed: ["DE", "NY"],
    });
    await product(elsewhere.id, { acceptedPaymentTerms: ["CASH_IN_ADVANCE"] });
    const cookie = await cookieFor(merchant.userId);
    const ask = (query: string) =>
      request(`/merchant/options?${query}`, { cookie })
        .then((r) => r.text())
        .then((html) => html.replaceAll("&#x27;", "'"));
    const partners = (html: string) =>
      Number(/(\d+) lending partners? would consider/.exec(html)?.[1] ?? "0");

    const before = await ask(`amount=50000&productType=PO_FINANCING&tenorDays=90&orderIds=${order.id}`);
    expect(before).toContain("from lenders not licensed in Louisiana, where the business is.");
    await prisma.lenderOrg.update({ where: { id: elsewhere.id }, data: { statesLicensed: "LA,NY" } });
    const after = await ask(`amount=50000&productType=PO_FINANCING&tenorDays=90&orderIds=${order.id}`);
    expect(partners(after)).toBe(partners(before) + 1);
    expect(after).not.toContain(elsewhere.name);

    // Purchase-order financing without an attached order: no product can consider it, and the
    // merchant is told why in plain words.
    const bare = await ask("amount=50000&productType=PO_FINANCING&tenorDays=90");
    expect(bare).toContain("No lending partner would consider this application as it stands.");
    expect(bare).toMatch(
      /(All \d+ products|The only product|\d+ of \d+ products?) finances? an export order and needs? at least one attached\./,
    );
  });
});
