// The application package frozen at submission, the lock on financed orders, and the wizard's draft
// key, through the built app's real forms.
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
import { formatDayTime } from "~/domain/dates";
import { pricingOecdCategory } from "~/domain/reference/countries";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);
let lenderEmail = "";
let lenderCookie = "";

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
  const org = await createLenderOrg(prisma, { name: unique("Package Lender ") });
  lenderEmail = `${unique("uw")}@lender.example`;
  const lender = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: lenderEmail,
    name: "Package UW",
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

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function addOrder(merchantId: string, poNumber = unique("PO-")) {
  const order = await createExportOrder(prisma, {
    merchantId,
    buyerName: "Yamato Outdoor Supply K.K.",
    buyerCountry: "JP",
    poNumber,
    amountMinor: 18_600_000n,
    currency: "JPY",
    orderDate: new Date(`${today}T00:00:00Z`),
    paymentTerm: "LETTER_OF_CREDIT",
    paymentTermDays: 60,
    incoterm: "FOB",
  });
  return { id: order.id, poNumber };
}

async function merchantWithBank() {
  const merchant = await createMerchant(prisma, {
    email: `${unique("pkg")}@example.com`,
    userName: "Package Applicant",
    password: "correct horse battery staple",
    legalName: unique("Package Exports "),
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
  const order = await addOrder(merchant.merchantId);
  return { ...merchant, order, cookie: await cookieFor(merchant.userId) };
}

async function draft(cookie: string, orderIds: string[], extra: Record<string, string> = {}) {
  return request("/merchant/applications/new", {
    cookie,
    form: {
      amount: "75,000",
      purpose: "Materials and freight for the Yamato order",
      productTypeWanted: "ANY",
      tenorDays: "90",
      orderIds,
      ...extra,
    },
  });
}

const idOf = (response: Response) => (response.headers.get("Location") ?? "").split("/").pop() ?? "";

async function submit(cookie: string, id: string) {
  return request(`/merchant/applications/${id}`, { cookie, form: { intent: "submit", confirm: "on" } });
}

async function submitted(merchant: { cookie: string; order: { id: string } }) {
  const created = await draft(merchant.cookie, [merchant.order.id]);
  expect(created.status).toBe(302);
  const id = idOf(created);
  expect((await submit(merchant.cookie, id)).status).toBe(302);
  const referral = await prisma.referral.findFirstOrThrow({
    where: { applicationId: id },
    select: { id: true },
  });
  return { id, referralId: referral.id };
}

const orderForm = (poNumber: string, patch: Record<string, string> = {}) => ({
  intent: "save",
  poNumber,
  buyerName: "Yamato Outdoor Supply K.K.",
  buyerCountry: "JP",
  currency: "JPY",
  amount: "186,000",
  orderDate: today,
  expectedShipDate: "",
  paymentTerm: "LETTER_OF_CREDIT",
  paymentTermDays: "60",
  incoterm: "FOB",
  ...patch,
});

describe("the application package", () => {
  it("is written at submission with the profile, orders, bank evidence, sales and score, and the hash of its bytes", async () => {
    const merchant = await merchantWithBank();
    // Saved Section 1071 answers, with a distinctive free text: copied into the application's
    // register record at submission, and never into the package.
    await prisma.section1071SavedAnswers.create({
      data: {
        merchantId: merchant.merchantId,
        answersJson: JSON.stringify({
          womenOwned: "YES",
          owners: [{ race: ["ASIAN", "OTHER_ASIAN"], raceOtherAsian: "Zyxwvut-Hmong", sexDeclined: true }],
        }),
      },
    });
    const { id } = await submitted(merchant);
    const stored = await prisma.applicationPackage.findUniqueOrThrow({
      where: { applicationId: id },
      select: { packageJson: true, sha256: true, formatVersion: true },
    });
    expect(stored.sha256).toBe(sha256(stored.packageJson));
    expect(stored.formatVersion).toBe(2);
    // Deterministic: serialising the parsed package again gives the same bytes.
    expect(canonicalJson(JSON.parse(stored.packageJson))).toBe(stored.packageJson);
    expect(stored.packageJson).not.toMatch(/womenOwned|ownerRace|ASIAN|demographic|Zyxwvut|1071/i);
    const record = await prisma.section1071Record.findUniqueOrThrow({
      where: { applicationId: id },
      select: { womenOwned: true, owners: { select: { raceJson: true, raceOtherAsian: true } } },
    });
    expect(record).toEqual({
      womenOwned: "YES",
      owners: [{ raceJson: '["ASIAN","OTHER_ASIAN"]', raceOtherAsian: "Zyxwvut-Hmong" }],
    });

    const pkg = parsePackage(stored.packageJson);
    const [merchantRow, application, accounts] = await Promise.all([
      prisma.merchant.findUniqueOrThrow({ where: { id: merchant.merchantId }, select: { legalName: true } }),
      prisma.application.findUniqueOrThrow({
        where: { id },
        select: {
          submittedAt: true,
          scoreReport: { select: { id: true, score: true, grade: true, inputsHash: true, asOfDate: true } },
        },
      }),
      prisma.bankAccount.count({ where: { merchantId: merchant.merchantId } }),
    ]);
    expect(pkg.applicationId).toBe(id);
    expect(pkg.submittedAt).toBe(application.submittedAt?.toISOString());
    expect(pkg.profile.legalName).toBe(merchantRow.legalName);
    expect(pkg.request).toMatchObject({ amountCents: 7_500_000, tenorDays: 90 });
    expect(pkg.orders).toEqual([
      {
        id: merchant.order.id,
        poNumber: merchant.order.poNumber,
        buyerName: "Yamato Outdoor Supply K.K.",
        buyerCountry: "JP",
        oecdCategory: pricingOecdCategory("JP"),
        amountMinor: "18600000",
        currency: "JPY",
        // ¥18,600,000 at 0.0066 USD per yen.
        usdCents: "12276000",
        fx: { usdPerUnitE8: 660_000, asOfDate: today },
        orderDate: today,
        expectedShipDate: null,
        paymentTerm: "LETTER_OF_CREDIT",
        paymentTermDays: 60,
        incoterm: "FOB",
        status: "OPEN",
      },
    ]);
    expect(pkg.bank.revenue).toHaveLength(24);
    expect(pkg.bank.revenue.some((m) => m.cents > 0)).toBe(true);
    expect(pkg.bank.asOf).toBe(application.scoreReport?.asOfDate.toISOString().slice(0, 10));
    expect(pkg.bank.accounts).toHaveLength(accounts);
    expect(pkg.bank.connections.map((c) => c.status)).toEqual(["ACTIVE"]);
    expect(pkg.sales.months).toHaveLength(24);
    expect(pkg.score).toMatchObject({
      id: application.scoreReport?.id,
      score: application.scoreReport?.score,
      grade: application.scoreReport?.grade,
      inputsHash: application.scoreReport?.inputsHash,
    });

    // The lender's page renders the package.
    const { referralId } = {
      referralId: (await prisma.referral.findFirstOrThrow({ where: { applicationId: id } })).id,
    };
    const page = await (await request(`/lender/referrals/${referralId}`, { cookie: lenderCookie })).text();
    expect(page).toContain(merchant.order.poNumber);
    expect(page).toContain(`Bank evidence up to ${pkg.bank.asOf}`);
    expect(page).toContain(stored.sha256);
    expect(page).not.toContain("Changed since submission");
  });

  it("stays byte for byte the same when the merchant changes things after, and the lender sees the changes beside it", async () => {
    const merchant = await merchantWithBank();
    const { id, referralId } = await submitted(merchant);
    const before = await prisma.applicationPackage.findUniqueOrThrow({
      where: { applicationId: id },
      select: { packageJson: true, sha256: true },
    });
    const oldName = (
      await prisma.merchant.findUniqueOrThrow({
        where: { id: merchant.merchantId },
        select: { legalName: true },
      })
    ).legalName;

    await prisma.merchant.update({
      where: { id: merchant.merchantId },
      data: { legalName: "Renamed Exports LLC", employees: 999 },
    });
    await prisma.beneficialOwner.create({
      data: { merchantId: merchant.merchantId, name: "Late Partner", title: "Partner", ownershipBps: 3000 },
    });
    const shipped = await request(`/merchant/orders/${merchant.order.id}`, {
      cookie: merchant.cookie,
      form: { intent: "status", status: "SHIPPED" },
    });
    expect(shipped.status).toBe(302);
    const { public_token } = await createSandboxPublicToken("declining_business");
    await connectBank(prisma, {
      merchantId: merchant.merchantId,
      publicToken: public_token,
      actor: { id: merchant.userId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });

    const after = await prisma.applicationPackage.findUniqueOrThrow({
      where: { applicationId: id },
      select: { packageJson: true, sha256: true },
    });
    expect(after).toEqual(before);

    const page = await (await request(`/lender/referrals/${referralId}`, { cookie: lenderCookie })).text();
    expect(page).toContain("Changed since submission");
    const note = page.slice(page.indexOf("Changed since submission"), page.indexOf('id="request-title"'));
    expect(note).toContain("Legal name");
    expect(note).toContain(oldName);
    expect(note).toContain("Renamed Exports LLC");
    expect(note).toContain("Owner Late Partner");
    expect(note).toContain(`Order ${merchant.order.poNumber}`);
    expect(note).toMatch(/open<\/td><td>shipped/);
    expect(note).toContain("connected after submission");
    // The package itself still shows what was submitted.
    const business = page.slice(page.indexOf('id="business-title"'), page.indexOf('id="added-title"'));
    expect(business).toContain(oldName);
    expect(business).not.toContain("Renamed Exports LLC");
  });
  it("lists a document uploaded in answer to the lender's request as added to the package, with its time, and leaves the package's bytes alone", async () => {
    const merchant = await merchantWithBank();
    const { id, referralId } = await submitted(merchant);
    const frozen = await prisma.applicationPackage.findUniqueOrThrow({ where: { applicationId: id } });
    const lenderPost = (form: Record<string, string>) =>
      request(`/lender/referrals/${referralId}`, { cookie: lenderCookie, form });
    expect((await lenderPost({ intent: "start" })).status).toBe(302);
    expect(
      (
        await lenderPost({
          intent: "request-info",
          question: "The invoice, please.",
          documentType: "INVOICE",
        })
      ).status,
    ).toBe(302);
    const info = await prisma.infoRequest.findFirstOrThrow({ where: { referralId }, select: { id: true } });
    const form = new FormData();
    form.set("intent", "answer-info");
    form.set("infoRequestId", info.id);
    form.set("responseText", "Attached.");
    form.set(
      "document",
      new File(["%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"], "invoice-77.pdf", {
        type: "application/pdf",
      }),
    );
    expect(
      (await request(`/merchant/applications/${id}`, { cookie: merchant.cookie, multipart: form })).status,
    ).toBe(302);
    const document = await prisma.document.findFirstOrThrow({
      where: { infoRequestId: info.id },
      select: { id: true, createdAt: true, sha256: true },
    });
    const page = await (await request(`/lender/referrals/${referralId}`, { cookie: lenderCookie })).text();
    const added = page.slice(page.indexOf('id="added-title"'), page.indexOf('id="info-title"'));
    expect(added).toContain("invoice-77.pdf");
    expect(added).toContain(`uploaded ${formatDayTime(document.createdAt)} ·`);
    expect(added).toContain(`/lender/documents/${document.id}`);
    expect(added).toContain(document.sha256);
    expect(await prisma.applicationPackage.findUniqueOrThrow({ where: { applicationId: id } })).toEqual(
      frozen,
    );
  });
});

describe("orders under financing", () => {
  it("refuses to edit or delete a financed order's terms through the form, and writes nothing", async () => {
    const merchant = await merchantWithBank();
    await submitted(merchant);
    const before = await prisma.exportOrder.findUniqueOrThrow({ where: { id: merchant.order.id } });
    const audits = await prisma.auditEvent.count({ where: { entityId: merchant.order.id } });

    const page = await (
      await request(`/merchant/orders/${merchant.order.id}`, { cookie: merchant.cookie })
    ).text();
    expect(page).toContain("Financed: its terms are locked");
    const list = await (await request("/merchant/orders", { cookie: merchant.cookie })).text();
    expect(list).toContain("Financed, terms locked");
    expect(page).not.toContain('id="edit-order"');

    const edit = await request(`/merchant/orders/${merchant.order.id}`, {
      cookie: merchant.cookie,
      form: orderForm(merchant.order.poNumber, {
        buyerCountry: "KP",
        paymentTerm: "CONSIGNMENT",
        amount: "1,000",
      }),
    });
    expect(edit.status).toBe(409);
    expect(await edit.text()).toContain("can no longer change");
    const remove = await request(`/merchant/orders/${merchant.order.id}`, {
      cookie: merchant.cookie,
      form: { intent: "delete", confirmed: "yes" },
    });
    expect(remove.status).toBe(409);
    expect(await remove.text()).toContain("cannot be deleted");
    expect(await prisma.exportOrder.findUniqueOrThrow({ where: { id: merchant.order.id } })).toEqual(before);
    // Nothing recorded but the refusals themselves.
    expect(
      await prisma.auditEvent.count({
        where: { entityId: merchant.order.id, action: { notIn: ["access.refused", "transition.refused"] } },
      }),
    ).toBe(audits);

    // An order never sent to a lender can still be fixed or deleted.
    const loose = await addOrder(merchant.merchantId);
    expect(
      (
        await request(`/merchant/orders/${loose.id}`, {
          cookie: merchant.cookie,
          form: orderForm(loose.poNumber, { amount: "190,000" }),
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await request(`/merchant/orders/${loose.id}`, {
          cookie: merchant.cookie,
          form: { intent: "delete", confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    expect(await prisma.exportOrder.count({ where: { id: loose.id } })).toBe(0);
  });

  it("cancels a financed order only with a reason and a confirmation, audits it with its fields and tells the lenders", async () => {
    const merchant = await merchantWithBank();
    const { referralId } = await submitted(merchant);
    const orderUrl = `/merchant/orders/${merchant.order.id}`;
    const unconfirmed = await request(orderUrl, {
      cookie: merchant.cookie,
      form: { intent: "cancel", reason: "Buyer went bankrupt" },
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm that you want to cancel the order.");
    const viaStatus = await request(orderUrl, {
      cookie: merchant.cookie,
      form: { intent: "status", status: "CANCELLED" },
    });
    expect(viaStatus.status).toBe(400);
    expect((await prisma.exportOrder.findUniqueOrThrow({ where: { id: merchant.order.id } })).status).toBe(
      "OPEN",
    );

    const mailsBefore = await prisma.outboxEmail.count({ where: { to: lenderEmail } });
    const cancelled = await request(orderUrl, {
      cookie: merchant.cookie,
      form: { intent: "cancel", reason: "Buyer went bankrupt", confirmed: "yes" },
    });
    expect(cancelled.status).toBe(302);
    const order = await prisma.exportOrder.findUniqueOrThrow({
      where: { id: merchant.order.id },
      select: { status: true, cancelReason: true, cancelledAt: true },
    });
    expect(order.status).toBe("CANCELLED");
    expect(order.cancelReason).toBe("Buyer went bankrupt");
    expect(order.cancelledAt).not.toBeNull();
    const events = await prisma.auditEvent.findMany({
      where: { entityId: merchant.order.id, action: "order.cancelled" },
      select: { summaryJson: true },
    });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.summaryJson ?? "{}")).toMatchObject({
      from: "OPEN",
      to: "CANCELLED",
      poNumber: merchant.order.poNumber,
      buyerName: "Yamato Outdoor Supply K.K.",
      buyerCountry: "JP",
      paymentTerm: "LETTER_OF_CREDIT",
      paymentTermDays: 60,
      incoterm: "FOB",
      currency: "JPY",
      amountMinor: "18600000",
      reason: "Buyer went bankrupt",
    });
    const mails = await prisma.outboxEmail.findMany({
      where: { to: lenderEmail, subject: "An order in an application you are reviewing was cancelled" },
      select: { text: true },
    });
    expect(await prisma.outboxEmail.count({ where: { to: lenderEmail } })).toBe(mailsBefore + 1);
    expect(mails.at(-1)?.text).toContain("Buyer went bankrupt");

    const page = await (await request(`/lender/referrals/${referralId}`, { cookie: lenderCookie })).text();
    expect(page).toContain("Cancelled by the merchant");
    expect(page).toContain("Buyer went bankrupt");

    // The merchant's pages say it was cancelled, when and why, and that the lenders were told.
    const day = order.cancelledAt?.toISOString().slice(0, 10) ?? "";
    const orderPage = await (await request(orderUrl, { cookie: merchant.cookie })).text();
    expect(orderPage).not.toContain("Financed: its terms are locked");
    expect(orderPage).not.toContain("Record its shipment");
    expect(orderPage).toContain(`You cancelled this order on ${day}: Buyer went bankrupt.`);
    expect(orderPage).toContain("TradeLift told the lenders financing it, with your reason.");
    const applicationId = await prisma.referral.findUniqueOrThrow({
      where: { id: referralId },
      select: { applicationId: true },
    });
    const applicationPage = await (
      await request(`/merchant/applications/${applicationId.applicationId}`, { cookie: merchant.cookie })
    ).text();
    // An instant, in the reader's zone (UTC here: the account has none).
    expect(applicationPage).toMatch(
      new RegExp(
        `${merchant.order.poNumber} \\([^)]*\\) — cancelled ${formatDayTime(order.cancelledAt ?? new Date())}`,
      ),
    );
    expect(applicationPage).toContain(
      `You cancelled order ${merchant.order.poNumber} (Buyer went bankrupt): the lenders were told`,
    );
  });

  it("keeps an order in one live application: the wizard shows it unavailable, and a second submission is refused", async () => {
    const merchant = await merchantWithBank();
    // A second draft with the same order, saved while the order was still free.
    const early = await draft(merchant.cookie, [merchant.order.id]);
    const earlyId = idOf(early);
    const { id } = await submitted(merchant);

    const wizard = await (await request("/merchant/applications/new", { cookie: merchant.cookie })).text();
    const row = wizard.slice(
      wizard.indexOf(`value="${merchant.order.id}"`) - 200,
      wizard.indexOf(`value="${merchant.order.id}"`) + 900,
    );
    expect(row).toContain("disabled");
    expect(row).toContain("Unavailable");
    expect(row).toContain(`/merchant/applications/${id}`);
    expect(row).toContain("(submitted)");

    const again = await draft(merchant.cookie, [merchant.order.id]);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(`Order ${merchant.order.poNumber} is already in your application`);

    const before = await prisma.application.findUniqueOrThrow({
      where: { id: earlyId },
      select: { status: true },
    });
    expect(before.status).toBe("DRAFT");
    const refused = await submit(merchant.cookie, earlyId);
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toContain(`Order ${merchant.order.poNumber} is already in your application of ${today}`);
    expect(
      await prisma.application.findUniqueOrThrow({ where: { id: earlyId }, select: { status: true } }),
    ).toEqual({ status: "DRAFT" });
    expect(await prisma.applicationPackage.count({ where: { applicationId: earlyId } })).toBe(0);
  });
});

describe("the application wizard", () => {
  it("updates the same draft when its form is posted again, and shows the typed values after an error", async () => {
    const merchant = await merchantWithBank();
    const count = () => prisma.application.count({ where: { merchantId: merchant.merchantId } });
    const form = await (await request("/merchant/applications/new", { cookie: merchant.cookie })).text();
    const draftKey = /name="draftKey" value="([^"]+)"/.exec(form)?.[1] ?? "";
    expect(draftKey).toMatch(/^[A-Za-z0-9-]{16,64}$/);

    const bad = await draft(merchant.cookie, [merchant.order.id], {
      draftKey,
      amount: "12",
      purpose: "Freight for the autumn Yamato shipment",
    });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Freight for the autumn Yamato shipment");
    expect(badPage).toContain(`value="${draftKey}"`);
    expect(await count()).toBe(0);

    const first = await draft(merchant.cookie, [merchant.order.id], { draftKey });
    expect(first.status).toBe(302);
    const replay = await draft(merchant.cookie, [merchant.order.id], { draftKey, amount: "80,000" });
    expect(replay.status).toBe(302);
    expect(idOf(replay)).toBe(idOf(first));
    expect(await count()).toBe(1);
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: idOf(first) },
          select: { requestedAmountCents: true },
        })
      ).requestedAmountCents,
    ).toBe(8_000_000);

    // Back to the form with its key: the saved values come back.
    const back = await (
      await request(`/merchant/applications/new?draftKey=${draftKey}`, { cookie: merchant.cookie })
    ).text();
    expect(back).toContain('value="80000.00"');
    expect(back).toContain(`value="${draftKey}"`);

    // Once sent, a replay changes nothing and creates nothing.
    expect((await submit(merchant.cookie, idOf(first))).status).toBe(302);
    const late = await draft(merchant.cookie, [merchant.order.id], { draftKey, amount: "90,000" });
    expect(late.status).toBe(302);
    expect(idOf(late)).toBe(idOf(first));
    expect(await count()).toBe(1);
    expect(
      await prisma.application.findUniqueOrThrow({
        where: { id: idOf(first) },
        select: { requestedAmountCents: true, status: true },
      }),
    ).toEqual({ requestedAmountCents: 8_000_000, status: "SUBMITTED" });
  });
});
