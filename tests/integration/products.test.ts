import { beforeAll, describe, expect, it } from "vitest";
import { createLenderOrg, createLenderUser, createProduct, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
let orgId = "";
let adminCookie = "";
let underwriterCookie = "";
let otherAdminCookie = "";

const valid = {
  intent: "save",
  name: "Export Invoice Factoring Plus",
  type: "INVOICE_FACTORING",
  minAmount: "25,000",
  maxAmount: "1,500,000",
  minScore: "500",
  minMonthsInBusiness: "12",
  minAnnualRevenue: "300,000",
  countryMode: "ANY",
  blockedCountries: ["RU", "IR"],
  maxOecdCategory: "5",
  acceptedPaymentTerms: ["OPEN_ACCOUNT", "DOC_COLLECTION_DA"],
  blockedNaicsPrefixes: "1113, 3254",
  minTenorDays: "30",
  maxTenorDays: "120",
  advanceRate: "85",
  priceMin: "0.9",
  priceMax: "2.5",
};

beforeAll(async () => {
  const org = await createLenderOrg(prisma, { name: unique("Products Lender ") });
  const other = await createLenderOrg(prisma, { name: unique("Other Lender ") });
  orgId = org.id;
  adminCookie = await cookieFor(
    (
      await createLenderUser(prisma, {
        lenderOrgId: org.id,
        email: `${unique("pa")}@l.example`,
        name: "PA",
        password: PASSWORD,
        lenderRole: "ADMIN",
      })
    ).id,
  );
  underwriterCookie = await cookieFor(
    (
      await createLenderUser(prisma, {
        lenderOrgId: org.id,
        email: `${unique("pu")}@l.example`,
        name: "PU",
        password: PASSWORD,
        lenderRole: "UNDERWRITER",
      })
    ).id,
  );
  otherAdminCookie = await cookieFor(
    (
      await createLenderUser(prisma, {
        lenderOrgId: other.id,
        email: `${unique("oa")}@l.example`,
        name: "OA",
        password: PASSWORD,
        lenderRole: "ADMIN",
      })
    ).id,
  );
});

describe("lender products", () => {
  it("a lender admin creates a product with integer money and basis points, audited", async () => {
    const response = await request("/lender/products/new", { cookie: adminCookie, form: valid });
    expect(response.status).toBe(302);
    const product = await prisma.lenderProduct.findFirstOrThrow({
      where: { lenderOrgId: orgId, name: valid.name },
    });
    expect(product).toMatchObject({
      type: "INVOICE_FACTORING",
      status: "ACTIVE",
      minAmountCents: 2_500_000,
      maxAmountCents: 150_000_000,
      minAnnualRevenueCents: 30_000_000n,
      blockedCountries: "IR,RU",
      acceptedPaymentTerms: "OPEN_ACCOUNT,DOC_COLLECTION_DA",
      blockedNaicsPrefixes: "1113,3254",
      advanceRateBps: 8500,
      feePer30DaysMinBps: 90,
      feePer30DaysMaxBps: 250,
      aprMinBps: null,
    });
    expect(
      await prisma.auditEvent.count({ where: { entityId: product.id, action: "lender.product_created" } }),
    ).toBe(1);
  });

  it("refuses contradictions with field errors and writes nothing", async () => {
    const before = await prisma.lenderProduct.count();
    const cases: [string, Record<string, string | string[]>][] = [
      ["min above max", { minAmount: "2,000,000", maxAmount: "1,000,000" }],
      ["advance over 100%", { advanceRate: "120" }],
      ["allowed-only with no country", { countryMode: "ALLOWED_ONLY", allowedCountries: [] }],
      [
        "country allowed and blocked",
        { countryMode: "ALLOWED_ONLY", allowedCountries: ["JP", "RU"], blockedCountries: ["RU"] },
      ],
      ["tenor reversed", { minTenorDays: "200", maxTenorDays: "100" }],
      ["price reversed", { priceMin: "3", priceMax: "1" }],
      ["score out of range", { minScore: "1200" }],
      ["no payment term", { acceptedPaymentTerms: [] }],
      ["bad NAICS prefix", { blockedNaicsPrefixes: "abc" }],
      ["hostile name", { name: "<img src=x onerror=alert(1)>" }],
    ];
    for (const [label, patch] of cases) {
      const response = await request("/lender/products/new", {
        cookie: adminCookie,
        form: { ...valid, ...patch },
      });
      expect(response.status, label).toBe(400);
      expect(await response.text(), label).toMatch(/aria-invalid="true"|class="field-errors"/);
    }
    expect(await prisma.lenderProduct.count()).toBe(before);
  });

  it("an underwriter reads products but cannot change them; another lender cannot see them", async () => {
    const { id } = await createProduct(prisma, {
      lenderOrgId: orgId,
      name: "Read Only Product",
      type: "TERM_LOAN",
      minAmountCents: 5_000_000,
      maxAmountCents: 50_000_000,
      minScore: 600,
      minMonthsInBusiness: 24,
      minAnnualRevenueCents: 50_000_000n,
      maxOecdCategory: 7,
      acceptedPaymentTerms: ["OPEN_ACCOUNT"],
      minTenorDays: 365,
      maxTenorDays: 1825,
      advanceRateBps: 10000,
      aprMinBps: 950,
      aprMaxBps: 1600,
    });
    expect((await request(`/lender/products/${id}`, { cookie: underwriterCookie })).status).toBe(200);
    expect(
      (await request(`/lender/products/${id}`, { cookie: underwriterCookie, form: { intent: "pause" } }))
        .status,
    ).toBe(404);
    expect((await request("/lender/products/new", { cookie: underwriterCookie })).status).toBe(404);
    expect((await request(`/lender/products/${id}`, { cookie: otherAdminCookie })).status).toBe(404);
    expect(
      (await request(`/lender/products/${id}`, { cookie: otherAdminCookie, form: { intent: "pause" } }))
        .status,
    ).toBe(404);
    expect(
      (await prisma.lenderProduct.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("ACTIVE");

    expect(
      (await request(`/lender/products/${id}`, { cookie: adminCookie, form: { intent: "pause" } })).status,
    ).toBe(302);
    expect(
      (await prisma.lenderProduct.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("PAUSED");
    expect(
      (await request(`/lender/products/${id}`, { cookie: adminCookie, form: { intent: "resume" } })).status,
    ).toBe(302);
    expect(
      (await prisma.lenderProduct.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("ACTIVE");
  });

  it("an edit is audited with each criterion it changed, before and after", async () => {
    const created = await request("/lender/products/new", {
      cookie: adminCookie,
      form: { ...valid, name: "Audited Factoring" },
    });
    expect(created.status).toBe(302);
    const product = await prisma.lenderProduct.findFirstOrThrow({
      where: { lenderOrgId: orgId, name: "Audited Factoring" },
      select: { id: true },
    });
    const createdEvent = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: product.id, action: "lender.product_created" },
      select: { summaryJson: true },
    });
    expect(JSON.parse(createdEvent.summaryJson)).toMatchObject({
      to: "ACTIVE",
      criteria: { minScore: 500, maxOecdCategory: 5, blockedCountries: "IR,RU" },
    });
    const saved = await request(`/lender/products/${product.id}`, {
      cookie: adminCookie,
      form: { ...valid, name: "Audited Factoring", minScore: "620", blockedCountries: ["RU"] },
    });
    expect(saved.status).toBe(302);
    const updated = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: product.id, action: "lender.product_updated" },
      select: { summaryJson: true },
    });
    expect(JSON.parse(updated.summaryJson)).toEqual({
      changed: {
        minScore: { before: 500, after: 620 },
        blockedCountries: { before: "IR,RU", after: "RU" },
      },
    });
  });

  it("a suspended partner's admin cannot add, edit, pause or resume products, and the pages say so", async () => {
    const org = await createLenderOrg(prisma, { name: unique("Suspended Lender ") });
    const admin = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("sa")}@l.example`,
      name: "SA",
      password: PASSWORD,
      lenderRole: "ADMIN",
    });
    const cookie = await cookieFor(admin.id);
    expect((await request("/lender/products/new", { cookie, form: valid })).status).toBe(302);
    const product = await prisma.lenderProduct.findFirstOrThrow({
      where: { lenderOrgId: org.id },
      select: { id: true, name: true, minScore: true, status: true },
    });
    await prisma.lenderOrg.update({
      where: { id: org.id },
      data: { status: "SUSPENDED", statusReason: "Licence review" },
    });
    const before = await prisma.auditEvent.count({ where: { entityId: product.id } });
    expect(before).toBeGreaterThan(0);

    const add = await request("/lender/products/new", { cookie, form: { ...valid, name: "Another One" } });
    expect(add.status).toBe(409);
    expect(await add.text()).toContain("partnership with TradeLift is suspended");
    const edit = await request(`/lender/products/${product.id}`, {
      cookie,
      form: { ...valid, minScore: "300" },
    });
    expect(edit.status).toBe(409);
    const pause = await request(`/lender/products/${product.id}`, { cookie, form: { intent: "pause" } });
    expect(pause.status).toBe(409);
    expect(await pause.text()).toContain("you cannot pause or resume products");
    expect(
      await prisma.lenderProduct.findUniqueOrThrow({
        where: { id: product.id },
        select: { id: true, name: true, minScore: true, status: true },
      }),
    ).toEqual(product);
    expect(await prisma.lenderProduct.count({ where: { lenderOrgId: org.id } })).toBe(1);
    // Nothing changed; the two refused attempts on the product are recorded as such.
    expect(
      await prisma.auditEvent.count({
        where: { entityId: product.id, action: { not: "transition.refused" } },
      }),
    ).toBe(before);
    expect(
      await prisma.auditEvent.count({ where: { entityId: product.id, action: "transition.refused" } }),
    ).toBe(2);

    const list = await (await request("/lender/products", { cookie })).text();
    expect(list).toContain("partnership with TradeLift is suspended");
    expect(list).not.toContain("Add a product</a>");
    const detail = await (await request(`/lender/products/${product.id}`, { cookie })).text();
    expect(detail).not.toContain("Pause product");
    expect(detail).toContain("products cannot be changed");
  });
});
