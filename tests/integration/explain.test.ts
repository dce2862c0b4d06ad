import { describe, expect, it } from "vitest";
import {
  createAdmin,
  createExportOrder,
  createLenderOrg,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  seedFxRates,
  unique,
} from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

describe("admin: why each product matched an application", () => {
  it("lists applications and explains every product with the criteria compared", async () => {
    await seedFxRates(prisma, new Date());
    const admin = await createAdmin(prisma, {
      email: `${unique("ex")}@tradelift.example`,
      name: "Ex",
      password: "correct horse battery staple",
    });
    const merchant = await createMerchant(prisma, {
      email: `${unique("exm")}@example.com`,
      userName: "Exm",
      password: "correct horse battery staple",
      legalName: unique("Explained Exports "),
      complete: true,
      yearFounded: 2010,
      naicsCode: "111335",
    });
    const org = await createLenderOrg(prisma, { name: unique("Explainer Bank ") });
    const base = {
      lenderOrgId: org.id,
      ...OPEN_TERM_LOAN,
      minMonthsInBusiness: 12,
    };
    await createProduct(prisma, { ...base, name: "Blocks nut farms", blockedNaicsPrefixes: ["1113"] });
    await createProduct(prisma, { ...base, name: "Short loans only", maxTenorDays: 60 });
    await createProduct(prisma, { ...base, name: "Small loans only", maxAmountCents: 4_000_000 });
    await createProduct(prisma, {
      ...base,
      name: "Letters of credit only",
      acceptedPaymentTerms: ["LETTER_OF_CREDIT"],
    });
    await createProduct(prisma, { ...base, name: "Low risk only", maxOecdCategory: 2 });
    await createProduct(prisma, {
      ...base,
      name: "Vietnam only",
      countryMode: "ALLOWED_ONLY",
      allowedCountries: ["VN"],
      maxOecdCategory: 2,
    });
    await createProduct(prisma, { ...base, name: "Factoring", type: "INVOICE_FACTORING" });
    const elsewhere = await createLenderOrg(prisma, {
      name: unique("Elsewhere Bank "),
      statesLicensed: ["NY", "LA"],
    });
    await createProduct(prisma, { ...base, lenderOrgId: elsewhere.id, name: "New York and Louisiana only" });
    const order = await createExportOrder(prisma, {
      merchantId: merchant.merchantId,
      buyerName: "Mumbai Dry Fruits Traders",
      buyerCountry: "IN",
      poNumber: "MDF-1",
      amountMinor: 3_120_000n,
      currency: "USD",
      orderDate: new Date(),
      paymentTerm: "OPEN_ACCOUNT",
      paymentTermDays: 60,
      incoterm: "CFR",
    });
    const application = await prisma.application.create({
      data: {
        merchantId: merchant.merchantId,
        requestedAmountCents: 5_000_000,
        purpose: "Almond purchases for the harvest",
        productTypeWanted: "TERM_LOAN",
        tenorDays: 120,
        status: "DRAFT",
        orders: { create: [{ exportOrderId: order.id }] },
      },
      select: { id: true },
    });
    const cookie = await cookieFor(admin.id);
    const list = await (await request("/admin/applications", { cookie })).text();
    expect(list).toContain(`/admin/applications/${application.id}`);
    const html = await (await request(`/admin/applications/${application.id}`, { cookie })).text();
    // In plain words: the behaviour changed from "required → actual" codes to sentences (issue #13).
    const text = html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
    expect(text).toContain(
      "This product does not finance the business's industry (NAICS codes starting 1113).",
    );
    expect(text).toContain("The 120 days asked for are longer than this product's maximum of 60 days.");
    expect(text).toContain("The business has no Trade Readiness Score; this product needs at least 0.");
    expect(text).toContain("The amount requested, $50,000, is above this product's maximum of $40,000.");
    expect(text).toContain(
      "The business is in California, where this lender is not licensed (it is licensed in Louisiana and New York).",
    );
    expect(text).toContain(
      'Payment term "Open account" is not accepted by this product (it accepts Letter of credit).',
    );
    expect(text).toContain("India is in OECD country risk category 3, above this product's maximum of 2.");
    expect(text).toContain("MDF-1 (India, Open account)");
    const table = text.slice(text.indexOf("<table"), text.indexOf("</table>"));
    expect(table).not.toMatch(/OPEN_ACCOUNT|LETTER_OF_CREDIT|TERM_LOAN| cents/);

    // Without an attached order, no export criterion is taken as met.
    const bare = await prisma.application.create({
      data: {
        merchantId: merchant.merchantId,
        requestedAmountCents: 5_000_000,
        purpose: "Working capital without a specific order",
        productTypeWanted: "ANY",
        tenorDays: 120,
        status: "DRAFT",
      },
      select: { id: true },
    });
    const bareText = (await (await request(`/admin/applications/${bare.id}`, { cookie })).text()).replaceAll(
      "&#x27;",
      "'",
    );
    expect(bareText).toContain("none attached");
    expect(bareText).toContain(
      "Export invoice factoring finances an order: it needs at least one attached export order.",
    );
    expect(bareText).toContain(
      "Needs an attached export order to check the buyer country (buyers in Vietnam).",
    );
    expect(bareText).toContain(
      "Needs an attached export order to check the buyer&#x27;s country risk".replace("&#x27;", "'"),
    );
    expect(
      await prisma.auditEvent.count({
        where: { action: "admin.application_viewed", entityId: application.id },
      }),
    ).toBe(1);
    expect((await request("/admin/applications/nope", { cookie })).status).toBe(404);
  });

  it("pages through every application, newest first, and filters by status", async () => {
    const admin = await createAdmin(prisma, {
      email: `${unique("pages")}@tradelift.example`,
      name: "Pages",
      password: "correct horse battery staple",
    });
    const merchant = await createMerchant(prisma, {
      email: `${unique("pagesm")}@example.com`,
      userName: "Pagesm",
      password: "correct horse battery staple",
      legalName: unique("Paged Exports "),
    });
    // 60 more applications than the platform had, a minute apart, the newest last; every third withdrawn.
    const start = Date.now() + 86_400_000;
    const made: { id: string; status: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const status = i % 3 === 0 ? "WITHDRAWN" : "SUBMITTED";
      const application = await prisma.application.create({
        data: {
          merchantId: merchant.merchantId,
          requestedAmountCents: 5_000_000 + i,
          purpose: `Paged application ${i}`,
          productTypeWanted: "ANY",
          tenorDays: 90,
          status,
          createdAt: new Date(start + i * 60_000),
        },
        select: { id: true },
      });
      made.push({ id: application.id, status });
    }
    const cookie = await cookieFor(admin.id);
    const idsOn = async (query: string) => {
      const html = await (await request(`/admin/applications${query}`, { cookie })).text();
      return [...html.matchAll(/href="\/admin\/applications\/([^"?]+)"/g)].map((m) => m[1]);
    };
    const newestFirst = [...made].reverse();
    const total = await prisma.application.count();
    const first = await idsOn("");
    expect(first).toEqual(newestFirst.slice(0, 50).map((a) => a.id));
    const second = await idsOn("?page=2");
    expect(second.slice(0, 10)).toEqual(newestFirst.slice(50).map((a) => a.id));
    const firstPage = await (await request("/admin/applications", { cookie })).text();
    expect(firstPage).toContain(`${total} applications · page 1 of ${Math.ceil(total / 50)}`);

    const withdrawn = await idsOn("?status=WITHDRAWN");
    expect(withdrawn.slice(0, 20)).toEqual(
      newestFirst.filter((a) => a.status === "WITHDRAWN").map((a) => a.id),
    );
    // A status that does not exist, or a page that does not parse, is ignored rather than an error.
    expect(await idsOn("?status=NOPE&page=zero")).toEqual(first);
    const beyond = await request("/admin/applications?page=99999", { cookie });
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toContain("No applications on this page");
  });
});
