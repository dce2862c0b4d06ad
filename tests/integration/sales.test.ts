import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportOrder, createMerchant, seedFxRates, unique } from "#tests/factories";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
const HEADER = "channel,period_start,period_end,gross,refunds,net,currency,buyer_country";
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: new Date().toISOString().slice(0, 10) });
  await seedFxRates(prisma, new Date("2026-11-19T00:00:00Z"));
});
afterAll(async () => {
  await sandbox.close();
});

async function merchantWithCookie() {
  const merchant = await createMerchant(prisma, {
    email: `${unique("s")}@example.com`,
    userName: "S",
    password: PASSWORD,
    legalName: "Sales LLC",
  });
  return { ...merchant, cookie: await cookieFor(merchant.userId) };
}

function multipart(intent: "preview" | "import", text: string, fileName = "sales.csv") {
  const form = new FormData();
  form.set("intent", intent);
  if (intent === "preview") form.set("file", new File([text], fileName, { type: "text/csv" }));
  else {
    form.set("csvText", text);
    form.set("fileName", fileName);
  }
  return form;
}

describe("marketplace sales import", () => {
  it("imports a good file once; the same file again adds nothing", async () => {
    const { merchantId, cookie } = await merchantWithCookie();
    const text = `${HEADER}\nSHOPIFY,2026-09-01,2026-09-30,48250.00,1250.00,47000.00,USD,JP\nTmall Global,2026-09-01,2026-09-30,120000.00,0,120000.00,CNY,CN\nAMAZON,2026-10-14,,899.90,,899.90,USD,\n`;
    const preview = await request("/merchant/sales/import", {
      cookie,
      multipart: multipart("preview", text),
    });
    expect(preview.status).toBe(200);
    expect(await prisma.salesRecord.count({ where: { merchantId } })).toBe(0);
    expect(
      (await request("/merchant/sales/import", { cookie, multipart: multipart("import", text) })).status,
    ).toBe(302);
    const rows = await prisma.salesRecord.findMany({
      where: { merchantId },
      orderBy: { netCents: "asc" },
      select: { channel: true, netCents: true, refundsCents: true, currency: true, periodEnd: true },
    });
    expect(rows).toEqual([
      {
        channel: "AMAZON",
        netCents: 89_990n,
        refundsCents: 0n,
        currency: "USD",
        periodEnd: new Date("2026-10-14T00:00:00Z"),
      },
      {
        channel: "SHOPIFY",
        netCents: 4_700_000n,
        refundsCents: 125_000n,
        currency: "USD",
        periodEnd: new Date("2026-09-30T00:00:00Z"),
      },
      {
        channel: "TMALL_GLOBAL",
        netCents: 12_000_000n,
        refundsCents: 0n,
        currency: "CNY",
        periodEnd: new Date("2026-09-30T00:00:00Z"),
      },
    ]);
    const again = await request("/merchant/sales/import", { cookie, multipart: multipart("preview", text) });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This file was already imported");
    // The same rows in another file are refused too.
    const renamed = await request("/merchant/sales/import", {
      cookie,
      multipart: multipart("import", `${text}\n`, "copy.csv"),
    });
    expect(renamed.status).toBe(400);
    expect(await prisma.salesRecord.count({ where: { merchantId } })).toBe(3);
  });

  it("the same import started twice at once is written once", async () => {
    const { merchantId, cookie } = await merchantWithCookie();
    const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const text = `${HEADER}\n${Array.from({ length: 500 }, (_, i) => `SHOPIFY,${day(i)},${day(i)},${100 + i}.00,0,${100 + i}.00,USD,JP`).join("\n")}\n`;
    const answers = await Promise.all([
      request("/merchant/sales/import", { cookie, multipart: multipart("import", text) }),
      request("/merchant/sales/import", { cookie, multipart: multipart("import", text) }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(await prisma.salesImport.count({ where: { merchantId } })).toBe(1);
    expect(await prisma.salesRecord.count({ where: { merchantId } })).toBe(500);
  });

  it("reports each bad row with line, column and reason and writes nothing", async () => {
    const { merchantId, cookie } = await merchantWithCookie();
    const text = `${HEADER}\nSHOPIFY,2026-09-01,2026-09-30,100.00,10.00,95.00,USD,\nMYSPACE,2026-09-01,,1,0,1,USD,\nAMAZON,2026-13-01,,1,0,1,USD,\nAMAZON,2026-09-01,2026-08-01,1,0,1,USD,\nAMAZON,2026-09-02,,1,2,-1,USD,\nAMAZON,2026-09-03,,1,0,1,XYZ,ZZ\n`;
    const response = await request("/merchant/sales/import", {
      cookie,
      multipart: multipart("import", text),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const [line, column] of [
      ["2", "net"],
      ["3", "channel"],
      ["4", "period_start"],
      ["5", "period_end"],
      ["6", "net"],
      ["7", "currency"],
      ["7", "buyer_country"],
    ]) {
      expect(html, `${line} ${column}`).toMatch(new RegExp(`<td>${line}</td><td>${column}</td>`));
    }
    expect(await prisma.salesRecord.count({ where: { merchantId } })).toBe(0);
  });

  it("imports 10,000 rows in seconds", async () => {
    const { merchantId, cookie } = await merchantWithCookie();
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 500) * 86_400_000).toISOString().slice(0, 10);
      const channel = [
        "SHOPIFY",
        "AMAZON",
        "ALIBABA",
        "TMALL_GLOBAL",
        "SHOPEE",
        "LAZADA",
        "RAKUTEN",
        "ETSY",
        "OTHER",
        "SHOPIFY",
      ][Math.floor(i / 500) % 10];
      const country = [
        "JP",
        "CN",
        "KR",
        "VN",
        "IN",
        "SG",
        "TW",
        "TH",
        "MY",
        "PH",
        "ID",
        "HK",
        "AU",
        "CA",
        "MX",
        "GB",
        "DE",
        "FR",
        "AE",
        "NZ",
      ][Math.floor(i / 5000) * 10 + (Math.floor(i / 500) % 10)];
      return `${channel},${day},,${100 + (i % 97)}.00,0,${100 + (i % 97)}.00,USD,${country}`;
    });
    const started = Date.now();
    const response = await request("/merchant/sales/import", {
      cookie,
      multipart: multipart("import", `${HEADER}\n${lines.join("\n")}\n`, "big.csv"),
    });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .then((t) => t.match(/<td>\d+<\/td><td>[^<]*<\/td><td>[^<]*<\/td>/)?.[0] ?? ""),
    ).toBe(302);
    expect(await prisma.salesRecord.count({ where: { merchantId } })).toBe(10_000);
    console.info(`10,000-row sales import: ${((Date.now() - started) / 1000).toFixed(2)} s`);
  });
});

describe("Sales & orders page", () => {
  it("shows the empty states with next steps", async () => {
    const { cookie } = await merchantWithCookie();
    const html = await (await request("/merchant/sales", { cookie })).text();
    expect(html).toContain("No sales data yet.");
    expect(html).toContain("No open export orders.");
  });

  it("charts monthly bank revenue, receivables by country and the largest payers, server-rendered", async () => {
    const merchant = await merchantWithCookie();
    const { public_token } = await createSandboxPublicToken("concentrated_payer");
    const { connectionId } = await connectBank(prisma, {
      merchantId: merchant.merchantId,
      publicToken: public_token,
      actor: { id: merchant.userId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });
    expect((await syncConnection(prisma, connectionId)).status).toBe("synced");
    await createExportOrder(prisma, {
      merchantId: merchant.merchantId,
      buyerName: "Saigon Electronics Manufacturing JSC",
      buyerCountry: "VN",
      poNumber: "SEM-1",
      amountMinor: 2_380_000_000n,
      currency: "VND",
      orderDate: new Date(),
      expectedShipDate: new Date(Date.now() + 20 * 86_400_000),
      paymentTerm: "OPEN_ACCOUNT",
      paymentTermDays: 45,
      incoterm: "DAP",
    });
    const html = await (await request("/merchant/sales", { cookie: merchant.cookie })).text();
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<rect[^>]+fill="#0b5fff"/); // bars drawn on the server
    expect(html).toContain("Show the figures as a table");
    expect(html).toContain("SAIGON ELECTRONICS MANUFACTURING JSC");
    expect(html).toContain("Vietnam");
    expect(html).toContain("$94,010"); // ₫2.38B at the rate on file
    expect(html).not.toMatch(/style="overflow:visible"/);
  });
});
