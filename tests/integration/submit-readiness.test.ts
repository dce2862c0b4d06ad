// An application lacking what every product needs is refused whole (nothing scored, frozen or
// written), the page lists each gap with where to fix it, and completing the profile lets it through.
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
  const org = await createLenderOrg(prisma, { name: unique("Readiness Lender ") });
  await createProduct(prisma, {
    lenderOrgId: org.id,
    name: unique("Readiness PO "),
    type: "PO_FINANCING",
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 500,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 6,
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

const PROFILE = {
  legalName: "Readiness Outdoor Gear LLC",
  ein: "93-4172856",
  entityType: "LLC",
  stateOfIncorporation: "OR",
  yearFounded: "2012",
  monthFounded: "5",
  naicsCode: "339920",
  addressLine1: "2150 NW Front Ave",
  city: "Portland",
  addressState: "OR",
  postalCode: "97209",
  employees: "38",
  annualRevenue: "6,400,000",
  exportMarkets: ["JP"],
  "owners[0].name": "Erin Matsuda",
  "owners[0].title": "CEO",
  "owners[0].ownershipPercent": "60",
};

async function writesFor(merchantId: string, applicationId: string) {
  const [application, referrals, packages, submittedEvents, reports] = await Promise.all([
    prisma.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { status: true, submittedAt: true },
    }),
    prisma.referral.count({ where: { applicationId } }),
    prisma.applicationPackage.count({ where: { applicationId } }),
    prisma.auditEvent.count({ where: { entityId: applicationId, action: "application.submitted" } }),
    prisma.scoreReport.count({ where: { merchantId } }),
  ]);
  return { ...application, referrals, packages, submittedEvents, reports };
}

describe("complete before sending", () => {
  it("refuses an incomplete profile with the list and links, writes nothing, then sends once it is complete", async () => {
    // Signed up with only a business name: no EIN, entity, founding date, address or owners.
    const merchant = await createMerchant(prisma, {
      email: `${unique("ready")}@example.com`,
      userName: "Erin Matsuda",
      password: "correct horse battery staple",
      legalName: "Readiness Outdoor Gear LLC",
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
      amountMinor: 18_600_000n,
      currency: "JPY",
      orderDate: new Date(`${today}T00:00:00Z`),
      paymentTerm: "LETTER_OF_CREDIT",
      paymentTermDays: 60,
      incoterm: "FOB",
    });
    const cookie = await cookieFor(merchant.userId);
    const created = await request("/merchant/applications/new", {
      cookie,
      form: {
        amount: "75,000",
        purpose: "Materials and freight for the Yamato order",
        productTypeWanted: "ANY",
        tenorDays: "90",
        orderIds: [order.id],
      },
    });
    expect(created.status).toBe(302);
    const id = (created.headers.get("Location") ?? "").split("/").pop() ?? "";

    const page = await (await request(`/merchant/applications/${id}`, { cookie })).text();
    expect(page).toContain("Before it can be sent");
    expect(page).toContain("The business&#x27;s EIN.");
    expect(page).toContain("The month and year the business was founded.");
    expect(page).toContain("The business address.");
    expect(page).toContain("The beneficial owners (everyone owning 25% or more).");
    expect(page).toContain('href="/merchant/profile"');
    expect(page).not.toContain("Send to lenders");

    const before = await writesFor(merchant.merchantId, id);
    const refused = await request(`/merchant/applications/${id}`, {
      cookie,
      form: { intent: "submit", confirm: "on" },
    });
    expect(refused.status).toBe(409);
    const refusal = await refused.text();
    expect(refusal).toContain("It cannot be sent yet.");
    expect(refusal).toContain("The entity type.");
    expect(await writesFor(merchant.merchantId, id)).toEqual({
      ...before,
      status: "DRAFT",
      submittedAt: null,
      referrals: 0,
      packages: 0,
      submittedEvents: 0,
    });

    // The year alone is not enough: a missing month would otherwise count from January.
    const { monthFounded: _, ...withoutMonth } = PROFILE;
    const noMonth = await request("/merchant/profile", { cookie, form: withoutMonth });
    expect(noMonth.status).toBe(400);
    expect(await noMonth.text()).toContain("Choose the month the business was founded.");

    const saved = await request("/merchant/profile", { cookie, form: PROFILE });
    expect(saved.status).toBe(302);
    const ready = await (await request(`/merchant/applications/${id}`, { cookie })).text();
    expect(ready).not.toContain("Before it can be sent");
    expect(ready).toContain("Send to lenders");

    const sent = await request(`/merchant/applications/${id}`, {
      cookie,
      form: { intent: "submit", confirm: "on" },
    });
    expect(sent.status).toBe(302);
    const after = await writesFor(merchant.merchantId, id);
    expect(after.status).toBe("SUBMITTED");
    expect(after.referrals).toBe(1);
    expect(after.packages).toBe(1);
    expect(after.submittedEvents).toBe(1);
  });
});
