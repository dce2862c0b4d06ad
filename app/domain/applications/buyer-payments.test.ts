import { describe, expect, it } from "vitest";
import type { BankTxn } from "~/domain/bank/revenue";
import { buyerPaymentEvidence, type EvidenceBuyer, type EvidenceInvoice } from "./buyer-payments";

let seq = 0;
function txn(partial: Partial<BankTxn> & { name: string }): BankTxn {
  seq += 1;
  return {
    id: `t${String(seq).padStart(4, "0")}`,
    accountId: "acc-usd",
    date: "2026-03-10",
    amountCents: 1_000_000,
    categoryPrimary: "TRANSFER_IN",
    categoryDetailed: "TRANSFER_IN_WIRE",
    counterparty: null,
    pending: false,
    ...partial,
  };
}

const buyer = (buyerName: string, poNumber = `PO-${buyerName}`): EvidenceBuyer => ({
  orderId: `o-${poNumber}`,
  poNumber,
  buyerName,
});

const ACCOUNTS = new Map([
  ["acc-usd", "USD"],
  ["acc-eur", "EUR"],
]);

function evidence(
  buyers: EvidenceBuyer[],
  transactions: BankTxn[],
  invoices: EvidenceInvoice[] = [],
): ReturnType<typeof buyerPaymentEvidence> {
  return buyerPaymentEvidence({
    buyers,
    transactions,
    accountCurrency: ACCOUNTS,
    invoices,
    from: "2024-11-01",
    to: "2026-11-30",
  });
}

describe("buyer-payment evidence: which deposits are the buyer's", () => {
  it("matches the buyer's name whatever the case, punctuation, diacritics, legal form and word order", () => {
    const result = evidence(
      [buyer("Yamato Outdoor Supply K.K.")],
      [
        txn({ name: "WIRE IN YAMATO OUTDOOR SUPPLY KK REF 12", date: "2026-01-05", amountCents: 500_000 }),
        txn({ name: "INCOMING WIRE", counterparty: "Yamato Outdoor Supply Co., Ltd.", date: "2026-02-05" }),
        txn({ name: "SWIFT CREDIT SUPPLY YAMATO OUTDOOR", date: "2026-03-05", amountCents: 250_000 }),
        txn({ name: "ACH CREDIT YAMATÖ OUTDOOR-SUPPLY", date: "2026-04-05", amountCents: 250_000 }),
      ],
    );
    expect(result.buyers).toEqual([
      {
        buyerName: "Yamato Outdoor Supply K.K.",
        poNumbers: ["PO-Yamato Outdoor Supply K.K."],
        deposits: 4,
        totals: [{ currency: "USD", cents: 2_000_000 }],
        firstDate: "2026-01-05",
        lastDate: "2026-04-05",
        payerNames: [
          "WIRE IN YAMATO OUTDOOR SUPPLY KK REF 12",
          "Yamato Outdoor Supply Co., Ltd.",
          "SWIFT CREDIT SUPPLY YAMATO OUTDOOR",
          "ACH CREDIT YAMATÖ OUTDOOR-SUPPLY",
        ],
        invoicesOnFile: 0,
        invoicesPaired: 0,
        averageDaysToPay: null,
      },
    ]);
    expect(result.ambiguousDeposits).toBe(0);
  });

  it("takes a name one letter off (a transliteration or a typo) but not another company", () => {
    const result = evidence(
      [buyer("Hanbit Camping Co Ltd")],
      [
        txn({ name: "WIRE IN HANBITT CAMPING CO LTD" }),
        // Near misses: a longer name, a shorter one, another trade, another company of the city.
        txn({ name: "WIRE IN HANBIT CAMPING GEAR CO LTD" }),
        txn({ name: "WIRE IN HANBIT", counterparty: "Hanbit" }),
        txn({ name: "WIRE IN HANBIT TRADING CO LTD" }),
        txn({ name: "WIRE IN SEOUL CAMPING CO LTD" }),
      ],
    );
    expect(result.buyers[0]?.deposits).toBe(1);
    expect(result.buyers[0]?.payerNames).toEqual(["WIRE IN HANBITT CAMPING CO LTD"]);
  });

  it("keeps a bank word that is part of the buyer's name", () => {
    const result = evidence(
      [buyer("Global Payment Partners")],
      [txn({ name: "WIRE IN GLOBAL PAYMENT PARTNERS" }), txn({ name: "WIRE IN GLOBAL PARTNERS" })],
    );
    expect(result.buyers[0]?.deposits).toBe(1);
  });

  it("counts only money in that has posted, inside the window", () => {
    const result = evidence(
      [buyer("Osaka Sports Depot")],
      [
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT" }),
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT", pending: true }),
        txn({ name: "WIRE OUT OSAKA SPORTS DEPOT", amountCents: -300_000 }),
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT", date: "2024-10-31" }),
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT", date: "2026-12-01" }),
      ],
    );
    expect(result.buyers[0]?.deposits).toBe(1);
  });

  it("never counts one deposit for two buyers", () => {
    const result = evidence(
      [buyer("Osaka Sports Depot", "PO-1"), buyer("Osaka Sports Depot Trading", "PO-2")],
      [
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT", amountCents: 100 }),
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT TRADING", amountCents: 200 }),
        // The counterparty names one buyer and the description the other: counted for neither.
        txn({ name: "WIRE IN OSAKA SPORTS DEPOT", counterparty: "Osaka Sports Depot Trading" }),
      ],
    );
    expect(result.buyers.map((b) => [b.buyerName, b.deposits, b.totals])).toEqual([
      ["Osaka Sports Depot", 1, [{ currency: "USD", cents: 100 }]],
      ["Osaka Sports Depot Trading", 1, [{ currency: "USD", cents: 200 }]],
    ]);
    expect(result.ambiguousDeposits).toBe(1);
  });

  it("takes two orders to the same buyer, written differently, as one buyer", () => {
    const result = evidence(
      [buyer("Shanghai Alpine Trading Co.", "PO-2"), buyer("SHANGHAI ALPINE TRADING CO LTD", "PO-1")],
      [txn({ name: "WIRE IN SHANGHAI ALPINE TRADING CO" })],
    );
    expect(result.buyers).toHaveLength(1);
    expect(result.buyers[0]).toMatchObject({
      buyerName: "SHANGHAI ALPINE TRADING CO LTD",
      poNumbers: ["PO-1", "PO-2"],
      deposits: 1,
    });
  });

  it("totals each account currency apart, in integer minor units", () => {
    const result = evidence(
      [buyer("Taipei Trail Gear Ltd")],
      [
        txn({ name: "WIRE IN TAIPEI TRAIL GEAR LTD", amountCents: 1_234_567 }),
        txn({ name: "WIRE IN TAIPEI TRAIL GEAR LTD", amountCents: 1 }),
        txn({ name: "WIRE IN TAIPEI TRAIL GEAR LTD", accountId: "acc-eur", amountCents: 500_00 }),
      ],
    );
    expect(result.buyers[0]?.totals).toEqual([
      { currency: "EUR", cents: 500_00 },
      { currency: "USD", cents: 1_234_568 },
    ]);
  });

  it("gives an empty result for an empty feed, and nothing for no buyers", () => {
    const empty = evidence([buyer("Hanoi Fresh JSC")], []);
    expect(empty.buyers).toEqual([
      {
        buyerName: "Hanoi Fresh JSC",
        poNumbers: ["PO-Hanoi Fresh JSC"],
        deposits: 0,
        totals: [],
        firstDate: null,
        lastDate: null,
        payerNames: [],
        invoicesOnFile: 0,
        invoicesPaired: 0,
        averageDaysToPay: null,
      },
    ]);
    expect(evidence([], [txn({ name: "WIRE IN HANOI FRESH JSC" })]).buyers).toEqual([]);
  });
});

describe("buyer-payment evidence: days from invoice to payment", () => {
  const invoice = (partial: Partial<EvidenceInvoice> & { invoiceDate: string }): EvidenceInvoice => ({
    orderId: `inv-${partial.invoiceDate}`,
    poNumber: `INV-${partial.invoiceDate}`,
    buyerName: "Mumbai Dry Fruits Traders Pvt. Ltd.",
    amountCents: 2_000_000,
    currency: "USD",
    ...partial,
  });
  const wire = (date: string, amountCents: number, accountId = "acc-usd") =>
    txn({ name: "WIRE IN MUMBAI DRY FRUITS TRADERS PVT", date, amountCents, accountId });

  it("pairs each earlier invoice with the first deposit after it of about its amount", () => {
    const result = evidence(
      [buyer("Mumbai Dry Fruits Traders")],
      [
        wire("2026-01-20", 600_000), // not the amount of any invoice
        wire("2026-02-14", 1_985_000), // 45 days after 2025-12-31, less a wire fee
        wire("2026-03-31", 2_000_000), // 59 days after 2026-01-31
        wire("2026-04-02", 2_000_000), // already taken by nothing: the third invoice is in EUR
      ],
      [
        invoice({ invoiceDate: "2025-12-31" }),
        invoice({ invoiceDate: "2026-01-31" }),
        invoice({ invoiceDate: "2026-02-01", currency: "EUR" }),
        invoice({ invoiceDate: "2026-05-01" }), // not paid yet
        invoice({ invoiceDate: "2026-01-15", buyerName: "Guangzhou Harvest Foods" }), // another buyer
      ],
    );
    expect(result.buyers[0]).toMatchObject({
      deposits: 4,
      invoicesOnFile: 4,
      invoicesPaired: 2,
      averageDaysToPay: 52,
    });
  });

  it("uses a deposit for one invoice only", () => {
    const result = evidence(
      [buyer("Mumbai Dry Fruits Traders")],
      [wire("2026-03-01", 2_000_000)],
      [invoice({ invoiceDate: "2026-01-01" }), invoice({ invoiceDate: "2026-01-02" })],
    );
    expect(result.buyers[0]).toMatchObject({ invoicesPaired: 1, averageDaysToPay: 59 });
  });

  it("does not pair a deposit before the invoice, too far off its amount, or over a year later", () => {
    const result = evidence(
      [buyer("Mumbai Dry Fruits Traders")],
      [wire("2025-12-01", 2_000_000), wire("2026-02-01", 1_900_000), wire("2027-02-01", 2_000_000)],
      [invoice({ invoiceDate: "2026-01-01" })],
    );
    expect(result.buyers[0]).toMatchObject({ invoicesPaired: 0, averageDaysToPay: null });
  });
});
