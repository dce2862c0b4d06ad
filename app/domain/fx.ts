// Conversion to US dollars with integer arithmetic: a rate is the USD value of one unit of a
// currency, scaled by 1e8, with the date it is valid for.
import { minorUnitDigits } from "./money";

export type FxRate = { currency: string; usdPerUnitE8: number; asOfDate: Date | string };
export type FxTable = ReadonlyMap<string, FxRate>;

export class MissingFxRateError extends Error {
  constructor(readonly currency: string) {
    super(`No exchange rate to USD for ${currency}.`);
    this.name = "MissingFxRateError";
  }
}

const E8 = 100_000_000n;

/** Minor units of `currency` → US cents, rounded half away from zero. Throws without a rate. */
export function toUsdCents(amountMinor: bigint, currency: string, rates: FxTable): bigint {
  if (currency === "USD") return amountMinor;
  const rate = rates.get(currency);
  if (!rate) throw new MissingFxRateError(currency);
  const scale = 10n ** BigInt(minorUnitDigits(currency));
  const numerator = amountMinor * BigInt(rate.usdPerUnitE8) * 100n;
  const denominator = scale * E8;
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs + denominator / 2n) / denominator;
  return negative ? -rounded : rounded;
}

/** The same, or null when there is no rate (for display: "no rate"). */
export function tryToUsdCents(amountMinor: bigint, currency: string, rates: FxTable): bigint | null {
  try {
    return toUsdCents(amountMinor, currency, rates);
  } catch (error) {
    if (error instanceof MissingFxRateError) return null;
    throw error;
  }
}

export function fxTable(rates: readonly FxRate[]): FxTable {
  const table = new Map<string, FxRate>();
  // The newest rate of each currency wins.
  for (const rate of rates) {
    const existing = table.get(rate.currency);
    if (!existing || new Date(rate.asOfDate).getTime() > new Date(existing.asOfDate).getTime())
      table.set(rate.currency, rate);
  }
  return table;
}
