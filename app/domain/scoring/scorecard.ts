// The Trade Readiness Score scorecard as data (docs/design/scoring.md): each characteristic's
// bins and points, its neutral points (below them it is a principal reason) and what would raise
// it. Expert-set until outcome data exists; refitting changes this table and the model version.

// trs-1.1: the same bins, points and grades as trs-1 (the same score for the same data); the
// principal reasons changed, chosen by neutral points and worded from the values, and a
// report's stored reasons are what its version said.
export const MODEL_VERSION = "trs-1.1";

export type Bin = {
  /** Inclusive lower bound; null for "anything below the next bin". */
  min: number | null;
  /** Exclusive upper bound; null for "and above". */
  max: number | null;
  points: number;
  label: string;
};

export type Characteristic = {
  code: string;
  name: string;
  feature: string;
  bins: readonly Bin[];
  maxPoints: number;
  /**
   * The points at and above which the characteristic does not count against the applicant: a
   * value scoring below them is a principal reason, the shortfall below them its weight
   * (docs/design/scoring.md, principal reasons). What each sentence says is in reasons.ts.
   */
  neutralPoints: number;
  /** What would raise the points. */
  improve: string;
};

const b = (min: number | null, max: number | null, points: number, label: string): Bin => ({
  min,
  max,
  points,
  label,
});

export const SCORECARD: readonly Characteristic[] = [
  {
    code: "R01",
    name: "Average monthly revenue",
    feature: "avgMonthlyRevenueCents",
    bins: [
      b(null, 1_000_000, 0, "< $10k"),
      b(1_000_000, 2_500_000, 15, "$10k–25k"),
      b(2_500_000, 7_500_000, 30, "$25k–75k"),
      b(7_500_000, null, 40, "> $75k"),
    ],
    maxPoints: 40,
    neutralPoints: 15,
    improve:
      "More sales deposited to the connected business account; connect every account that receives sales.",
  },
  {
    code: "R02",
    name: "3-month revenue trend",
    feature: "revenueTrend",
    bins: [
      b(null, -0.25, 0, "falling > 25%"),
      b(-0.25, -0.05, 10, "falling 5–25%"),
      b(-0.05, 0.1, 20, "steady"),
      b(0.1, null, 25, "growing > 10%"),
    ],
    maxPoints: 25,
    neutralPoints: 20,
    improve: "Steady or growing sales over the next three months.",
  },
  {
    code: "R03",
    name: "Revenue volatility",
    feature: "revenueCv",
    bins: [
      b(0.6, null, 0, "> 0.6"),
      b(0.4, 0.6, 10, "0.4–0.6"),
      b(0.25, 0.4, 18, "0.25–0.4"),
      b(null, 0.25, 25, "< 0.25"),
    ],
    maxPoints: 25,
    neutralPoints: 18,
    improve: "More even monthly sales, for example spreading shipments through the year.",
  },
  {
    code: "R04",
    name: "NSF/overdraft events, 90 days",
    feature: "nsfEvents90d",
    bins: [b(4, null, 0, "4 or more"), b(2, 4, 10, "2–3"), b(1, 2, 20, "1"), b(null, 1, 30, "none")],
    maxPoints: 30,
    neutralPoints: 30,
    improve: "No returned items or overdraft fees for 90 days.",
  },
  {
    code: "R05",
    name: "Negative-balance days, 90 days",
    feature: "negativeBalanceDays90d",
    bins: [b(11, null, 0, "more than 10"), b(4, 11, 10, "4–10"), b(1, 4, 20, "1–3"), b(null, 1, 25, "none")],
    maxPoints: 25,
    neutralPoints: 25,
    improve: "Keeping every business account above zero.",
  },
  {
    code: "R06",
    name: "Days of cash",
    feature: "daysOfCash",
    bins: [
      b(null, 5, 0, "< 5 days"),
      b(5, 15, 10, "5–15 days"),
      b(15, 30, 20, "15–30 days"),
      b(30, null, 25, "> 30 days"),
    ],
    maxPoints: 25,
    neutralPoints: 20,
    improve: "A larger average balance compared with daily spending.",
  },
  {
    code: "R07",
    name: "Debt payments ÷ revenue",
    feature: "debtServiceRatio",
    bins: [
      b(0.2, null, 0, "> 20%"),
      b(0.1, 0.2, 10, "10–20%"),
      b(0.03, 0.1, 20, "3–10%"),
      b(null, 0.03, 25, "< 3%"),
    ],
    maxPoints: 25,
    neutralPoints: 20,
    improve: "Lower debt payments compared with revenue (paying off or refinancing expensive advances).",
  },
  {
    code: "R08",
    name: "Top payer's share of revenue",
    feature: "topPayerShare",
    bins: [
      b(0.6, null, 0, "> 60%"),
      b(0.35, 0.6, 10, "35–60%"),
      b(0.15, 0.35, 18, "15–35%"),
      b(null, 0.15, 20, "< 15%"),
    ],
    maxPoints: 20,
    neutralPoints: 18,
    improve: "Sales to more buyers, so that no one payer brings most of the revenue.",
  },
  {
    code: "R09",
    name: "Buyer-country risk of open orders (OECD)",
    feature: "weightedOecdCategory",
    bins: [
      b(6, null, 0, "category 6–7"),
      b(4, 6, 10, "category 4–5"),
      b(2, 4, 20, "category 2–3"),
      b(null, 2, 25, "category 0–1 or high income"),
    ],
    maxPoints: 25,
    neutralPoints: 20,
    improve: "More open orders from buyers in lower-risk countries (OECD category 0–3).",
  },
  {
    code: "R10",
    name: "Payment terms of open orders",
    feature: "paymentTermPoints",
    bins: [
      b(null, 4, 0, "open account / consignment"),
      b(4, 10, 8, "documents against acceptance"),
      b(10, 16, 12, "documents against payment"),
      b(16, 22.5, 20, "letter of credit"),
      b(22.5, null, 25, "cash in advance"),
    ],
    maxPoints: 25,
    neutralPoints: 12,
    improve: "Safer payment terms: letters of credit, documents against payment or cash in advance.",
  },
  {
    code: "R11",
    name: "Months of bank history",
    feature: "monthsOfHistory",
    bins: [
      b(null, 6, 0, "< 6 (not scoreable)"),
      b(6, 12, 5, "6–11"),
      b(12, 24, 12, "12–23"),
      b(24, null, 15, "24 or more"),
    ],
    maxPoints: 15,
    neutralPoints: 12,
    improve:
      "A longer history: connect the account the business has used longest (up to 24 months are read).",
  },
  {
    code: "R12",
    name: "Years in business",
    feature: "yearsInBusiness",
    bins: [b(null, 1, 0, "< 1"), b(1, 2, 5, "1–2"), b(2, 5, 10, "2–5"), b(5, null, 15, "> 5")],
    maxPoints: 15,
    neutralPoints: 10,
    improve: "Time: this rises with each year in business (check the year founded in your profile).",
  },
];

export const RAW_MAX = SCORECARD.reduce((sum, c) => sum + c.maxPoints, 0);

export const NOT_SCOREABLE = {
  NS1: "Less than 6 months of bank or sales history.",
  NS2: "No bank transactions or marketplace sales on file.",
} as const;

export function binFor(characteristic: Characteristic, value: number): Bin {
  for (const bin of characteristic.bins) {
    if ((bin.min === null || value >= bin.min) && (bin.max === null || value < bin.max)) return bin;
  }
  // The bins cover the whole line; this is only reached for NaN, which features never produce.
  throw new Error(`No bin of ${characteristic.code} holds ${value}.`);
}

export function gradeFor(score: number): "A" | "B" | "C" | "D" | "E" {
  if (score >= 800) return "A";
  if (score >= 650) return "B";
  if (score >= 500) return "C";
  if (score >= 350) return "D";
  return "E";
}
