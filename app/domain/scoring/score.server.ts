// Loads a merchant's evidence, computes the Trade Readiness Score and keeps the report. A report
// is stored again only when its inputs changed; a frozen report (an application's evidence) is
// never recomputed or changed.
import { createHash } from "node:crypto";
import { banksStillSendingHistory, bankTransactionsBetween } from "~/domain/bank/bank.server";
import type { Db } from "~/utils/db.server";
import type { ScoringInput } from "./features";
import { type ScoreReportData, scoreMerchant } from "./score";
import { MODEL_VERSION } from "./scorecard";

const DAY = 86_400_000;
const iso = (date: Date) => date.toISOString().slice(0, 10);

export async function loadScoringInput(db: Db, merchantId: string, asOf: Date): Promise<ScoringInput> {
  const since = new Date(asOf.getTime() - 25 * 31 * DAY);
  const [merchant, accounts, transactions, sales, orders, fxRates] = await Promise.all([
    db.merchant.findUniqueOrThrow({
      where: { id: merchantId },
      select: { yearFounded: true, monthFounded: true },
    }),
    db.bankAccount.findMany({
      where: { merchantId, connection: { status: { not: "REVOKED" } } },
      select: { id: true, type: true, currentBalanceCents: true, currency: true },
    }),
    bankTransactionsBetween(db, { merchantId, from: since, to: asOf, liveConnectionsOnly: true }),
    db.salesRecord.findMany({
      where: { merchantId, periodStart: { gte: since } },
      select: { periodStart: true, netCents: true, currency: true, channel: true },
    }),
    db.exportOrder.findMany({
      where: { merchantId },
      select: {
        id: true,
        buyerName: true,
        buyerCountry: true,
        amountCents: true,
        currency: true,
        orderDate: true,
        expectedShipDate: true,
        invoiceDate: true,
        paymentTerm: true,
        paymentTermDays: true,
        status: true,
      },
    }),
    db.fxRate.findMany({ select: { currency: true, usdPerUnitE8: true, asOfDate: true } }),
  ]);
  return {
    asOf: iso(asOf),
    // Stored as BigInt (balances can pass 2^31 cents); scored as numbers, exact up to 2^53.
    accounts: accounts.map((a) => ({
      ...a,
      currentBalanceCents: a.currentBalanceCents === null ? null : Number(a.currentBalanceCents),
    })),
    transactions,
    sales: sales.map((s) => ({
      periodStart: iso(s.periodStart),
      netMinor: s.netCents,
      currency: s.currency,
      channel: s.channel,
    })),
    orders: orders.map((o) => ({
      id: o.id,
      buyerName: o.buyerName,
      buyerCountry: o.buyerCountry,
      amountMinor: o.amountCents,
      currency: o.currency,
      orderDate: iso(o.orderDate),
      expectedShipDate: o.expectedShipDate ? iso(o.expectedShipDate) : null,
      invoiceDate: o.invoiceDate ? iso(o.invoiceDate) : null,
      paymentTerm: o.paymentTerm,
      paymentTermDays: o.paymentTermDays,
      status: o.status,
    })),
    profile: { yearFounded: merchant.yearFounded, monthFounded: merchant.monthFounded },
    fxRates,
  };
}

export type StoredScoreReport = ScoreReportData & { id: string; computedAt: Date; frozenAt: Date | null };

function fromRow(row: {
  id: string;
  modelVersion: string;
  asOfDate: Date;
  scoreable: boolean;
  notScoreableReason: string | null;
  score: number | null;
  grade: string | null;
  featuresJson: string;
  pointsJson: string;
  reasonsJson: string;
  dataSummaryJson: string;
  inputsHash: string;
  createdAt: Date;
  frozenAt: Date | null;
}): StoredScoreReport {
  const points = JSON.parse(row.pointsJson) as {
    rawPoints: number;
    characteristics: ScoreReportData["characteristics"];
  };
  return {
    id: row.id,
    modelVersion: row.modelVersion,
    asOf: iso(row.asOfDate),
    scoreable: row.scoreable,
    notScoreableReason: row.notScoreableReason,
    score: row.score,
    grade: row.grade,
    rawPoints: points.rawPoints,
    characteristics: points.characteristics,
    features: JSON.parse(row.featuresJson),
    reasons: JSON.parse(row.reasonsJson),
    dataSummary: JSON.parse(row.dataSummaryJson),
    inputsHash: row.inputsHash,
    computedAt: row.createdAt,
    frozenAt: row.frozenAt,
  };
}

const REPORT_SELECT = {
  id: true,
  modelVersion: true,
  asOfDate: true,
  scoreable: true,
  notScoreableReason: true,
  score: true,
  grade: true,
  featuresJson: true,
  pointsJson: true,
  reasonsJson: true,
  dataSummaryJson: true,
  inputsHash: true,
  createdAt: true,
  frozenAt: true,
} as const;

/**
 * A fingerprint of everything a score reads, from counts and last updates only (each an indexed
 * aggregate): the bank connections (every sync page updates its connection), accounts and
 * transactions, sales, orders, the profile and the FX rates, with the day and the model version.
 * When it has not moved since a report was stored, that report still holds.
 */
async function sourceVersion(db: Db, merchantId: string, asOf: Date): Promise<string> {
  // Counts and last updates as columns of their own, joined in JavaScript: SQL that both engines
  // run the same way (SQLite would concatenate a date as text, PostgreSQL refuses '' as a date).
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT COUNT(*) FROM "BankConnection" WHERE "merchantId" = ${merchantId}) AS "connections",
      (SELECT MAX("updatedAt") FROM "BankConnection" WHERE "merchantId" = ${merchantId}) AS "connectionsUpdated",
      (SELECT COUNT(*) FROM "BankAccount" WHERE "merchantId" = ${merchantId}) AS "accounts",
      (SELECT MAX("updatedAt") FROM "BankAccount" WHERE "merchantId" = ${merchantId}) AS "accountsUpdated",
      (SELECT COUNT(*) FROM "BankTransaction" WHERE "merchantId" = ${merchantId}) AS "transactions",
      (SELECT COUNT(*) FROM "SalesRecord" WHERE "merchantId" = ${merchantId}) AS "sales",
      (SELECT MAX("updatedAt") FROM "SalesRecord" WHERE "merchantId" = ${merchantId}) AS "salesUpdated",
      (SELECT COUNT(*) FROM "ExportOrder" WHERE "merchantId" = ${merchantId}) AS "orders",
      (SELECT MAX("updatedAt") FROM "ExportOrder" WHERE "merchantId" = ${merchantId}) AS "ordersUpdated",
      (SELECT "updatedAt" FROM "Merchant" WHERE "id" = ${merchantId}) AS "profile",
      (SELECT COUNT(*) FROM "FxRate") AS "fx",
      (SELECT MAX("updatedAt") FROM "FxRate") AS "fxUpdated"`;
  // An aggregate has no declared type: SQLite answers its stored text, PostgreSQL a Date.
  const text = (value: unknown) =>
    value === null || value === undefined
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "string" && Number.isNaN(Date.parse(value))
          ? value
          : typeof value === "string"
            ? new Date(value).toISOString()
            : String(value);
  const parts = Object.entries(rows[0] ?? {}).map(([key, value]) => `${key}=${text(value)}`);
  return createHash("sha256")
    .update([MODEL_VERSION, iso(asOf), ...parts].join("|"))
    .digest("hex");
}

/** Why there is no score while a connected bank is still sending its history. */
export const HISTORY_PENDING_REASON =
  "Your bank is still sending your history. The score is computed once all of it has arrived, usually within minutes of connecting.";

/**
 * A score never rests on part of a bank's history: while a connected bank has not sent all of it
 * (Plaid's transactions_update_status short of HISTORICAL_UPDATE_COMPLETE), the report is not
 * scoreable, with that reason, whatever the partial data would give. Its inputs hash is apart
 * from the complete history's, so neither report is ever taken for the other.
 */
function withheldForHistory(report: ScoreReportData): ScoreReportData {
  return {
    ...report,
    scoreable: false,
    notScoreableReason: HISTORY_PENDING_REASON,
    score: null,
    grade: null,
    reasons: [
      { code: "NS3", text: HISTORY_PENDING_REASON },
      ...report.reasons.filter((reason) => !reason.code.startsWith("NS")),
    ].slice(0, Math.max(report.reasons.length, 1)),
    inputsHash: createHash("sha256").update(`${report.inputsHash}|bank-history-pending`).digest("hex"),
  };
}

/** The merchant's current score: the stored report when nothing changed, else a new one. */
export async function currentScoreReport(
  db: Db,
  merchantId: string,
  now: Date = new Date(),
): Promise<StoredScoreReport> {
  const asOf = new Date(`${iso(now)}T00:00:00.000Z`);
  // Every change of a connection's history status updates its row, so the fingerprint moves with it.
  const version = await sourceVersion(db, merchantId, asOf);
  // The common case (every dashboard view): one indexed statement, not a query through Prisma's
  // engine, which costs several times as much. The columns are REPORT_SELECT's, typed by SQLite's
  // declared types (DATETIME as Date, BOOLEAN as boolean) as Prisma's own queries are.
  const [unchanged] = await db.$queryRaw<Parameters<typeof fromRow>[0][]>`
    SELECT "id", "modelVersion", "asOfDate", "scoreable", "notScoreableReason", "score", "grade",
           "featuresJson", "pointsJson", "reasonsJson", "dataSummaryJson", "inputsHash", "createdAt", "frozenAt"
    FROM "ScoreReport"
    WHERE "merchantId" = ${merchantId} AND "sourceVersion" = ${version} AND "modelVersion" = ${MODEL_VERSION}
      AND "frozenAt" IS NULL
    ORDER BY "createdAt" DESC LIMIT 1`;
  if (unchanged) return fromRow(unchanged);
  const input = await loadScoringInput(db, merchantId, asOf);
  const pending = await banksStillSendingHistory(db, merchantId);
  const report = pending.length > 0 ? withheldForHistory(scoreMerchant(input)) : scoreMerchant(input);
  const existing = await db.scoreReport.findFirst({
    where: { merchantId, inputsHash: report.inputsHash, modelVersion: MODEL_VERSION, frozenAt: null },
    orderBy: { createdAt: "desc" },
    select: REPORT_SELECT,
  });
  if (existing) {
    // The same inputs under a new fingerprint (something was touched, nothing changed).
    await db.scoreReport.update({ where: { id: existing.id }, data: { sourceVersion: version } });
    return fromRow(existing);
  }
  const created = await db.scoreReport.create({
    data: {
      merchantId,
      modelVersion: report.modelVersion,
      asOfDate: asOf,
      scoreable: report.scoreable,
      notScoreableReason: report.notScoreableReason,
      score: report.score,
      grade: report.grade,
      featuresJson: JSON.stringify(report.features),
      pointsJson: JSON.stringify({ rawPoints: report.rawPoints, characteristics: report.characteristics }),
      reasonsJson: JSON.stringify(report.reasons),
      dataSummaryJson: JSON.stringify(report.dataSummary),
      inputsHash: report.inputsHash,
      sourceVersion: version,
    },
    select: REPORT_SELECT,
  });
  return fromRow(created);
}

/** A stored report by id, for one merchant (frozen ones included). */
export async function getScoreReport(
  db: Db,
  merchantId: string,
  reportId: string,
): Promise<StoredScoreReport | null> {
  const row = await db.scoreReport.findFirst({ where: { id: reportId, merchantId }, select: REPORT_SELECT });
  return row ? fromRow(row) : null;
}
