// Sanctions screening and embargoed destinations, end to end through the built app
// (docs/design/sanctions.md): a listed buyer holds the application at COMPLIANCE_REVIEW, an admin
// clears or confirms it (both audited), a newer list re-screens live applications and funded deals, and an order
// to an embargoed destination can never be financed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, createExportOrder, createMerchant, seedFxRates, unique } from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { recordFunding } from "~/domain/offers/offers.server";
import { loadSdnList } from "~/domain/sanctions/lists.server";
import { rescreenAfterLoad } from "~/domain/sanctions/review.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request, shownDisclosureHash } from "./app";
import { lender, offerForm, PASSWORD, today, withOnlyActive } from "./lending-fixtures";

/** A list in OFAC's legacy format as published: Windows-1252, CRLF, "-0- " fields, a 0x1A byte. */
function ofacFile(rows: string[]): Uint8Array {
  const text = `${rows.join("\r\n")}\r\n`;
  const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
  return Uint8Array.from([...bytes, 0x1a]);
}
const E = "-0- ";
const sdnRow = (n: number, name: string, type: string, program: string, remarks = E) =>
  `${n},"${name}",${type === "entity" ? E : `"${type}"`},"${program}",${E},${E},${E},${E},${E},${E},${E},${remarks === E ? E : `"${remarks}"`}`;
const LIST_1 = [
  sdnRow(23476, "DANDONG JINXIANG TRADE CO., LTD.", "entity", "DPRK4"),
  sdnRow(
    16692,
    "SECHIN, Igor Ivanovich",
    "individual",
    "UKRAINE-EO13661] [RUSSIA-EO14024",
    "DOB 07 Sep 1960.",
  ),
  sdnRow(306, "BANCO NACIONAL DE CUBA", "entity", "CUBA", "a.k.a. 'BNC'."),
];
const LIST_2 = [...LIST_1, sdnRow(40001, "HARBOR STAR LOGISTICS LLC", "entity", "SDGT")];

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let lenderOrgId: string;
let screeningLender: Awaited<ReturnType<typeof lender>>;
let adminCookie: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
  const loaded = await loadSdnList(prisma, {
    sdn: ofacFile(LIST_1),
    listDate: new Date("2024-05-03T00:00:00Z"),
    fileName: "sdn.csv",
  });
  expect(loaded.list.entryCount).toBe(3);
  expect(loaded.list.aliasCount).toBe(1);
  screeningLender = await lender("Screening Capital", 1);
  lenderOrgId = screeningLender.org.id;
  const admin = await createAdmin(prisma, {
    email: `${unique("cr")}@tradelift.example`,
    name: "Cleo Reviewer",
    password: PASSWORD,
  });
  adminCookie = await cookieFor(admin.id);
});
afterAll(async () => {
  await sandbox.close();
});

/** A scoreable merchant with one order to `buyerName`, whose application it submits. */
async function submit(buyerName: string) {
  const merchant = await createMerchant(prisma, {
    email: `${unique("sx")}@example.com`,
    userName: "Sam Exporter",
    password: PASSWORD,
    legalName: unique("Screened Exports "),
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
    buyerName,
    buyerCountry: "CN",
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
      purpose: "Invoice financing for the order",
      productTypeWanted: "INVOICE_FACTORING",
      tenorDays: "60",
      orderIds: [order.id],
    },
  });
  const applicationId = (created.headers.get("Location") ?? "").split("/").pop() ?? "";
  const sent = await withOnlyActive([lenderOrgId], () =>
    request(`/merchant/applications/${applicationId}`, { cookie, form: { intent: "submit", confirm: "on" } }),
  );
  expect(sent.status).toBe(302);
  return { merchant, cookie, applicationId, orderId: order.id };
}

const application = (id: string) =>
  prisma.application.findUniqueOrThrow({ where: { id }, select: { status: true, statusReason: true } });
const openHit = (applicationId: string) =>
  prisma.screeningHit.findFirstOrThrow({ where: { applicationId, status: "OPEN" }, select: { id: true } });
const auditActions = async (entityId: string) =>
  (await prisma.auditEvent.findMany({ where: { entityId }, select: { action: true } })).map((a) => a.action);

describe("a listed buyer", () => {
  it("stops the application at compliance review, in the package, until an admin clears it", async () => {
    const app = await submit("Dandong Jinxiang Trade Company Limited");
    expect(await application(app.applicationId)).toEqual({ status: "COMPLIANCE_REVIEW", statusReason: null });
    expect(await prisma.referral.count({ where: { applicationId: app.applicationId } })).toBe(0);
    // The frozen package carries the screening, with the list version.
    const pkg = JSON.parse(
      (await prisma.applicationPackage.findUniqueOrThrow({ where: { applicationId: app.applicationId } }))
        .packageJson,
    );
    expect(pkg.screening.list.listDate).toBe("2024-05-03");
    expect(pkg.screening.list.sha256).toMatch(/^[0-9a-f]{64}$/);
    const buyer = pkg.screening.names.find((n: { subjectType: string }) => n.subjectType === "BUYER");
    expect(buyer.hits[0]).toMatchObject({
      entNum: 23476,
      listedName: "DANDONG JINXIANG TRADE CO., LTD.",
      status: "OPEN",
    });
    // The merchant is not told why.
    const merchantPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(merchantPage).toContain("Compliance review");
    expect(merchantPage).not.toMatch(/sanction|SDN|OFAC/i);

    const page = await (await request("/admin/screening", { cookie: adminCookie })).text();
    expect(page).toContain("Dandong Jinxiang Trade Company Limited");
    expect(page).toContain("DANDONG JINXIANG TRADE CO., LTD.");
    expect(page).toContain("DPRK4");

    const hit = await openHit(app.applicationId);
    const tooShort = await request("/admin/screening", {
      cookie: adminCookie,
      form: { intent: "clear", hitId: hit.id, reason: "no" },
    });
    expect(tooShort.status).toBe(400);
    const cleared = await request("/admin/screening", {
      cookie: adminCookie,
      form: {
        intent: "clear",
        hitId: hit.id,
        reason: "Different company: registered in Shenyang, other owners.",
      },
    });
    expect(cleared.status).toBe(302);
    expect((await application(app.applicationId)).status).toBe("SUBMITTED");
    expect(await prisma.referral.count({ where: { applicationId: app.applicationId } })).toBeGreaterThan(0);
    expect(await auditActions(hit.id)).toEqual(
      expect.arrayContaining(["sanctions.hit_found", "sanctions.hit_cleared"]),
    );
    expect(await auditActions(app.applicationId)).toEqual(
      expect.arrayContaining(["sanctions.screened", "application.cleared_compliance"]),
    );
    // Deciding twice is refused.
    const again = await request("/admin/screening", {
      cookie: adminCookie,
      form: { intent: "clear", hitId: hit.id, reason: "Different company: registered in Shenyang." },
    });
    expect(again.status).toBe(409);
  });

  it("ends the application when the admin confirms the match; the merchant gets a notice that names neither list nor match", async () => {
    const app = await submit("Dandong Jinxiang Trade Co., Ltd.");
    const hit = await openHit(app.applicationId);
    const unconfirmed = await request("/admin/screening", {
      cookie: adminCookie,
      form: { intent: "confirm", hitId: hit.id, reason: "Same address in Dandong as the listed entry." },
    });
    expect(unconfirmed.status).toBe(400);
    expect((await application(app.applicationId)).status).toBe("COMPLIANCE_REVIEW");
    const confirmed = await request("/admin/screening", {
      cookie: adminCookie,
      form: {
        intent: "confirm",
        hitId: hit.id,
        confirmed: "yes",
        reason: "Same address in Dandong as the listed entry.",
      },
    });
    expect(confirmed.status).toBe(302);
    expect(await application(app.applicationId)).toEqual({
      status: "DECLINED",
      statusReason: "SANCTIONS_MATCH",
    });
    expect(await auditActions(hit.id)).toContain("sanctions.hit_confirmed");
    expect(await auditActions(app.applicationId)).toContain("application.sanctions_declined");
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: app.merchant.userId },
      select: { email: true },
    });
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: user.email },
      orderBy: { createdAt: "desc" },
    });
    // The notice of action taken is TradeLift's own, and names neither the list nor the match.
    expect(mail.text).toContain("could not complete the compliance checks the law requires");
    expect(mail.text).not.toMatch(/sanction|SDN|OFAC|Dandong/i);
    const notices = await prisma.adverseActionNotice.findMany({
      where: { applicationId: app.applicationId },
    });
    expect(notices.map((n) => [n.kind, n.lenderOrgId])).toEqual([["COMPLIANCE", null]]);
  });
});

describe("a newer list", () => {
  it("is kept as a new version and re-screens every live application", async () => {
    const clean = await submit("Harbor Star Logistics LLC");
    expect((await application(clean.applicationId)).status).toBe("SUBMITTED");
    const loaded = await loadSdnList(prisma, {
      sdn: ofacFile(LIST_2),
      listDate: new Date("2024-05-10T00:00:00Z"),
      fileName: "sdn.csv",
    });
    expect(loaded.status).toBe("loaded");
    expect(await prisma.sanctionsList.count()).toBe(2);
    const again = await loadSdnList(prisma, {
      sdn: ofacFile(LIST_2),
      listDate: new Date("2024-05-10T00:00:00Z"),
      fileName: "x",
    });
    expect(again.status).toBe("already-loaded");
    const rescreened = await rescreenAfterLoad(prisma, { list: loaded.list, actor: null });
    expect(rescreened.applications).toBeGreaterThanOrEqual(2);
    const hit = await prisma.screeningHit.findFirstOrThrow({
      where: { applicationId: clean.applicationId, status: "OPEN" },
      select: { screening: { select: { trigger: true, listId: true } }, entry: { select: { entNum: true } } },
    });
    expect(hit).toEqual({
      screening: { trigger: "LIST_LOAD", listId: loaded.list.id },
      entry: { entNum: 40001 },
    });
    // Listed for admins; the application stays with its lenders until someone decides.
    expect((await application(clean.applicationId)).status).toBe("SUBMITTED");
    expect(await (await request("/admin/screening", { cookie: adminCookie })).text()).toContain(
      "HARBOR STAR LOGISTICS LLC",
    );
  });
});

/** Takes a submitted application through an offer, its acceptance and the funding it records. */
async function fund(app: Awaited<ReturnType<typeof submit>>) {
  const referral = await prisma.referral.findFirstOrThrow({
    where: { applicationId: app.applicationId, lenderOrgId },
    select: { id: true },
  });
  const lenderPage = `/lender/referrals/${referral.id}`;
  const { cookie } = screeningLender;
  expect((await request(lenderPage, { cookie, form: { intent: "start" } })).status).toBe(302);
  expect((await request(lenderPage, { cookie, form: offerForm })).status).toBe(302);
  const offer = await prisma.offer.findFirstOrThrow({
    where: { referralId: referral.id, status: "PENDING" },
    select: { id: true, fundsProvidedCents: true },
  });
  const merchantPage = `/merchant/applications/${app.applicationId}`;
  const shown = await (await request(merchantPage, { cookie: app.cookie })).text();
  const accepted = await request(merchantPage, {
    cookie: app.cookie,
    form: {
      intent: "accept-offer",
      offerId: offer.id,
      signatureName: "Sam Exporter",
      consent: "on",
      disclosureSha256: shownDisclosureHash(shown, offer.id),
    },
  });
  expect(accepted.status).toBe(302);
  expect(
    await recordFunding(prisma, {
      lenderOrgId,
      offerId: offer.id,
      fundedOn: new Date(`${today()}T00:00:00Z`),
      amountCents: offer.fundsProvidedCents,
      reference: "FEDWIRE 20261201-SCR",
      actor: { id: screeningLender.user.id, role: "LENDER" },
      ip: "127.0.0.1",
    }),
  ).toEqual({ ok: true });
  expect((await application(app.applicationId)).status).toBe("FUNDED");
}

describe("a newer list and funded deals", () => {
  it("re-screens every party of a funded deal, leaves the deal funded, and lists the hit for admins", async () => {
    const deal = await submit("Northwind Marine Supply Ltd");
    await fund(deal);
    // An application that ended is not re-screened: nothing can be financed on it any more.
    const withdrawn = await submit("Northwind Marine Supply Ltd");
    expect(
      (
        await request(`/merchant/applications/${withdrawn.applicationId}`, {
          cookie: withdrawn.cookie,
          form: { intent: "withdraw", confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    expect((await application(withdrawn.applicationId)).status).toBe("WITHDRAWN");

    const loaded = await loadSdnList(prisma, {
      sdn: ofacFile([...LIST_2, sdnRow(40002, "NORTHWIND MARINE SUPPLY LIMITED", "entity", "IRAN")]),
      listDate: new Date("2024-05-17T00:00:00Z"),
      fileName: "sdn.csv",
    });
    expect(loaded.status).toBe("loaded");
    await rescreenAfterLoad(prisma, { list: loaded.list, actor: null });

    const screenings = await prisma.screening.findMany({
      where: { applicationId: deal.applicationId, trigger: "LIST_LOAD", listId: loaded.list.id },
      select: { subjectType: true, name: true, hitCount: true },
      orderBy: [{ subjectType: "asc" }, { name: "asc" }],
    });
    // Every party: the business's name, its owners and the buyer.
    expect(screenings.map((s) => s.subjectType)).toEqual(
      expect.arrayContaining(["BUYER", "MERCHANT_LEGAL", "OWNER"]),
    );
    expect(screenings.find((s) => s.subjectType === "BUYER")).toEqual({
      subjectType: "BUYER",
      name: "Northwind Marine Supply Ltd",
      hitCount: 1,
    });
    const hit = await prisma.screeningHit.findFirstOrThrow({
      where: { applicationId: deal.applicationId, status: "OPEN" },
      select: { id: true, entry: { select: { entNum: true, listId: true } } },
    });
    expect(hit.entry).toEqual({ entNum: 40002, listId: loaded.list.id });
    expect((await application(deal.applicationId)).status).toBe("FUNDED");
    expect(
      await prisma.screening.count({
        where: { applicationId: withdrawn.applicationId, trigger: "LIST_LOAD" },
      }),
    ).toBe(0);
    const screened = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: deal.applicationId, action: "sanctions.screened" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { summaryJson: true },
    });
    expect(JSON.parse(screened.summaryJson)).toMatchObject({ trigger: "LIST_LOAD", listDate: "2024-05-17" });
    expect(await (await request("/admin/screening", { cookie: adminCookie })).text()).toContain(
      "NORTHWIND MARINE SUPPLY LIMITED",
    );

    // Confirmed on a funded deal: the deal stays funded and its lender is told to act.
    const confirmed = await request("/admin/screening", {
      cookie: adminCookie,
      form: {
        intent: "confirm",
        hitId: hit.id,
        confirmed: "yes",
        reason: "Same registered address in Bandar Abbas as the listed entry.",
      },
    });
    expect(confirmed.status).toBe(302);
    expect((await application(deal.applicationId)).status).toBe("FUNDED");
    expect(await auditActions(deal.applicationId)).toContain("application.sanctions_match_reported");
    const told = await prisma.outboxEmail.findFirst({
      where: { to: screeningLender.user.email, subject: { contains: "OFAC SDN" } },
      select: { text: true },
    });
    expect(told?.text).toContain(deal.applicationId);
  });
});

describe("embargoed destinations", () => {
  const order = {
    intent: "save",
    poNumber: "EMB-1",
    buyerName: "Pyongyang Trading",
    buyerCountry: "KP",
    currency: "USD",
    amount: "25,000",
    orderDate: today(),
    paymentTerm: "OPEN_ACCOUNT",
    paymentTermDays: "30",
    incoterm: "FOB",
  };

  it("are refused at entry, direct post and CSV import", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("em")}@example.com`,
      userName: "E",
      password: PASSWORD,
      legalName: unique("Embargo Test "),
    });
    const cookie = await cookieFor(merchant.userId);
    const refused = await request("/merchant/orders/new", { cookie, form: order });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("North Korea is under comprehensive U.S. sanctions");
    const crimea = await request("/merchant/orders/new", {
      cookie,
      form: { ...order, buyerCountry: "UA", buyerRegion: "UA-43" },
    });
    expect(crimea.status).toBe(400);
    expect(await crimea.text()).toContain(
      "Crimea (Autonomous Republic of Crimea) is under comprehensive U.S. sanctions",
    );
    const kyiv = await request("/merchant/orders/new", {
      cookie,
      form: { ...order, buyerCountry: "UA", buyerRegion: "UA-30" },
    });
    expect(kyiv.status).toBe(302);
    const csv = [
      "po_number,buyer_name,buyer_country,buyer_region,amount,currency,order_date,expected_ship_date,payment_term,payment_term_days,incoterm",
      `IR-1,Tehran Imports,IR,,1000.00,USD,${today()},,OPEN_ACCOUNT,30,FOB`,
      `UA-2,Donetsk Steel,UA,UA-14,1000.00,USD,${today()},,OPEN_ACCOUNT,30,FOB`,
      `UA-3,Lviv Foods,UA,UA-46,1000.00,USD,${today()},,OPEN_ACCOUNT,30,FOB`,
    ].join("\n");
    const form = new FormData();
    form.set("intent", "preview");
    form.set("file", new File([csv], "orders.csv", { type: "text/csv" }));
    const preview = await request("/merchant/orders/import", { cookie, multipart: form });
    expect(preview.status).toBe(400);
    const html = await preview.text();
    expect(html).toContain("Iran is under comprehensive U.S. sanctions");
    expect(html).toContain(
      "Donetsk region (so-called Donetsk People&#x27;s Republic) is under comprehensive",
    );
    expect(await prisma.exportOrder.count({ where: { merchantId: merchant.merchantId } })).toBe(1);
  });

  it("already on file are shown not financeable and cannot be attached or submitted", async () => {
    const app = await submit("Lakeside Foods Ltd");
    const cuba = await createExportOrder(prisma, {
      merchantId: app.merchant.merchantId,
      buyerName: "Havana Imports",
      buyerCountry: "CU",
      poNumber: unique("CU-"),
      amountMinor: 2_500_000n,
      currency: "USD",
      orderDate: new Date(`${today()}T00:00:00Z`),
      paymentTerm: "OPEN_ACCOUNT",
      paymentTermDays: 30,
      incoterm: "FOB",
    });
    expect(await (await request("/merchant/orders", { cookie: app.cookie })).text()).toContain(
      "Not financeable: embargoed destination",
    );
    expect(await (await request("/merchant/applications/new", { cookie: app.cookie })).text()).toContain(
      "Not financeable: Cuba is under comprehensive U.S. sanctions.",
    );
    const draft = await request("/merchant/applications/new", {
      cookie: app.cookie,
      form: {
        amount: "20,000",
        purpose: "Financing the Havana order",
        productTypeWanted: "ANY",
        tenorDays: "60",
        orderIds: [cuba.id],
      },
    });
    expect(draft.status).toBe(400);
    expect(await draft.text()).toContain("Not financeable: Cuba");
    // A draft that slipped in before the rule (written directly) is refused at submission.
    const sneaky = await prisma.application.create({
      data: {
        merchantId: app.merchant.merchantId,
        requestedAmountCents: 2_000_000,
        purpose: "Old draft",
        productTypeWanted: "ANY",
        tenorDays: 60,
        status: "DRAFT",
        orders: { create: [{ exportOrderId: cuba.id }] },
      },
    });
    const sent = await request(`/merchant/applications/${sneaky.id}`, {
      cookie: app.cookie,
      form: { intent: "submit", confirm: "on" },
    });
    expect(sent.status).toBe(409);
    expect(await sent.text()).toContain("Not financeable: Cuba");
    expect((await application(sneaky.id)).status).toBe("DRAFT");
  });
});
