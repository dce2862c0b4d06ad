// The offer form through the real review page: a loan or line lends the whole amount typed (no
// advance rate), a fee deducted from the funds is stored and priced into the APR, and factoring
// asks for the face value and advance rate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFxRates } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { request } from "./app";
import { today as isoToday, lender, offerForm, submitted } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = isoToday();

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

async function termLender(name: string) {
  const l = await lender(name);
  await prisma.lenderProduct.updateMany({
    where: { id: { in: l.productIds } },
    data: {
      type: "TERM_LOAN",
      aprMinBps: 800,
      aprMaxBps: 3600,
      feePer30DaysMinBps: null,
      feePer30DaysMaxBps: null,
    },
  });
  return l;
}

const offerRow = (referralId: string) =>
  prisma.offer.findFirstOrThrow({
    where: { referralId, status: "PENDING" },
    select: {
      amountCents: true,
      advanceRateBps: true,
      feeDeductedCents: true,
      fundsProvidedCents: true,
      financeChargeCents: true,
      totalRepaymentCents: true,
      estimatedAprBps: true,
    },
  });

describe("the offer form per product type", () => {
  it("term loans: no advance rate, the whole amount financed, and a deducted fee in the APR", async () => {
    const a = await termLender("Cedar");
    const b = await termLender("Dogwood");
    const app = await submitted([a.org.id, b.org.id], "TERM_LOAN");
    const ra = app.referralOf(a.org.id);
    const rb = app.referralOf(b.org.id);
    for (const [r, l] of [
      [ra, a],
      [rb, b],
    ] as const)
      expect(
        (await request(`/lender/referrals/${r}`, { cookie: l.cookie, form: { intent: "start" } })).status,
      ).toBe(302);

    const page = await (await request(`/lender/referrals/${ra}`, { cookie: a.cookie })).text();
    expect(page).toContain("Amount financed (USD)");
    expect(page).toContain("Fee deducted from the funds (USD, optional)");
    expect(page).not.toContain("Advance rate");
    expect(page).not.toContain('name="advanceRate"');

    const loan = {
      intent: "offer",
      productType: "TERM_LOAN",
      paymentFrequency: "MONTHLY",
      securityTerms: "A lien on all business assets",
      expiresInDays: "14",
    };
    // $40,000 typed is $40,000 provided: no 85% haircut.
    expect(
      (
        await request(`/lender/referrals/${ra}`, {
          cookie: a.cookie,
          form: { ...loan, amount: "40,000", interestRate: "12", paymentCount: "12" },
        })
      ).status,
    ).toBe(302);
    expect(await offerRow(ra)).toMatchObject({
      amountCents: 4_000_000,
      advanceRateBps: 10_000,
      feeDeductedCents: 0,
      fundsProvidedCents: 4_000_000,
      estimatedAprBps: 1200,
    });

    // A fee as large as the loan is refused with a field message, and nothing is written.
    const refused = await request(`/lender/referrals/${rb}`, {
      cookie: b.cookie,
      form: { ...loan, amount: "30,000", originationFee: "30,000", interestRate: "24", paymentCount: "6" },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The fee must be less than the amount advanced.");
    expect(await prisma.offer.count({ where: { referralId: rb } })).toBe(0);

    // $30,000 at 24% over 6 months with $900 deducted: $29,100 reaches the merchant, the fee is
    // part of the $3,034.65 finance charge, and the APR is 34.92% (app/domain/offers/offer.test.ts).
    expect(
      (
        await request(`/lender/referrals/${rb}`, {
          cookie: b.cookie,
          form: { ...loan, amount: "30,000", originationFee: "900", interestRate: "24", paymentCount: "6" },
        })
      ).status,
    ).toBe(302);
    expect(await offerRow(rb)).toMatchObject({
      amountCents: 3_000_000,
      advanceRateBps: 10_000,
      feeDeductedCents: 90_000,
      fundsProvidedCents: 2_910_000,
      financeChargeCents: 303_465,
      totalRepaymentCents: 3_213_465,
      estimatedAprBps: 3492,
    });
    // The merchant reads the fee as a line of its own, and signs a copy that carries it.
    const merchantPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(merchantPage).toContain("<dt>Origination fee deducted</dt><dd>$900.00</dd>");
    expect(merchantPage).toContain("$29,100.00 (the financing less the fee deducted)");
  });

  it("factoring asks for the invoice face value and the advance rate", async () => {
    const l = await lender("Elm");
    const app = await submitted([l.org.id]);
    const r = app.referralOf(l.org.id);
    expect(
      (await request(`/lender/referrals/${r}`, { cookie: l.cookie, form: { intent: "start" } })).status,
    ).toBe(302);
    const page = await (await request(`/lender/referrals/${r}`, { cookie: l.cookie })).text();
    expect(page).toContain("Invoice face value (USD)");
    expect(page).toContain("Advance rate (% of face value)");
    expect(
      (
        await request(`/lender/referrals/${r}`, {
          cookie: l.cookie,
          form: { ...offerForm, originationFee: "250" },
        })
      ).status,
    ).toBe(302);
    // 85% of $80,000 = $68,000 advanced; $250 kept: $67,750 provided; fee 1.5% × 2 periods × $80,000
    // = $2,400, so the finance charge is $2,650 and $70,400 is repaid.
    expect(await offerRow(r)).toMatchObject({
      amountCents: 8_000_000,
      advanceRateBps: 8500,
      feeDeductedCents: 25_000,
      fundsProvidedCents: 6_775_000,
      financeChargeCents: 265_000,
      totalRepaymentCents: 7_040_000,
    });
  });
});
