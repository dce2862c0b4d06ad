// Scoring 24 months of data (50,000 transactions, 500 open orders) against a bare loop over the
// same transactions.
import { buyerPaymentEvidence } from "~/domain/applications/buyer-payments";
import type { BankTxn } from "~/domain/bank/revenue";
import type { ScoringInput, ScoringOrder } from "~/domain/scoring/features";
import { computeFeatures } from "~/domain/scoring/features";
import { inputsHash, scoreFeatures, scoreMerchant } from "~/domain/scoring/score";
import { FX_RATES } from "../../tests/factories/scoring";
import { type BenchRow, timingRow } from "./row";
import { time } from "./timing";

const DAY = 86_400_000;

export function bigScoringInput(asOf = "2026-11-20", transactions = 50_000, orders = 500): ScoringInput {
  const end = Date.parse(`${asOf}T00:00:00Z`);
  const payers = Array.from({ length: 40 }, (_, i) => `BUYER ${i} TRADING CO`);
  const txns: BankTxn[] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = 0; i < transactions; i++) {
    const day = new Date(end - Math.floor((i / transactions) * 730) * DAY).toISOString().slice(0, 10);
    const inflow = random() < 0.4;
    txns.push({
      id: `t${String(i).padStart(6, "0")}`,
      accountId: random() < 0.9 ? "checking" : "savings",
      date: day,
      amountCents: inflow
        ? Math.round(50_000 + random() * 500_000)
        : -Math.round(10_000 + random() * 300_000),
      categoryPrimary: inflow ? "INCOME" : random() < 0.05 ? "LOAN_PAYMENTS" : "GENERAL_MERCHANDISE",
      categoryDetailed: inflow ? "INCOME_OTHER_INCOME" : "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE",
      counterparty: inflow ? (payers[Math.floor(random() * payers.length)] ?? null) : "SUPPLIER",
      name: inflow ? "WIRE IN" : "ACH PMT",
      pending: false,
    });
  }
  const countries = ["JP", "CN", "KR", "VN", "IN", "TW", "SG", "TH"];
  const terms = [
    "LETTER_OF_CREDIT",
    "OPEN_ACCOUNT",
    "DOC_COLLECTION_DP",
    "DOC_COLLECTION_DA",
    "CASH_IN_ADVANCE",
  ];
  const openOrders: ScoringOrder[] = Array.from({ length: orders }, (_, i) => ({
    id: `o${i}`,
    buyerName: payers[i % payers.length] ?? "Buyer",
    buyerCountry: countries[i % countries.length] ?? "JP",
    amountMinor: BigInt(1_000_000 + i * 1_000),
    currency: i % 3 === 0 ? "JPY" : "USD",
    orderDate: asOf,
    expectedShipDate: null,
    invoiceDate: null,
    paymentTerm: terms[i % terms.length] ?? "OPEN_ACCOUNT",
    paymentTermDays: 30 + (i % 4) * 30,
    status: "OPEN",
  }));
  return {
    asOf,
    accounts: [
      { id: "checking", type: "depository", currentBalanceCents: 25_000_000, currency: "USD" },
      { id: "savings", type: "depository", currentBalanceCents: 8_000_000, currency: "USD" },
    ],
    transactions: txns,
    sales: [],
    orders: openOrders,
    profile: { yearFounded: 2012, monthFounded: 1 },
    fxRates: FX_RATES,
  };
}

export function scoringBenchmarks(): BenchRow[] {
  const input = bigScoringInput();
  // The floor: one pass over the same transactions, summing inflows by month.
  const referenceMedianMs = time(() => {
    const byMonth = new Map<string, number>();
    for (const t of input.transactions) {
      if (t.amountCents > 0) {
        const month = t.date.slice(0, 7);
        byMonth.set(month, (byMonth.get(month) ?? 0) + t.amountCents);
      }
    }
    return byMonth;
  }, 25);
  const reference = "bare loop over the same transactions";
  return [
    timingRow({
      name: "features + score: 24 months, 50,000 transactions, 500 orders",
      medianMs: time(() => scoreFeatures(computeFeatures(input)), 25),
      referenceName: reference,
      referenceMedianMs,
      targetMs: 20,
    }),
    timingRow({
      name: "inputs hash of the same data (kept with the report)",
      medianMs: time(() => inputsHash(input), 15),
      referenceName: reference,
      referenceMedianMs,
      targetMs: null,
    }),
    timingRow({
      name: "whole report (features, score and hash)",
      medianMs: time(() => scoreMerchant(input), 15),
      referenceName: reference,
      referenceMedianMs,
      targetMs: null,
    }),
    ...buyerPaymentRows(input.transactions, reference, referenceMedianMs),
  ];
}

/**
 * Buyer-payment evidence for the package (computed inside the submit transaction): three buyers
 * and 100 earlier invoices over the same 50,000 transactions, once with the payers as the feed
 * names them (40 counterparties, every month again) and once with a reference number in every
 * deposit's description, so that no two descriptions are alike.
 */
function buyerPaymentRows(transactions: readonly BankTxn[], reference: string, referenceMedianMs: number) {
  const buyers = ["BUYER 3 TRADING CO", "BUYER 17 TRADING CO", "BUYER 31 TRADING CO"].map((buyerName, i) => ({
    orderId: `o${i}`,
    poNumber: `PO-${i}`,
    buyerName: buyerName.replace(/\d+/, (n) => ["Alpha", "Beta", "Gamma"][Number(n) % 3] as string),
  }));
  // The feed's payers renamed to match: BUYER 3 → BUYER ALPHA…, the others stay other payers.
  const named = transactions.map((t) =>
    t.counterparty?.startsWith("BUYER ")
      ? {
          ...t,
          counterparty: t.counterparty.replace(
            /^BUYER (3|17|31) /,
            (_, n) => `BUYER ${["Alpha", "Beta", "Gamma"][Number(n) % 3]} `,
          ),
        }
      : t,
  );
  const referenced = named.map((t, i) =>
    t.amountCents > 0 ? { ...t, name: `WIRE IN ${t.counterparty} REF ${i}` } : t,
  );
  const invoices = Array.from({ length: 100 }, (_, i) => ({
    orderId: `x${i}`,
    poNumber: `X-${i}`,
    buyerName: buyers[i % 3]?.buyerName ?? "",
    invoiceDate: `2026-0${1 + (i % 9)}-1${i % 10}`,
    amountCents: 300_000,
    currency: "USD",
  }));
  const accountCurrency = new Map([
    ["checking", "USD"],
    ["savings", "USD"],
  ]);
  const run = (feed: readonly BankTxn[]) => () =>
    buyerPaymentEvidence({
      buyers,
      transactions: feed,
      accountCurrency,
      invoices,
      from: "2024-12-01",
      to: "2026-11-20",
    });
  const found = run(named)().buyers.map((b) => b.deposits);
  return [
    timingRow({
      name: "buyer-payment evidence: 3 buyers, 100 invoices, the same 50,000 transactions",
      medianMs: time(run(named), 15),
      referenceName: reference,
      referenceMedianMs,
      targetMs: null,
      detail: `${found.join(" + ")} deposits matched`,
    }),
    timingRow({
      name: "buyer-payment evidence, every description different",
      medianMs: time(run(referenced), 15),
      referenceName: reference,
      referenceMedianMs,
      targetMs: null,
    }),
  ];
}
