import { beforeAll, describe, expect, it } from "vitest";
import { createExportOrder, createMerchant, seedFxRates, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
let merchant: { userId: string; merchantId: string };
let cookie: string;

beforeAll(async () => {
  await seedFxRates(prisma, new Date("2026-11-19T00:00:00Z"));
  merchant = await createMerchant(prisma, {
    email: `${unique("o")}@example.com`,
    userName: "O",
    password: PASSWORD,
    legalName: "Orders LLC",
  });
  cookie = await cookieFor(merchant.userId);
});

const HEADER =
  "po_number,buyer_name,buyer_country,amount,currency,order_date,expected_ship_date,payment_term,payment_term_days,incoterm";

function csv(lines: string[]) {
  return `${HEADER}\n${lines.join("\n")}\n`;
}

function upload(text: string, fileName = "orders.csv") {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", new File([text], fileName, { type: "text/csv" }));
  return form;
}

function importForm(text: string, fileName = "orders.csv") {
  const form = new FormData();
  form.set("intent", "import");
  form.set("fileName", fileName);
  form.set("csvText", text);
  return form;
}

const validOrder = {
  intent: "save",
  poNumber: "HB-77815",
  buyerName: "Hanbit Camping Co., Ltd.",
  buyerCountry: "KR",
  currency: "KRW",
  amount: "152,000,000",
  orderDate: "2026-11-01",
  expectedShipDate: "2026-12-10",
  paymentTerm: "DOC_COLLECTION_DP",
  paymentTermDays: "0",
  incoterm: "CIF",
};

describe("export orders", () => {
  it("creates an order with integer minor units and shows its USD equivalent", async () => {
    const response = await request("/merchant/orders/new", { cookie, form: validOrder });
    expect(response.status).toBe(302);
    const order = await prisma.exportOrder.findFirstOrThrow({
      where: { merchantId: merchant.merchantId, poNumber: "HB-77815" },
      select: { id: true, amountCents: true, status: true },
    });
    expect(order.amountCents).toBe(152_000_000n);
    expect(order.status).toBe("OPEN");
    const page = await (await request(`/merchant/orders/${order.id}`, { cookie })).text();
    expect(page).toContain("₩152,000,000");
    expect(page).toContain("≈ $106,400 (rate of 2026-11-19)");

    const again = await request("/merchant/orders/new", { cookie, form: validOrder });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("PO number HB-77815 is already on file.");
  });

  it("refuses bad orders at the field and writes nothing", async () => {
    const before = await prisma.exportOrder.count();
    for (const [field, value] of [
      ["buyerCountry", "US"],
      ["buyerCountry", "XX"],
      ["currency", "BTC"],
      ["amount", "-5"],
      ["amount", "12.5"],
      ["orderDate", "2030-01-01"],
      ["orderDate", "2026-02-30"],
      ["expectedShipDate", "2026-10-01"],
      ["paymentTerm", "BARTER"],
      ["paymentTermDays", "999"],
      ["incoterm", "FOB Shanghai"],
      ["poNumber", "<script>"],
    ] as const) {
      const response = await request("/merchant/orders/new", {
        cookie,
        form: { ...validOrder, poNumber: unique("PO-"), [field]: value },
      });
      expect(response.status, `${field}=${value}`).toBe(400);
      expect(await response.text()).toContain('aria-invalid="true"');
    }
    expect(await prisma.exportOrder.count()).toBe(before);
  });

  it("moves through statuses only as the transition table allows", async () => {
    const { id } = await createExportOrder(prisma, {
      merchantId: merchant.merchantId,
      buyerName: "Yamato Outdoor Supply K.K.",
      buyerCountry: "JP",
      poNumber: unique("YOS-"),
      amountMinor: 18_600_000n,
      currency: "JPY",
      orderDate: new Date("2026-11-10T00:00:00Z"),
      paymentTerm: "OPEN_ACCOUNT",
      paymentTermDays: 60,
      incoterm: "FOB",
    });
    const status = (form: Record<string, string>) =>
      request(`/merchant/orders/${id}`, { cookie, form: { intent: "status", ...form } });
    expect((await status({ status: "PAID", paidDate: "2026-11-20" })).status).toBe(409);
    expect((await status({ status: "SHIPPED" })).status).toBe(302);
    expect((await status({ status: "INVOICED" })).status).toBe(400); // needs the invoice number and date
    expect(
      (await status({ status: "INVOICED", invoiceNumber: "INV-2026-118", invoiceDate: "2026-11-21" })).status,
    ).toBe(302);
    expect((await status({ status: "PAID", paidDate: "2026-12-20" })).status).toBe(302);
    expect((await status({ status: "CANCELLED" })).status).toBe(409);
    const order = await prisma.exportOrder.findUniqueOrThrow({
      where: { id },
      select: { status: true, invoiceNumber: true, paidDate: true },
    });
    expect(order).toEqual({
      status: "PAID",
      invoiceNumber: "INV-2026-118",
      paidDate: new Date("2026-12-20T00:00:00Z"),
    });
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: "order.status_changed" } })).toBe(
      3,
    );
  });

  it("filters by status, buyer country and payment term", async () => {
    const html = await (
      await request("/merchant/orders?status=OPEN&buyerCountry=KR&paymentTerm=DOC_COLLECTION_DP", { cookie })
    ).text();
    expect(html).toContain("HB-77815");
    const none = await (await request("/merchant/orders?buyerCountry=JP&status=OPEN", { cookie })).text();
    expect(none).not.toContain("HB-77815");
  });
});

describe("order CSV import", () => {
  it("previews a good file, then imports every row once", async () => {
    const text = csv([
      "GHF-2026-115,Guangzhou Harvest Foods Co. Ltd.,CN,1680000.00,CNY,2026-11-09,2026-12-20,DOC_COLLECTION_DA,90,CIF",
      "MDF/26/0918,Mumbai Dry Fruits Traders Pvt. Ltd.,IN,312000.00,USD,2026-11-02,,LETTER_OF_CREDIT,60,CFR",
    ]);
    const before = await prisma.exportOrder.count({ where: { merchantId: merchant.merchantId } });
    const preview = await request("/merchant/orders/import", { cookie, multipart: upload(text) });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("All 2 rows are valid");
    expect(await prisma.exportOrder.count({ where: { merchantId: merchant.merchantId } })).toBe(before);

    const imported = await request("/merchant/orders/import", { cookie, multipart: importForm(text) });
    expect(imported.status).toBe(302);
    const rows = await prisma.exportOrder.findMany({
      where: { merchantId: merchant.merchantId, poNumber: { in: ["GHF-2026-115", "MDF/26/0918"] } },
      select: { amountCents: true, currency: true, paymentTermDays: true },
      orderBy: { poNumber: "asc" },
    });
    expect(rows).toEqual([
      { amountCents: 168_000_000n, currency: "CNY", paymentTermDays: 90 },
      { amountCents: 31_200_000n, currency: "USD", paymentTermDays: 60 },
    ]);

    // The same file again adds nothing: its PO numbers are on file.
    const again = await request("/merchant/orders/import", { cookie, multipart: importForm(text) });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("is already on file");
    expect(await prisma.exportOrder.count({ where: { merchantId: merchant.merchantId } })).toBe(before + 2);
  });

  it("the same import started twice at once is written once", async () => {
    const before = await prisma.exportOrder.count({ where: { merchantId: merchant.merchantId } });
    const text = csv(
      Array.from(
        { length: 300 },
        (_, i) => `TWICE-${i},Kansai Outdoor K.K.,JP,1250000,JPY,2026-11-02,,OPEN_ACCOUNT,60,FOB`,
      ),
    );
    const answers = await Promise.all([
      request("/merchant/orders/import", { cookie, multipart: importForm(text) }),
      request("/merchant/orders/import", { cookie, multipart: importForm(text) }),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(302);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    expect(await prisma.exportOrder.count({ where: { merchantId: merchant.merchantId } })).toBe(before + 300);
  });

  it("reports every bad row with its line, column and reason, and writes nothing", async () => {
    const text = csv([
      "OK-1,Good Buyer Ltd,JP,1000000,JPY,2026-11-01,,OPEN_ACCOUNT,30,FOB",
      "BAD-2,Bad Country Ltd,ZZ,5000.00,USD,2026-11-01,,OPEN_ACCOUNT,30,FOB",
      "BAD-3,Bad Amount Ltd,CN,abc,USD,2026-11-01,,OPEN_ACCOUNT,30,FOB",
      "OK-1,Duplicate In File Ltd,KR,5000.00,USD,2026-11-01,,OPEN_ACCOUNT,30,FOB",
      "BAD-5,Bad Term Ltd,VN,5000.00,USD,2026-13-01,,NET30,x,XYZ",
    ]);
    const before = await prisma.exportOrder.count();
    const preview = await request("/merchant/orders/import", { cookie, multipart: upload(text) });
    expect(preview.status).toBe(400);
    const html = await preview.text();
    for (const expected of [
      ["3", "buyer_country"],
      ["4", "amount"],
      ["5", "po_number"],
      ["6", "order_date"],
      ["6", "payment_term"],
      ["6", "payment_term_days"],
      ["6", "incoterm"],
    ]) {
      expect(html, expected.join(" ")).toMatch(new RegExp(`<td>${expected[0]}</td><td>${expected[1]}</td>`));
    }
    const attempt = await request("/merchant/orders/import", { cookie, multipart: importForm(text) });
    expect(attempt.status).toBe(400);
    expect(await prisma.exportOrder.count()).toBe(before);
  });

  it("refuses files that are not CSV, empty, or with unknown columns", async () => {
    const binary = new FormData();
    binary.set("intent", "preview");
    binary.set("file", new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])], "orders.xlsx"));
    expect(await (await request("/merchant/orders/import", { cookie, multipart: binary })).text()).toContain(
      "must be a .csv file",
    );
    const nul = new FormData();
    nul.set("intent", "preview");
    nul.set("file", new File([new Uint8Array([0x61, 0x00, 0x62])], "orders.csv"));
    expect(await (await request("/merchant/orders/import", { cookie, multipart: nul })).text()).toContain(
      "not a CSV text file",
    );
    expect(
      await (await request("/merchant/orders/import", { cookie, multipart: upload("") })).text(),
    ).toContain("Choose a CSV file to upload.");
    expect(
      await (await request("/merchant/orders/import", { cookie, multipart: upload(" \n\n") })).text(),
    ).toContain("The file is empty.");
    expect(
      await (
        await request("/merchant/orders/import", { cookie, multipart: upload("po_number,colour\nX,red\n") })
      ).text(),
    ).toContain("Unknown column: colour");
  });

  it("imports 10,000 rows in one go", async () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) =>
        `BULK-${i},Bulk Buyer ${i % 50} Ltd,${["JP", "CN", "KR", "VN", "IN"][i % 5]},${1000 + i}.00,USD,2026-11-01,,OPEN_ACCOUNT,60,FOB`,
    );
    const text = csv(lines);
    const started = Date.now();
    const response = await request("/merchant/orders/import", {
      cookie,
      multipart: importForm(text, "bulk.csv"),
    });
    const seconds = (Date.now() - started) / 1000;
    expect(response.status).toBe(302);
    expect(
      await prisma.exportOrder.count({
        where: { merchantId: merchant.merchantId, poNumber: { startsWith: "BULK-" } },
      }),
    ).toBe(10_000);
    console.info(`10,000-row order import: ${seconds.toFixed(2)} s`);
  });

  it("serves the template with the expected header", async () => {
    const response = await request("/merchant/orders/template.csv", { cookie });
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    // The template names every column, the optional buyer_region (Ukraine) too.
    expect((await response.text()).split("\r\n")[0]).toBe(
      HEADER.replace("buyer_country,", "buyer_country,buyer_region,"),
    );
  });
});
