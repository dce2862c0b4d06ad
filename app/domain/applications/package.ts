// The application package: everything a lender decides on, copied once when the application is
// submitted (docs/design/application-package.md). Pure: plain data in, the package out; the
// deterministic serialisation whose hash is stored with it; and the comparison of a package with
// the merchant's data as it is now, which lenders see beside the package, never in its place.
import type { BankTxn } from "~/domain/bank/revenue";
import { lastMonths, monthlyRevenue } from "~/domain/bank/revenue";
import { type FxRate, fxTable, tryToUsdCents } from "~/domain/fx";
import { formatMoney } from "~/domain/money";
import {
  INCOTERM_LABELS,
  type Incoterm,
  PAYMENT_TERM_LABELS,
  type PaymentTerm,
} from "~/domain/orders/orders";
import { countryName, pricingOecdCategory } from "~/domain/reference/countries";
import { type BuyerPayments, buyerPaymentEvidence, type EvidenceInvoice } from "./buyer-payments";

/**
 * The shape of `packageJson`. 1: the first packages; 2: adds `buyerPayments`. A package keeps the
 * version it was frozen with, and readers show what its version holds.
 */
export const PACKAGE_FORMAT_VERSION = 2;

const DAY = 86_400_000;

// ───────────────────────────── the sources, as plain data ─────────────────────────────

export type PackageProfile = {
  legalName: string;
  dbaName: string | null;
  einLast4: string | null;
  entityType: string | null;
  stateOfIncorporation: string | null;
  yearFounded: number | null;
  naicsCode: string | null;
  website: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  addressState: string | null;
  postalCode: string | null;
  employees: number | null;
  /** Self-reported, USD cents, as a decimal string. */
  annualRevenueCents: string | null;
  exportMarkets: string[];
};

export type PackageOwner = { name: string; title: string; ownershipBps: number };

export type SourceOrder = {
  id: string;
  poNumber: string;
  buyerName: string;
  buyerCountry: string;
  amountCents: bigint;
  currency: string;
  orderDate: Date;
  expectedShipDate: Date | null;
  paymentTerm: string;
  paymentTermDays: number;
  incoterm: string;
  status: string;
  cancelledAt?: Date | null;
  cancelReason?: string | null;
};

export type SourceAccount = {
  id: string;
  connectionId: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  currentBalanceCents: number | null;
  currency: string;
  balanceAsOf: Date | null;
};

export type SourceConnection = { id: string; institutionName: string; status: string };

export type SourceSale = {
  channel: string;
  periodStart: Date;
  netCents: bigint;
  currency: string;
};

/** The frozen score report's fields, as score.server.ts reads them. */
export type SourceScore = {
  id: string;
  modelVersion: string;
  asOf: string;
  scoreable: boolean;
  notScoreableReason: string | null;
  score: number | null;
  grade: string | null;
  rawPoints: number;
  characteristics: unknown;
  features: unknown;
  reasons: unknown;
  dataSummary: unknown;
  inputsHash: string;
};

export type PackageSource = {
  applicationId: string;
  submittedAt: Date;
  /** The day the evidence describes (the score report's as-of day). */
  asOf: Date;
  request: {
    amountCents: number;
    currency: string;
    purpose: string;
    productTypeWanted: string;
    tenorDays: number;
  };
  profile: Omit<PackageProfile, "annualRevenueCents" | "exportMarkets"> & {
    annualRevenueCents: bigint | null;
    exportMarkets: string;
  };
  owners: readonly PackageOwner[];
  orders: readonly SourceOrder[];
  fxRates: readonly FxRate[];
  /** Posted transactions of depository accounts, from a week before the first month to `asOf`. */
  transactions: readonly BankTxn[];
  accounts: readonly SourceAccount[];
  connections: readonly SourceConnection[];
  sales: readonly SourceSale[];
  score: SourceScore;
  /** The sanctions screening of every party at submission (docs/design/sanctions.md). */
  screening?: PackageScreening;
  /** The merchant's other export orders with an invoice on file, for the buyers' days to pay. */
  invoices: readonly EvidenceInvoice[];
};

/** Each name screened, against which list version, and the potential matches found. */
export type PackageScreening = {
  list: { listDate: string; sha256: string; altSha256: string | null } | null;
  names: {
    subjectType: string;
    name: string;
    hits: {
      entNum: number;
      listedName: string;
      matchedName: string;
      programs: string;
      type: string;
      score: number;
      status: string;
    }[];
  }[];
};

// ───────────────────────────── the package ─────────────────────────────

export type PackageOrder = {
  id: string;
  poNumber: string;
  buyerName: string;
  buyerCountry: string;
  /** The OECD category the country was priced at on submission (null: unknown). */
  oecdCategory: number | null;
  amountMinor: string;
  currency: string;
  /** null when no rate was on file. */
  usdCents: string | null;
  /** USD per unit ×1e8 and the day it was valid for; USD orders have rate 1 and no date. */
  fx: { usdPerUnitE8: number; asOfDate: string | null } | null;
  orderDate: string;
  expectedShipDate: string | null;
  paymentTerm: string;
  paymentTermDays: number;
  incoterm: string;
  status: string;
};

export type PackageAccount = {
  id: string;
  connectionId: string;
  institutionName: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  currentBalanceCents: number | null;
  currency: string;
  balanceAsOf: string | null;
};

export type ApplicationPackage = {
  formatVersion: number;
  applicationId: string;
  submittedAt: string;
  asOf: string;
  request: PackageSource["request"];
  profile: PackageProfile;
  owners: PackageOwner[];
  orders: PackageOrder[];
  bank: {
    asOf: string;
    revenue: { month: string; cents: number }[];
    nsfItems: { date: string; name: string; amountCents: number }[];
    accounts: PackageAccount[];
    connections: SourceConnection[];
  };
  sales: {
    months: { month: string; netUsdCents: number }[];
    channels: { channel: string; records: number; netUsdCents: number }[];
    totalNetUsdCents: number;
    records: number;
    currenciesWithoutRate: string[];
  };
  score: SourceScore;
  screening?: PackageScreening;
  /** From format version 2: how each buyer of the orders financed has paid the merchant before. */
  buyerPayments?: BuyerPayments;
};

const iso = (date: Date) => date.toISOString();
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The 24 months of bank evidence up to the as-of day, by the rules the review page always used. */
function bankEvidence(source: PackageSource): ApplicationPackage["bank"] {
  const asOfDay = isoDay(source.asOf);
  const months = lastMonths(asOfDay, 24);
  const revenue = monthlyRevenue(source.transactions, months);
  const ninetyDaysBefore = isoDay(new Date(source.asOf.getTime() - 90 * DAY));
  const nsfItems = source.transactions
    .filter(
      (t) =>
        (t.categoryDetailed === "BANK_FEES_INSUFFICIENT_FUNDS" ||
          t.categoryDetailed === "BANK_FEES_OVERDRAFT_FEES") &&
        t.date >= ninetyDaysBefore,
    )
    .sort((a, b) => byString(b.date, a.date) || byString(a.id, b.id))
    .map((t) => ({ date: t.date, name: t.name, amountCents: t.amountCents }));
  const institutions = new Map(source.connections.map((c) => [c.id, c.institutionName]));
  return {
    asOf: asOfDay,
    revenue: months.map((month) => ({ month, cents: revenue.get(month) ?? 0 })),
    nsfItems,
    accounts: [...source.accounts]
      .sort((a, b) => byString(a.id, b.id))
      .map((a) => ({
        id: a.id,
        connectionId: a.connectionId,
        institutionName: institutions.get(a.connectionId) ?? "",
        name: a.name,
        mask: a.mask,
        type: a.type,
        subtype: a.subtype,
        currentBalanceCents: a.currentBalanceCents,
        currency: a.currency,
        balanceAsOf: a.balanceAsOf ? iso(a.balanceAsOf) : null,
      })),
    connections: [...source.connections]
      .sort((a, b) => byString(a.id, b.id))
      .map((c) => ({ id: c.id, institutionName: c.institutionName, status: c.status })),
  };
}

/** Marketplace sales of the 24 months up to the as-of day, in USD at the rates on file. */
function salesSummary(source: PackageSource, rates: ReturnType<typeof fxTable>): ApplicationPackage["sales"] {
  const months = lastMonths(isoDay(source.asOf), 24);
  const firstDay = `${months[0]}-01`;
  const asOfDay = isoDay(source.asOf);
  const byMonth = new Map(months.map((m) => [m, 0]));
  const byChannel = new Map<string, { records: number; netUsdCents: number }>();
  const missing = new Set<string>();
  let records = 0;
  for (const sale of source.sales) {
    const day = isoDay(sale.periodStart);
    if (day < firstDay || day > asOfDay) continue;
    records += 1;
    const usd = tryToUsdCents(sale.netCents, sale.currency, rates);
    if (usd === null) {
      missing.add(sale.currency);
      continue;
    }
    const month = day.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + Number(usd));
    const channel = byChannel.get(sale.channel) ?? { records: 0, netUsdCents: 0 };
    channel.records += 1;
    channel.netUsdCents += Number(usd);
    byChannel.set(sale.channel, channel);
  }
  const channels = [...byChannel.entries()]
    .map(([channel, totals]) => ({ channel, ...totals }))
    .sort((a, b) => byString(a.channel, b.channel));
  return {
    months: months.map((month) => ({ month, netUsdCents: byMonth.get(month) ?? 0 })),
    channels,
    totalNetUsdCents: channels.reduce((sum, c) => sum + c.netUsdCents, 0),
    records,
    currenciesWithoutRate: [...missing].sort(byString),
  };
}

export function packageOrder(order: SourceOrder, rates: ReturnType<typeof fxTable>): PackageOrder {
  const usd = tryToUsdCents(order.amountCents, order.currency, rates);
  const rate = order.currency === "USD" ? null : rates.get(order.currency);
  return {
    id: order.id,
    poNumber: order.poNumber,
    buyerName: order.buyerName,
    buyerCountry: order.buyerCountry,
    oecdCategory: pricingOecdCategory(order.buyerCountry),
    amountMinor: order.amountCents.toString(),
    currency: order.currency,
    usdCents: usd === null ? null : usd.toString(),
    fx:
      order.currency === "USD"
        ? { usdPerUnitE8: 100_000_000, asOfDate: null }
        : rate
          ? { usdPerUnitE8: rate.usdPerUnitE8, asOfDate: isoDay(new Date(rate.asOfDate)) }
          : null,
    orderDate: isoDay(order.orderDate),
    expectedShipDate: order.expectedShipDate ? isoDay(order.expectedShipDate) : null,
    paymentTerm: order.paymentTerm,
    paymentTermDays: order.paymentTermDays,
    incoterm: order.incoterm,
    status: order.status,
  };
}

export function packageProfile(profile: PackageSource["profile"]): PackageProfile {
  return {
    ...profile,
    annualRevenueCents: profile.annualRevenueCents === null ? null : profile.annualRevenueCents.toString(),
    exportMarkets: profile.exportMarkets
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean)
      .sort(byString),
  };
}

function sortedOwners(owners: readonly PackageOwner[]): PackageOwner[] {
  return [...owners]
    .map((o) => ({ name: o.name, title: o.title, ownershipBps: o.ownershipBps }))
    .sort(
      (a, b) => byString(a.name, b.name) || byString(a.title, b.title) || a.ownershipBps - b.ownershipBps,
    );
}

/** The package of one submission. Section 1071 demographic answers are never among the sources. */
export function buildPackage(source: PackageSource): ApplicationPackage {
  const rates = fxTable(source.fxRates);
  return {
    formatVersion: PACKAGE_FORMAT_VERSION,
    applicationId: source.applicationId,
    submittedAt: iso(source.submittedAt),
    asOf: isoDay(source.asOf),
    request: { ...source.request },
    profile: packageProfile(source.profile),
    owners: sortedOwners(source.owners),
    orders: [...source.orders]
      .sort((a, b) => byString(a.poNumber, b.poNumber) || byString(a.id, b.id))
      .map((o) => packageOrder(o, rates)),
    bank: bankEvidence(source),
    sales: salesSummary(source, rates),
    score: source.score,
    ...(source.screening ? { screening: source.screening } : {}),
    buyerPayments: buyerPayments(source),
  };
}

/** The buyers' deposits over the bank evidence's 24 months (docs/design/application-package.md). */
function buyerPayments(source: PackageSource): BuyerPayments {
  const asOfDay = isoDay(source.asOf);
  const inPackage = new Set(source.orders.map((o) => o.id));
  return buyerPaymentEvidence({
    buyers: source.orders.map((o) => ({ orderId: o.id, poNumber: o.poNumber, buyerName: o.buyerName })),
    transactions: source.transactions,
    accountCurrency: new Map(source.accounts.map((a) => [a.id, a.currency])),
    invoices: source.invoices.filter((i) => !inPackage.has(i.orderId)),
    from: `${lastMonths(asOfDay, 24)[0]}-01`,
    to: asOfDay,
  });
}

/**
 * JSON with every object's keys in sorted order, BigInts as decimal strings and dates as ISO
 * strings: the same package always gives the same bytes, so its hash can be checked later.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item)));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(byString)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonical(item);
    }
    return out;
  }
  return value;
}

// ───────────────────────────── what changed since ─────────────────────────────

export type PackageChange = {
  section: "profile" | "owners" | "orders" | "bank";
  /** What the change is about: "Business profile", "Order PO-1", a bank's name. */
  subject: string;
  field: string;
  submitted: string;
  current: string;
};

export type CurrentData = {
  profile: PackageSource["profile"];
  owners: readonly PackageOwner[];
  /** The package's orders as they are now (an order deleted since is absent). */
  orders: readonly (SourceOrder & { cancelledAt: Date | null; cancelReason: string | null })[];
  connections: readonly SourceConnection[];
};

const PROFILE_LABELS: Record<keyof PackageProfile, string> = {
  legalName: "Legal name",
  dbaName: "Doing business as",
  einLast4: "EIN (last 4)",
  entityType: "Entity type",
  stateOfIncorporation: "State of incorporation",
  yearFounded: "Year founded",
  naicsCode: "Industry (NAICS)",
  website: "Website",
  addressLine1: "Address",
  addressLine2: "Address line 2",
  city: "City",
  addressState: "State",
  postalCode: "Postal code",
  employees: "Employees",
  annualRevenueCents: "Stated annual revenue",
  exportMarkets: "Export markets",
};

const NONE = "—";

function profileValue(key: keyof PackageProfile, value: PackageProfile[keyof PackageProfile]): string {
  if (value === null || value === "") return NONE;
  if (key === "annualRevenueCents") return formatMoney(BigInt(value as string), "USD", { whole: true });
  if (Array.isArray(value)) return value.length ? value.join(", ") : NONE;
  return String(value);
}

const ownerText = (o: PackageOwner) => `${o.title}, ${o.ownershipBps / 100}%`;

const ORDER_FIELDS: { key: keyof PackageOrder; label: string; show: (o: PackageOrder) => string }[] = [
  { key: "poNumber", label: "PO number", show: (o) => o.poNumber },
  { key: "buyerName", label: "Buyer", show: (o) => o.buyerName },
  { key: "buyerCountry", label: "Buyer country", show: (o) => countryName(o.buyerCountry) },
  {
    key: "amountMinor",
    label: "Amount",
    show: (o) => formatMoney(BigInt(o.amountMinor), o.currency),
  },
  { key: "currency", label: "Currency", show: (o) => o.currency },
  { key: "orderDate", label: "Order date", show: (o) => o.orderDate },
  { key: "expectedShipDate", label: "Expected ship date", show: (o) => o.expectedShipDate ?? NONE },
  {
    key: "paymentTerm",
    label: "Payment term",
    show: (o) => PAYMENT_TERM_LABELS[o.paymentTerm as PaymentTerm] ?? o.paymentTerm,
  },
  { key: "paymentTermDays", label: "Payment term days", show: (o) => String(o.paymentTermDays) },
  { key: "incoterm", label: "Incoterm", show: (o) => INCOTERM_LABELS[o.incoterm as Incoterm] ?? o.incoterm },
  { key: "status", label: "Status", show: (o) => o.status.toLowerCase() },
];

const CONNECTION_STATUS: Record<string, string> = {
  ACTIVE: "connected",
  LOGIN_REQUIRED: "needs a new sign-in",
  ERROR: "sync failing",
  REVOKED: "disconnected",
};
const connectionStatus = (status: string) => CONNECTION_STATUS[status] ?? status.toLowerCase();

/**
 * What differs between the package and the merchant's data now: the profile, the owners, each
 * financed order (fields, status, cancellation, deletion) and the bank connections (connected,
 * disconnected or changed since). Reads no clock: the same inputs give the same list.
 */
export function diffPackage(pkg: ApplicationPackage, now: CurrentData): PackageChange[] {
  const changes: PackageChange[] = [];
  const profile = packageProfile(now.profile);
  for (const key of Object.keys(PROFILE_LABELS) as (keyof PackageProfile)[]) {
    const before = profileValue(key, pkg.profile[key]);
    const after = profileValue(key, profile[key]);
    if (before !== after)
      changes.push({
        section: "profile",
        subject: "Business profile",
        field: PROFILE_LABELS[key],
        submitted: before,
        current: after,
      });
  }

  const ownersBefore = new Map(pkg.owners.map((o) => [o.name.trim().toLowerCase(), o]));
  const ownersNow = new Map(sortedOwners(now.owners).map((o) => [o.name.trim().toLowerCase(), o]));
  for (const [key, before] of ownersBefore) {
    const after = ownersNow.get(key);
    if (!after || ownerText(after) !== ownerText(before))
      changes.push({
        section: "owners",
        subject: `Owner ${before.name}`,
        field: "Title and share",
        submitted: ownerText(before),
        current: after ? ownerText(after) : "removed",
      });
  }
  for (const [key, after] of ownersNow) {
    if (!ownersBefore.has(key))
      changes.push({
        section: "owners",
        subject: `Owner ${after.name}`,
        field: "Title and share",
        submitted: "not an owner then",
        current: ownerText(after),
      });
  }

  const ordersNow = new Map(now.orders.map((o) => [o.id, o]));
  const noRates = fxTable([]);
  for (const before of pkg.orders) {
    const subject = `Order ${before.poNumber}`;
    const current = ordersNow.get(before.id);
    if (!current) {
      changes.push({ section: "orders", subject, field: "Order", submitted: "on file", current: "deleted" });
      continue;
    }
    const after = packageOrder(current, noRates);
    for (const field of ORDER_FIELDS) {
      const a = field.show(before);
      const b = field.show(after);
      if (a !== b) changes.push({ section: "orders", subject, field: field.label, submitted: a, current: b });
    }
    if (current.cancelledAt)
      changes.push({
        section: "orders",
        subject,
        field: "Cancelled by the merchant",
        submitted: NONE,
        current: `${isoDay(current.cancelledAt)}: ${current.cancelReason ?? "no reason given"}`,
      });
  }

  const connectionsBefore = new Map(pkg.bank.connections.map((c) => [c.id, c]));
  const connectionsNow = new Map(now.connections.map((c) => [c.id, c]));
  for (const before of pkg.bank.connections) {
    const after = connectionsNow.get(before.id);
    const status = after ? connectionStatus(after.status) : "removed";
    if (status !== connectionStatus(before.status))
      changes.push({
        section: "bank",
        subject: before.institutionName,
        field: "Bank connection",
        submitted: connectionStatus(before.status),
        current: status,
      });
  }
  for (const after of [...now.connections].sort((a, b) => byString(a.id, b.id))) {
    if (!connectionsBefore.has(after.id))
      changes.push({
        section: "bank",
        subject: after.institutionName,
        field: "Bank connection",
        submitted: "not connected",
        current: `${connectionStatus(after.status)} after submission`,
      });
  }
  return changes;
}

/** The package as the review page reads it back (a parse, typed). */
export function parsePackage(json: string): ApplicationPackage {
  return JSON.parse(json) as ApplicationPackage;
}
