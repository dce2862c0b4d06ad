import { describe, expect, it } from "vitest";
import { buildPackage, type CurrentData, canonicalJson, diffPackage, type PackageSource } from "./package";

const profile = {
  legalName: "Harbor Exports LLC",
  dbaName: null,
  einLast4: "6789",
  entityType: "LLC",
  stateOfIncorporation: "DE",
  yearFounded: 2012,
  naicsCode: "339920",
  website: null,
  addressLine1: "100 Harbor Way",
  addressLine2: null,
  city: "Oakland",
  addressState: "CA",
  postalCode: "94607",
  employees: 12,
  annualRevenueCents: 180_000_000n,
  exportMarkets: "KR,JP",
};

const order = {
  id: "o1",
  poNumber: "PO-1",
  buyerName: "Yamato K.K.",
  buyerCountry: "JP",
  amountCents: 18_600_000n,
  currency: "JPY",
  orderDate: new Date("2026-11-01T00:00:00Z"),
  expectedShipDate: null,
  paymentTerm: "LETTER_OF_CREDIT",
  paymentTermDays: 60,
  incoterm: "FOB",
  status: "OPEN",
  cancelledAt: null,
  cancelReason: null,
};

function source(): PackageSource {
  return {
    applicationId: "a1",
    submittedAt: new Date("2026-11-20T10:00:00Z"),
    asOf: new Date("2026-11-20T00:00:00Z"),
    request: {
      amountCents: 7_500_000,
      currency: "USD",
      purpose: "Freight",
      productTypeWanted: "ANY",
      tenorDays: 90,
    },
    profile,
    owners: [{ name: "Erin", title: "Owner", ownershipBps: 10_000 }],
    orders: [order],
    fxRates: [{ currency: "JPY", usdPerUnitE8: 660_000, asOfDate: new Date("2026-11-19T00:00:00Z") }],
    transactions: [
      {
        id: "t1",
        accountId: "acc",
        date: "2026-10-05",
        amountCents: 500_000,
        categoryPrimary: "INCOME",
        categoryDetailed: "INCOME_OTHER",
        counterparty: "Buyer",
        name: "Deposit",
        pending: false,
      },
      {
        id: "t4",
        accountId: "acc",
        date: "2026-09-30",
        amountCents: 1_200_000,
        categoryPrimary: "TRANSFER_IN",
        categoryDetailed: "TRANSFER_IN_WIRE",
        counterparty: null,
        name: "WIRE IN YAMATO KK REF 7",
        pending: false,
      },
      {
        id: "t2",
        accountId: "acc",
        date: "2026-11-02",
        amountCents: -3_500,
        categoryPrimary: "BANK_FEES",
        categoryDetailed: "BANK_FEES_OVERDRAFT_FEES",
        counterparty: null,
        name: "Overdraft fee",
        pending: false,
      },
      {
        id: "t3",
        accountId: "acc",
        date: "2026-05-02",
        amountCents: -3_500,
        categoryPrimary: "BANK_FEES",
        categoryDetailed: "BANK_FEES_INSUFFICIENT_FUNDS",
        counterparty: null,
        name: "NSF fee, too old",
        pending: false,
      },
    ],
    accounts: [
      {
        id: "acc",
        connectionId: "c1",
        name: "Checking",
        mask: "0000",
        type: "depository",
        subtype: "checking",
        currentBalanceCents: 1_000_00,
        currency: "USD",
        balanceAsOf: new Date("2026-11-20T08:00:00Z"),
      },
    ],
    connections: [{ id: "c1", institutionName: "First Bank", status: "ACTIVE" }],
    sales: [
      {
        channel: "SHOPIFY",
        periodStart: new Date("2026-10-01T00:00:00Z"),
        netCents: 100_000n,
        currency: "USD",
      },
      { channel: "RAKUTEN", periodStart: new Date("2026-10-01T00:00:00Z"), netCents: 100n, currency: "XXX" },
    ],
    score: {
      id: "r1",
      modelVersion: "trs-1",
      asOf: "2026-11-20",
      scoreable: true,
      notScoreableReason: null,
      score: 700,
      grade: "B",
      rawPoints: 200,
      characteristics: [],
      features: { nsfEvents90d: 1 },
      reasons: [],
      dataSummary: {},
      inputsHash: "h",
    },
    invoices: [
      {
        orderId: "o0",
        poNumber: "PO-0",
        buyerName: "YAMATO CO., LTD.",
        invoiceDate: "2026-08-31",
        amountCents: 1_200_000,
        currency: "USD",
      },
      // The order financed itself is never its own evidence.
      {
        ...{ orderId: "o1", poNumber: "PO-1", buyerName: "Yamato K.K." },
        invoiceDate: "2026-09-01",
        amountCents: 1_200_000,
        currency: "USD",
      },
    ],
  };
}

const now = (patch: Partial<CurrentData> = {}): CurrentData => ({
  profile,
  owners: [{ name: "Erin", title: "Owner", ownershipBps: 10_000 }],
  orders: [order],
  connections: [{ id: "c1", institutionName: "First Bank", status: "ACTIVE" }],
  ...patch,
});

describe("the application package", () => {
  it("copies the evidence by the review page's rules", () => {
    const pkg = buildPackage(source());
    expect(pkg.orders[0]).toMatchObject({
      oecdCategory: 0,
      usdCents: "12276000",
      fx: { usdPerUnitE8: 660_000, asOfDate: "2026-11-19" },
    });
    expect(pkg.bank.revenue).toHaveLength(24);
    expect(pkg.bank.revenue.find((m) => m.month === "2026-10")?.cents).toBe(500_000);
    expect(pkg.bank.nsfItems).toEqual([{ date: "2026-11-02", name: "Overdraft fee", amountCents: -3_500 }]);
    expect(pkg.bank.accounts[0]?.institutionName).toBe("First Bank");
    expect(pkg.sales).toMatchObject({
      records: 2,
      totalNetUsdCents: 100_000,
      currenciesWithoutRate: ["XXX"],
    });
    expect(pkg.profile.exportMarkets).toEqual(["JP", "KR"]);
    expect(pkg.profile.annualRevenueCents).toBe("180000000");
    expect(pkg.formatVersion).toBe(2);
    expect(pkg.buyerPayments).toEqual({
      from: "2024-12-01",
      to: "2026-11-20",
      ambiguousDeposits: 0,
      buyers: [
        {
          buyerName: "Yamato K.K.",
          poNumbers: ["PO-1"],
          deposits: 1,
          totals: [{ currency: "USD", cents: 1_200_000 }],
          firstDate: "2026-09-30",
          lastDate: "2026-09-30",
          payerNames: ["WIRE IN YAMATO KK REF 7"],
          invoicesOnFile: 1,
          invoicesPaired: 1,
          averageDaysToPay: 30,
        },
      ],
    });
  });

  it("serialises to the same bytes whatever the key order", () => {
    const a = canonicalJson({ b: 1n, a: { d: [2, { z: 1, y: 2 }], c: new Date("2026-01-01T00:00:00Z") } });
    const b = canonicalJson({ a: { c: new Date("2026-01-01T00:00:00Z"), d: [2, { y: 2, z: 1 }] }, b: 1n });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":"2026-01-01T00:00:00.000Z","d":[2,{"y":2,"z":1}]},"b":"1"}');
    const pkg = buildPackage(source());
    expect(canonicalJson(JSON.parse(canonicalJson(pkg)))).toBe(canonicalJson(pkg));
  });

  it("lists nothing when nothing changed, and each change with its submitted and current value", () => {
    const pkg = buildPackage(source());
    expect(diffPackage(pkg, now())).toEqual([]);
    const changes = diffPackage(
      pkg,
      now({
        profile: { ...profile, legalName: "Other LLC" },
        owners: [],
        orders: [
          {
            ...order,
            buyerCountry: "KP",
            amountCents: 100_000n,
            paymentTerm: "CONSIGNMENT",
            status: "CANCELLED",
            cancelledAt: new Date("2026-11-25T00:00:00Z"),
            cancelReason: "Buyer gone",
          },
        ],
        connections: [
          { id: "c1", institutionName: "First Bank", status: "REVOKED" },
          { id: "c2", institutionName: "Second Bank", status: "ACTIVE" },
        ],
      }),
    );
    expect(changes).toEqual([
      {
        section: "profile",
        subject: "Business profile",
        field: "Legal name",
        submitted: "Harbor Exports LLC",
        current: "Other LLC",
      },
      {
        section: "owners",
        subject: "Owner Erin",
        field: "Title and share",
        submitted: "Owner, 100%",
        current: "removed",
      },
      {
        section: "orders",
        subject: "Order PO-1",
        field: "Buyer country",
        submitted: "Japan",
        current: "North Korea",
      },
      {
        section: "orders",
        subject: "Order PO-1",
        field: "Amount",
        submitted: "¥18,600,000",
        current: "¥100,000",
      },
      {
        section: "orders",
        subject: "Order PO-1",
        field: "Payment term",
        submitted: "Letter of credit",
        current: "Consignment",
      },
      { section: "orders", subject: "Order PO-1", field: "Status", submitted: "open", current: "cancelled" },
      {
        section: "orders",
        subject: "Order PO-1",
        field: "Cancelled by the merchant",
        submitted: "—",
        current: "2026-11-25: Buyer gone",
      },
      {
        section: "bank",
        subject: "First Bank",
        field: "Bank connection",
        submitted: "connected",
        current: "disconnected",
      },
      {
        section: "bank",
        subject: "Second Bank",
        field: "Bank connection",
        submitted: "not connected",
        current: "connected after submission",
      },
    ]);
    expect(diffPackage(pkg, now({ orders: [] }))).toEqual([
      { section: "orders", subject: "Order PO-1", field: "Order", submitted: "on file", current: "deleted" },
    ]);
  });
});
