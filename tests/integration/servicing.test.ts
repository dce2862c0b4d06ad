// Servicing a funded deal through the real app (docs/design/servicing.md): the deal and its dated
// instalment at funding, payments (partial, over-payment refused, after payoff refused), a
// factoring buyer's payment with the rebate on both sides, a bank-feed match, another lender's
// deal answering 404, write-off, and the daily job (late, reminder, late notice) run twice and at
// once without doing anything twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct, OPEN_TERM_LOAN, seedFxRates, unique } from "#tests/factories";
import { formatMoney } from "~/domain/money";
import { runServicingJobs } from "~/domain/servicing/jobs.server";
import { getDealForLender, recordPayment } from "~/domain/servicing/servicing.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { request, shownDisclosureHash } from "./app";
import { lender, submitted } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);
const DAY = 86_400_000;
const dayAfter = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * DAY);

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

type Lender = Awaited<ReturnType<typeof lender>>;

const FACTORING_OFFER = {
  intent: "offer",
  productType: "INVOICE_FACTORING",
  amount: "80,000",
  advanceRate: "85",
  feePer30Days: "1.5",
  termDays: "60",
  recourse: "WITH_RECOURSE",
  expiresInDays: "14",
};

/** A deal funded today; by default factoring: $80,000 invoice, 85% advance, 1.5% per 30 days, 60 days. */
async function fundedDeal(l: Lender, offerForm: Record<string, string> = FACTORING_OFFER) {
  const app = await submitted([l.org.id], offerForm.productType, unique("Servicing Exports "));
  const referralId = app.referralOf(l.org.id);
  const review = `/lender/referrals/${referralId}`;
  expect((await request(review, { cookie: l.cookie, form: { intent: "start" } })).status).toBe(302);
  const offered = await request(review, { cookie: l.cookie, form: offerForm });
  expect(offered.status).toBe(302);
  const offer = await prisma.offer.findFirstOrThrow({
    where: { referralId, status: "PENDING" },
    select: { id: true, fundsProvidedCents: true },
  });
  const page = `/merchant/applications/${app.applicationId}`;
  const shown = await (await request(page, { cookie: app.cookie })).text();
  const accepted = await request(page, {
    cookie: app.cookie,
    form: {
      intent: "accept-offer",
      offerId: offer.id,
      signatureName: "Rv Owner",
      consent: "on",
      disclosureSha256: shownDisclosureHash(shown, offer.id),
    },
  });
  expect(accepted.status).toBe(302);
  const funded = await request(review, {
    cookie: l.cookie,
    form: {
      intent: "fund",
      offerId: offer.id,
      amount: (offer.fundsProvidedCents / 100).toFixed(2),
      fundedOn: today,
      reference: "WIRE-SERV-1",
    },
  });
  expect(funded.status).toBe(302);
  const deal = await prisma.deal.findUniqueOrThrow({
    where: { offerId: offer.id },
    select: {
      id: true,
      status: true,
      merchantId: true,
      instalments: { select: { dueOn: true, amountCents: true } },
    },
  });
  return { app, deal, referralId, page: `/lender/deals/${deal.id}` };
}

const payment = (form: Record<string, string>) => ({
  intent: "payment",
  payer: "MERCHANT",
  paidOn: today,
  ...form,
});

describe("a funded deal", () => {
  let own: Lender;
  let other: Lender;
  let deal: Awaited<ReturnType<typeof fundedDeal>>;

  beforeAll(async () => {
    own = await lender("Servicing Harbor");
    other = await lender("Servicing Other");
    deal = await fundedDeal(own);
  });

  it("is opened with the funding: one instalment on the buyer's due date, audited", async () => {
    expect(deal.deal.status).toBe("CURRENT");
    // The order has no invoice or ship date: the buyer pays 60 days after the order date, today.
    expect(deal.deal.instalments).toEqual([
      { dueOn: new Date(Date.parse(`${today}T00:00:00Z`) + 60 * DAY), amountCents: 7_040_000 },
    ]);
    expect(await prisma.auditEvent.count({ where: { entityId: deal.deal.id, action: "deal.opened" } })).toBe(
      1,
    );
    const page = await (await request(deal.page, { cookie: own.cookie })).text();
    expect(page).toContain("$70,400.00");
    expect(page).toContain("Record a payment");
    const review = await (
      await request(`/lender/referrals/${deal.referralId}`, { cookie: own.cookie })
    ).text();
    expect(review).toContain(`/lender/deals/${deal.deal.id}`);
  });

  it("is another lender's 404, to read or to pay", async () => {
    expect((await request(deal.page, { cookie: other.cookie })).status).toBe(404);
    const paid = await request(deal.page, {
      cookie: other.cookie,
      form: payment({ amount: "10", reference: "X-1" }),
    });
    expect(paid.status).toBe(404);
    expect((await request(deal.page, { cookie: deal.app.cookie })).status).toBe(404);
    expect(await prisma.dealPayment.count({ where: { dealId: deal.deal.id } })).toBe(0);
  });

  it("refuses an over-payment, a future date or a missing reference at the field, writing nothing", async () => {
    // Repaid today: the advance and one fee period, $68,000 + $1,200.
    const over = await request(deal.page, {
      cookie: own.cookie,
      form: payment({ amount: "69,200.01", reference: "ACH-OVER" }),
    });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain(
      `That is more than is owed: $69,200.00 repays the deal in full on ${today}.`,
    );
    const future = await request(deal.page, {
      cookie: own.cookie,
      form: payment({ amount: "100", reference: "ACH-FUT", paidOn: dayAfter(1).toISOString().slice(0, 10) }),
    });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain("The payment date cannot be in the future.");
    const noReference = await request(deal.page, { cookie: own.cookie, form: payment({ amount: "100" }) });
    expect(noReference.status).toBe(400);
    expect(await prisma.dealPayment.count({ where: { dealId: deal.deal.id } })).toBe(0);
  });

  it("records a partial payment, audited, and the merchant sees it on What I owe", async () => {
    const paid = await request(deal.page, {
      cookie: own.cookie,
      form: payment({ amount: "10,000", reference: "ACH-0001" }),
    });
    expect(paid.status).toBe(302);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: deal.deal.id, action: "deal.payment" },
      select: { summaryJson: true },
    });
    expect(JSON.parse(audit.summaryJson)).toMatchObject({ amountCents: 1_000_000, reference: "ACH-0001" });
    const owe = await (await request("/merchant/repayments", { cookie: deal.app.cookie })).text();
    expect(owe).toContain("ACH-0001");
    expect(owe).toContain("$60,400.00 due on");
  });

  it("confirms a debit from the merchant's bank feed once", async () => {
    const account = await prisma.bankAccount.findFirstOrThrow({
      where: { merchantId: deal.deal.merchantId },
      select: { id: true },
    });
    const debit = await prisma.bankTransaction.create({
      data: {
        plaidTransactionId: unique("tx-"),
        accountId: account.id,
        merchantId: deal.deal.merchantId,
        postedDate: new Date(`${today}T00:00:00Z`),
        amountCents: -250_000,
        currency: "USD",
        name: `ACH ${own.org.name} PAYMENT`,
      },
      select: { id: true },
    });
    const page = await (await request(deal.page, { cookie: own.cookie })).text();
    expect(page).toContain("Record $2,500.00 as a payment");
    const confirmed = await request(deal.page, {
      cookie: own.cookie,
      form: { intent: "confirm-match", bankTransactionId: debit.id },
    });
    expect(confirmed.status).toBe(302);
    expect(
      await prisma.dealPayment.findUniqueOrThrow({
        where: { bankTransactionId: debit.id },
        select: { amountCents: true },
      }),
    ).toEqual({ amountCents: 250_000 });
    const again = await request(deal.page, {
      cookie: own.cookie,
      form: { intent: "confirm-match", bankTransactionId: debit.id },
    });
    expect(again.status).toBe(400);
  });

  it("settles when the buyer pays the invoice, with the rebate shown to both sides", async () => {
    const tooMuch = await request(deal.page, {
      cookie: own.cookie,
      form: payment({ payer: "BUYER", amount: "80,000.01", reference: "BUYER-WIRE" }),
    });
    expect(tooMuch.status).toBe(400);
    const settled = await request(deal.page, {
      cookie: own.cookie,
      form: payment({ payer: "BUYER", amount: "80,000", reference: "BUYER-WIRE" }),
    });
    expect(settled.status).toBe(302);
    // Paid $10,000 + $2,500 + $80,000 against $69,200 owed today.
    const rebate = 1_000_000 + 250_000 + 8_000_000 - 6_920_000;
    expect(
      await prisma.deal.findUniqueOrThrow({
        where: { id: deal.deal.id },
        select: { status: true, rebateCents: true },
      }),
    ).toEqual({ status: "PAID_OFF", rebateCents: rebate });
    expect(await (await request(deal.page, { cookie: own.cookie })).text()).toContain(
      `${formatMoney(rebate)} (owed to the merchant)`,
    );
    expect(await (await request("/merchant/repayments", { cookie: deal.app.cookie })).text()).toContain(
      `${formatMoney(rebate)} owed to you by`,
    );
    const after = await request(deal.page, {
      cookie: own.cookie,
      form: payment({ amount: "1", reference: "LATE-1" }),
    });
    expect(after.status).toBe(409);
    const portfolio = await (await request("/lender/portfolio", { cookie: own.cookie })).text();
    expect(portfolio).toContain("Paid off");
  });
});

describe("the daily servicing job", () => {
  it("sends one reminder, marks the deal late with one notice, however often and however many run it", async () => {
    const l = await lender("Servicing Jobs");
    const { deal, page, app } = await fundedDeal(l);
    const due = deal.instalments[0]?.dueOn as Date;
    const mails = (subject: string) =>
      prisma.outboxEmail.count({
        where: { subject: { contains: subject }, to: { in: [app.merchant.email] } },
      });

    const beforeDue = new Date(due.getTime() - 3 * DAY);
    const [a, b] = await Promise.all([
      runServicingJobs(prisma, beforeDue),
      runServicingJobs(prisma, beforeDue),
    ]);
    expect(a.reminders + b.reminders).toBe(1);
    expect(await runServicingJobs(prisma, beforeDue)).toEqual({ late: 0, reminders: 0, lateNotices: 0 });
    expect(await mails("Payment due on")).toBe(1);
    const reminder = await prisma.outboxEmail.findFirstOrThrow({
      where: { subject: { contains: "Payment due on" }, to: app.merchant.email },
      select: { text: true, html: true },
    });
    const dealSection = new URL(`/merchant/repayments#deal-${deal.id}`, env().APP_URL).toString();
    expect(reminder.text).toContain(`See what you owe: ${dealSection}`);
    expect(reminder.html).toContain(`href="${dealSection}"`);

    const afterDue = new Date(due.getTime() + 2 * DAY);
    const [c, d] = await Promise.all([
      runServicingJobs(prisma, afterDue),
      runServicingJobs(prisma, afterDue),
    ]);
    expect([c.late + d.late, c.lateNotices + d.lateNotices]).toEqual([1, 1]);
    expect(await runServicingJobs(prisma, afterDue)).toEqual({ late: 0, reminders: 0, lateNotices: 0 });
    expect(await mails("Late payment")).toBe(1);
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { status: true } })).toEqual(
      {
        status: "LATE",
      },
    );
    expect(await prisma.auditEvent.count({ where: { entityId: deal.id, action: "deal.late" } })).toBe(1);

    // Paid late: the disclosed total, no more; the deal is paid off.
    const paid = await recordPayment(prisma, {
      lenderOrgId: l.org.id,
      dealId: deal.id,
      amountCents: 7_040_000,
      paidOn: afterDue,
      reference: "LATE-WIRE",
      payer: "MERCHANT",
      actor: { id: l.user.id, role: "LENDER" },
      ip: "127.0.0.1",
      now: afterDue,
    });
    expect(paid).toEqual({ ok: true, status: "PAID_OFF", rebateCents: 0 });
    expect((await request(page, { cookie: l.cookie })).status).toBe(200);
  });

  it("lets the lender, even suspended, record payments and write off a deal, with a reason, only after confirming", async () => {
    const l = await lender("Servicing WriteOff");
    const { deal, page } = await fundedDeal(l);
    // A suspended partner keeps servicing the deals it funded (docs/design/servicing.md).
    await prisma.lenderOrg.update({ where: { id: l.org.id }, data: { status: "SUSPENDED" } });
    const paid = await request(page, {
      cookie: l.cookie,
      form: payment({ amount: "100", reference: "SUSP-1" }),
    });
    expect(paid.status).toBe(302);
    const unconfirmed = await request(page, {
      cookie: l.cookie,
      form: { intent: "write-off", reason: "Buyer insolvent" },
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm that you want to write the deal off.");
    const done = await request(page, {
      cookie: l.cookie,
      form: { intent: "write-off", reason: "Buyer insolvent", confirmed: "yes" },
    });
    expect(done.status).toBe(302);
    expect(
      await prisma.deal.findUniqueOrThrow({
        where: { id: deal.id },
        select: { status: true, writeOffReason: true },
      }),
    ).toEqual({ status: "WRITTEN_OFF", writeOffReason: "Buyer insolvent" });
    expect(await prisma.auditEvent.count({ where: { entityId: deal.id, action: "deal.written_off" } })).toBe(
      1,
    );
  });
});

describe("a term loan", () => {
  it("has monthly instalments; a missed one makes it late, catching up makes it current, and an early payoff saves the interest not yet due", async () => {
    const l = await lender("Servicing Loans");
    await prisma.lenderProduct.deleteMany({ where: { lenderOrgId: l.org.id } });
    await createProduct(prisma, { lenderOrgId: l.org.id, name: "Open term loan", ...OPEN_TERM_LOAN });
    const { deal } = await fundedDeal(l, {
      intent: "offer",
      productType: "TERM_LOAN",
      amount: "12,000",
      interestRate: "12",
      securityTerms: "A lien on all business assets",
      paymentFrequency: "MONTHLY",
      paymentCount: "3",
      expiresInDays: "7",
    });
    const at = (days: number) => dayAfter(days);
    const view = (days: number) => getDealForLender(prisma, l.org.id, deal.id, at(days));
    const fundedView = await view(0);
    expect(fundedView?.ledger.instalments.map((i) => i.dueOn)).toEqual(
      [30, 61, 91].map((d) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + d * DAY).toISOString().slice(0, 10),
      ),
    );
    const first = fundedView?.ledger.instalments[0]?.amountCents ?? 0;
    const pay = (amountCents: number, days: number) =>
      recordPayment(prisma, {
        lenderOrgId: l.org.id,
        dealId: deal.id,
        amountCents,
        paidOn: at(days),
        reference: `LOAN-${days}`,
        payer: "MERCHANT",
        actor: { id: l.user.id, role: "LENDER" },
        ip: "127.0.0.1",
        now: at(days),
      });

    expect((await runServicingJobs(prisma, at(32))).late).toBe(1);
    expect((await view(32))?.ledger.daysPastDue).toBe(2);
    expect(await pay(first, 32)).toEqual({ ok: true, status: "CURRENT", rebateCents: 0 });
    expect(await prisma.auditEvent.count({ where: { entityId: deal.id, action: "deal.current" } })).toBe(1);

    // Forty days in: the first payment made, the balance after it and ten days' interest on it.
    const payoff = (await view(40))?.ledger.payoffTodayCents ?? 0;
    const scheduledLeft = (fundedView?.ledger.scheduledCents ?? 0) - first;
    expect(payoff).toBeLessThan(scheduledLeft);
    const over = await pay(payoff + 1, 40);
    expect(over).toMatchObject({ ok: false, reason: "invalid", field: "amount" });
    expect(await pay(payoff, 40)).toEqual({ ok: true, status: "PAID_OFF", rebateCents: 0 });
    // The payoff fills the second instalment and part of the third; the rest was never owed.
    const paidOff = await view(41);
    expect(paidOff?.ledger.instalments.map((i) => i.state)).toEqual(["PAID", "PAID", "SETTLED_EARLY"]);
    expect(paidOff?.ledger.outstandingCents).toBe(0);
  });
});
