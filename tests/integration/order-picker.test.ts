// The application form with 20,000 open orders on file: the chosen orders first, then one page of
// the others, searchable by PO number or buyer, so the page stays light.
import { beforeAll, describe, expect, it } from "vitest";
import { createMerchant, seedFxRates, unique } from "#tests/factories";
import { ApplicationSchema } from "~/domain/applications/application";
import { createDraft } from "~/domain/applications/applications.server";
import { ORDER_PICKER_PAGE_SIZE } from "~/domain/applications/orders-for-form.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const ORDERS = 20_000;
let cookie = "";
let merchantId = "";
let ownerId = "";
let tag = "";

beforeAll(async () => {
  await seedFxRates(prisma, new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`));
  tag = unique("PK")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  const merchant = await createMerchant(prisma, {
    email: `${unique("picker")}@example.com`,
    userName: "Picker Owner",
    password: "correct horse battery staple",
    legalName: "Many Orders LLC",
  });
  merchantId = merchant.merchantId;
  ownerId = merchant.userId;
  cookie = await cookieFor(merchant.userId);
  const start = Date.UTC(2026, 0, 1);
  for (let batch = 0; batch < ORDERS; batch += 2_000) {
    await prisma.exportOrder.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => {
        const n = batch + i;
        return {
          merchantId,
          poNumber: `${tag}-${String(n).padStart(5, "0")}`,
          buyerName: n === 12_345 ? "Osaka Lantern Works K.K." : `Buyer ${n % 50} Trading Co.`,
          buyerCountry: "JP",
          amountCents: 1_000_000n + BigInt(n),
          currency: "USD",
          // Newest first: order n is n minutes after the start.
          orderDate: new Date(start + n * 60_000),
          paymentTerm: "OPEN_ACCOUNT",
          paymentTermDays: 60,
          incoterm: "FOB",
          status: "OPEN",
        };
      }),
    });
  }
}, 120_000);

describe("the application form's order picker", () => {
  it("shows one page of the newest orders, a light page, and pages on", async () => {
    const response = await request(
      "/merchant/applications/new?draftKey=8a3d6c2e-1f4b-4e7a-9c1d-2b3e4f5a6b7c",
      {
        cookie,
      },
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.length).toBeLessThan(200_000);
    expect((html.match(/name="orderIds"/g) ?? []).length).toBe(ORDER_PICKER_PAGE_SIZE);
    expect(html).toContain(`${tag}-19999`);
    expect(html).not.toContain(`${tag}-19974`);
    expect(html).toContain(`Page 1 of ${ORDERS / ORDER_PICKER_PAGE_SIZE} (${ORDERS} orders)`);

    const second = await (
      await request("/merchant/applications/new?draftKey=8a3d6c2e-1f4b-4e7a-9c1d-2b3e4f5a6b7c&orderPage=2", {
        cookie,
      })
    ).text();
    expect(second).toContain(`${tag}-19974`);
    expect(second).not.toContain(`${tag}-19999`);

    // A page past the end shows the last page; a page that is not a number, the first.
    const past = await (await request("/merchant/applications/new?orderPage=99999", { cookie })).text();
    expect(past).toContain(`${tag}-00000`);
    const odd = await (await request("/merchant/applications/new?orderPage=abc", { cookie })).text();
    expect(odd).toContain(`${tag}-19999`);
  });

  it("finds an order by buyer or PO number, in any case", async () => {
    const byBuyer = await (
      await request("/merchant/applications/new?orderQ=osaka%20lantern", { cookie })
    ).text();
    expect((byBuyer.match(/name="orderIds"/g) ?? []).length).toBe(1);
    expect(byBuyer).toContain(`${tag}-12345`);
    const byPo = await (
      await request(`/merchant/applications/new?orderQ=${tag.toLowerCase()}-1234`, { cookie })
    ).text();
    // 12340–12349.
    expect((byPo.match(/name="orderIds"/g) ?? []).length).toBe(10);
    const none = await (await request("/merchant/applications/new?orderQ=no-such-order", { cookie })).text();
    expect(none).toContain("No open order matches");
  });

  it("keeps a draft's chosen orders at the top whatever the search shows", async () => {
    const chosen = await prisma.exportOrder.findMany({
      where: { merchantId, poNumber: { in: [`${tag}-00003`, `${tag}-00004`] } },
      select: { id: true },
    });
    const draft = await createDraft(prisma, {
      merchantId,
      application: ApplicationSchema.parse({
        amount: "20,000",
        purpose: "Materials for two old orders",
        productTypeWanted: "ANY",
        tenorDays: 90,
        orderIds: chosen.map((o) => o.id),
      }),
      actor: { id: ownerId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });
    const html = await (await request(`/merchant/applications/${draft.id}?orderQ=osaka`, { cookie })).text();
    // The chosen two first and ticked, then the one order the search found.
    const boxes = [...html.matchAll(/name="orderIds"( checked="")? value="([^"]+)"/g)];
    const ids = boxes.map((m) => m[2]);
    expect(ids.slice(0, 2).sort()).toEqual(chosen.map((o) => o.id).sort());
    expect(boxes.map((m) => Boolean(m[1]))).toEqual([true, true, false]);
    expect(boxes).toHaveLength(3);
    expect(html).toContain("Selected orders: 2,");
  });
});
