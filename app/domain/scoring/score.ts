// The Trade Readiness Score: features → points per characteristic → score 0–1000, grade A–E and
// the principal reasons, with a hash of the inputs. Pure: the same inputs (in any order) give the
// same report.
import crypto from "node:crypto";
import { computeFeatures, type Features, type ScoringInput } from "./features";
import { principalReasons, type Reason } from "./reasons";
import {
  binFor,
  type Characteristic,
  gradeFor,
  MODEL_VERSION,
  NOT_SCOREABLE,
  RAW_MAX,
  SCORECARD,
} from "./scorecard";

export type CharacteristicResult = {
  code: string;
  name: string;
  value: number | null;
  bin: string;
  points: number;
  maxPoints: number;
  improve: string;
};

export type { Reason } from "./reasons";

export type ScoreReportData = {
  modelVersion: string;
  asOf: string;
  scoreable: boolean;
  notScoreableReason: string | null;
  score: number | null;
  grade: string | null;
  rawPoints: number;
  features: Features;
  characteristics: CharacteristicResult[];
  reasons: Reason[];
  inputsHash: string;
  dataSummary: {
    accounts: number;
    transactions: number;
    firstTransactionDate: string | null;
    lastTransactionDate: string | null;
    openOrders: number;
    salesRecords: number;
  };
};

function featureValue(features: Features, characteristic: Characteristic): number | null {
  const value = features[characteristic.feature as keyof Features];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function canonicalInputs(input: ScoringInput) {
  const byId = <T extends { id: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    asOf: input.asOf,
    accounts: byId(input.accounts),
    sales: [...input.sales]
      .map((s) => ({ ...s, netMinor: s.netMinor.toString() }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    orders: byId(input.orders).map((o) => ({ ...o, amountMinor: o.amountMinor.toString() })),
    profile: input.profile,
    fxRates: [...input.fxRates]
      .map((r) => ({
        currency: r.currency,
        usdPerUnitE8: r.usdPerUnitE8,
        asOfDate: new Date(r.asOfDate).toISOString().slice(0, 10),
      }))
      .sort((a, b) => (a.currency + a.asOfDate).localeCompare(b.currency + b.asOfDate)),
  };
}

export function inputsHash(input: ScoringInput): string {
  const hash = crypto.createHash("sha256");
  hash.update(JSON.stringify(canonicalInputs(input)));
  // Transactions, the bulk of the input: one line each, sorted natively.
  const lines = input.transactions.map((t) =>
    [
      t.id,
      t.accountId,
      t.date,
      t.amountCents,
      t.categoryPrimary,
      t.categoryDetailed,
      t.counterparty,
      t.name,
      t.pending,
    ].join("\u001f"),
  );
  lines.sort();
  hash.update(lines.join("\n"));
  return hash.digest("hex");
}

export function scoreMerchant(input: ScoringInput): ScoreReportData {
  const features = computeFeatures(input);
  let posted = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const t of input.transactions) {
    if (t.pending) continue;
    posted += 1;
    if (first === null || t.date < first) first = t.date;
    if (last === null || t.date > last) last = t.date;
  }
  return {
    modelVersion: MODEL_VERSION,
    asOf: input.asOf,
    ...scoreFeatures(features),
    features,
    inputsHash: inputsHash(input),
    dataSummary: {
      accounts: input.accounts.length,
      transactions: posted,
      firstTransactionDate: first,
      lastTransactionDate: last,
      openOrders: input.orders.filter((o) => ["OPEN", "SHIPPED", "INVOICED"].includes(o.status)).length,
      salesRecords: input.sales.length,
    },
  };
}

/** The scorecard applied to features: points, score, grade and principal reasons. */
export function scoreFeatures(
  features: Features,
): Pick<
  ScoreReportData,
  "scoreable" | "notScoreableReason" | "score" | "grade" | "rawPoints" | "characteristics" | "reasons"
> {
  const characteristics: CharacteristicResult[] = SCORECARD.map((characteristic) => {
    const value = featureValue(features, characteristic);
    if (value === null) {
      return {
        code: characteristic.code,
        name: characteristic.name,
        value: null,
        bin: "no data",
        points: 0,
        maxPoints: characteristic.maxPoints,
        improve: characteristic.improve,
      };
    }
    const bin = binFor(characteristic, value);
    return {
      code: characteristic.code,
      name: characteristic.name,
      value,
      bin: bin.label,
      points: bin.points,
      maxPoints: characteristic.maxPoints,
      improve: characteristic.improve,
    };
  });
  const rawPoints = characteristics.reduce((sum, c) => sum + c.points, 0);

  let notScoreableReason: string | null = null;
  let notScoreableCode: string | null = null;
  if (features.revenueSource === "none") {
    notScoreableReason = NOT_SCOREABLE.NS2;
    notScoreableCode = "NS2";
  } else if (features.monthsOfHistory < 6) {
    notScoreableReason = NOT_SCOREABLE.NS1;
    notScoreableCode = "NS1";
  }

  const reasons = principalReasons(
    features,
    characteristics,
    notScoreableCode && notScoreableReason ? { code: notScoreableCode, text: notScoreableReason } : null,
  );

  const scoreable = notScoreableReason === null;
  const score = scoreable ? Math.round((rawPoints / RAW_MAX) * 1000) : null;
  return {
    scoreable,
    notScoreableReason,
    score,
    grade: score === null ? null : gradeFor(score),
    rawPoints,
    characteristics,
    reasons,
  };
}
