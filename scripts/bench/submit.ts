// Application submit — score (from 24 months of synced bank data) + match (against the demo
// partners and 120 more products) + persist (frozen report, referrals, audit, e-mails) — on
// merchants whose score was never computed, so every submit does the whole work. p50 and p95,
// against an empty write transaction on the same database (the floor of any submit).
// Target (docs/design/platform.md): p50 ≤ 100 ms.

import { startBenchSandbox } from "./bench-env";
import { type BenchRow, percentile } from "./row";
import { median } from "./timing";

export async function submitBenchmark(options: { merchants?: number } = {}): Promise<BenchRow> {
  const merchants = options.merchants ?? 30;
  const sandbox = await startBenchSandbox();
  const { overrideEnvForTests } = await import("~/utils/env.server");
  const { resetPlaidClient, createSandboxPublicToken } = await import("~/domain/bank/plaid.server");
  overrideEnvForTests({ PLAID_BASE_PATH: sandbox.url, PLAID_SYNC_RETRY_BASE_MS: 1 });
  resetPlaidClient();
  const { prisma } = await import("~/utils/db.server");
  const { connectBank, syncConnection } = await import("~/domain/bank/sync.server");
  const { createDraft, submitApplication } = await import("~/domain/applications/applications.server");
  const { createExportOrder, createLenderOrg, createMerchant, createProduct, unique } = await import(
    "../../tests/factories"
  );
  const { seedDemo } = await import("../../tests/factories/demo");

  try {
    if ((await prisma.lenderOrg.count()) === 0) await seedDemo(prisma);
    // A marketplace larger than the demo: 120 more products over 30 partners.
    for (let org = 0; org < 30; org++) {
      const lender = await createLenderOrg(prisma, { name: unique(`Bench Lender ${org} `) });
      for (let p = 0; p < 4; p++) {
        const i = org * 4 + p;
        await createProduct(prisma, {
          lenderOrgId: lender.id,
          name: `Bench product ${i}`,
          type:
            (["PO_FINANCING", "INVOICE_FACTORING", "TERM_LOAN", "EXPORT_WORKING_CAPITAL"] as const)[p] ??
            "TERM_LOAN",
          minAmountCents: 1_000_000 * (1 + (i % 5)),
          maxAmountCents: 50_000_000 + 5_000_000 * (i % 40),
          minScore: 400 + ((i * 37) % 300),
          minMonthsInBusiness: i % 36,
          minAnnualRevenueCents: BigInt(10_000_000 * (i % 15)),
          maxOecdCategory: 3 + (i % 5),
          acceptedPaymentTerms: ["OPEN_ACCOUNT", "LETTER_OF_CREDIT", "DOC_COLLECTION_DP"],
          minTenorDays: 30,
          maxTenorDays: 120 + (i % 4) * 60,
          advanceRateBps: 8000 + (i % 10) * 100,
          ...(p >= 2
            ? { aprMinBps: 800, aprMaxBps: 2400 }
            : { feePer30DaysMinBps: 100, feePer30DaysMaxBps: 400 }),
        });
      }
    }

    const drafts: { merchantId: string; applicationId: string; userId: string }[] = [];
    for (let m = 0; m < merchants; m++) {
      const merchant = await createMerchant(prisma, {
        email: `${unique("submit")}@bench.example`,
        userName: "Submit Bench",
        password: "bench password 2026",
        legalName: unique("Submit Bench Exports "),
        complete: true,
        yearFounded: 2012,
        addressState: "CA",
        annualRevenueCents: 240_000_000n,
      });
      const { public_token } = await createSandboxPublicToken(
        m % 2 ? "steady_exporter" : "seasonal_exporter",
      );
      const { connectionId } = await connectBank(prisma, {
        merchantId: merchant.merchantId,
        publicToken: public_token,
        actor: { id: merchant.userId, role: "MERCHANT" },
        ip: "127.0.0.1",
      });
      await syncConnection(prisma, connectionId);
      const orderIds: string[] = [];
      for (const [country, term] of [
        ["JP", "LETTER_OF_CREDIT"],
        ["KR", "OPEN_ACCOUNT"],
      ] as const) {
        const order = await createExportOrder(prisma, {
          merchantId: merchant.merchantId,
          buyerName: `Bench buyer ${country}`,
          buyerCountry: country,
          poNumber: unique("PO-"),
          amountMinor: 4_500_000n,
          currency: "USD",
          orderDate: new Date(),
          paymentTerm: term,
          paymentTermDays: 60,
          incoterm: "FOB",
        });
        orderIds.push(order.id);
      }
      const actor = { id: merchant.userId, role: "MERCHANT" };
      const created = await createDraft(prisma, {
        merchantId: merchant.merchantId,
        application: {
          amount: 7_500_000,
          purpose: "Materials and freight for two Asian orders",
          productTypeWanted: "ANY",
          tenorDays: 90,
          orderIds,
        },
        actor,
        ip: "127.0.0.1",
      });
      drafts.push({ merchantId: merchant.merchantId, applicationId: created.id, userId: merchant.userId });
    }

    const samples: number[] = [];
    let referrals = 0;
    for (const draft of drafts) {
      const start = performance.now();
      const outcome = await submitApplication(prisma, {
        merchantId: draft.merchantId,
        applicationId: draft.applicationId,
        actor: { id: draft.userId, role: "MERCHANT" },
        ip: "127.0.0.1",
      });
      samples.push(performance.now() - start);
      if (outcome.status !== "submitted" && outcome.status !== "declined")
        throw new Error(`A benchmark submit did not go through: ${JSON.stringify(outcome)}`);
      if (outcome.status === "submitted") referrals += outcome.referrals;
    }
    const floor: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      await prisma.$transaction(async (tx) => {
        await tx.application.count({ where: { id: "none" } });
      });
      floor.push(performance.now() - start);
    }
    // The buyer-payment evidence's share of a submit: the pure function on the feed the package
    // reads, timed alone (a submit's own timing swings more than this costs on a shared machine).
    const { buyerPaymentEvidence } = await import("~/domain/applications/buyer-payments");
    const { bankTransactionsBetween } = await import("~/domain/bank/bank.server");
    const evidence: number[] = [];
    for (const draft of drafts.slice(0, 10)) {
      const to = new Date();
      const from = new Date(to.getTime() - 740 * 86_400_000);
      const transactions = await bankTransactionsBetween(prisma, {
        merchantId: draft.merchantId,
        from,
        to,
        depositoryOnly: true,
        postedOnly: true,
      });
      const orders = await prisma.exportOrder.findMany({
        where: { merchantId: draft.merchantId },
        select: { id: true, poNumber: true, buyerName: true },
      });
      // The bench's own buyers never pay into the sandbox feed: two of the feed's real payers are
      // added, so that matching, totals and pairing do their whole work.
      const payers = [
        ...new Set(
          transactions.filter((t) => t.amountCents > 0 && t.counterparty).map((t) => t.counterparty),
        ),
      ].slice(0, 2) as string[];
      const input = {
        buyers: [
          ...orders.map((o) => ({ orderId: o.id, poNumber: o.poNumber, buyerName: o.buyerName })),
          ...payers.map((buyerName, i) => ({ orderId: `payer-${i}`, poNumber: `PAYER-${i}`, buyerName })),
        ],
        transactions,
        accountCurrency: new Map<string, string>(),
        invoices: [],
        from: from.toISOString().slice(0, 10),
        to: to.toISOString().slice(0, 10),
      };
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        buyerPaymentEvidence(input);
        evidence.push(performance.now() - start);
      }
    }
    const p50 = percentile(samples, 50);
    const reference = median(floor);
    return {
      name: "application submit (score + match + persist)",
      figure: p50,
      unit: "ms",
      detail: `p50 ${p50.toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms over ${samples.length} submits (${(referrals / samples.length).toFixed(1)} referrals each on average); of which buyer-payment evidence ${median(evidence).toFixed(2)} ms (median)`,
      referenceName: "an empty write transaction",
      referenceFigure: reference,
      ratio: p50 / reference,
      ratioLabel: `${(p50 / reference).toFixed(0)}×`,
      target: "p50 ≤ 100 ms",
      pass: p50 <= 100,
    };
  } finally {
    await sandbox.stop();
  }
}
