import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fxTable, MissingFxRateError, toUsdCents, tryToUsdCents } from "./fx";

const rates = fxTable([
  { currency: "JPY", usdPerUnitE8: 660_000, asOfDate: "2026-11-20" },
  { currency: "JPY", usdPerUnitE8: 650_000, asOfDate: "2026-10-01" },
  { currency: "CNY", usdPerUnitE8: 14_000_000, asOfDate: "2026-11-20" },
  { currency: "VND", usdPerUnitE8: 3_950, asOfDate: "2026-11-20" },
]);

describe("FX to USD", () => {
  it("converts minor units exactly with the newest rate", () => {
    expect(toUsdCents(18_600_000n, "JPY", rates)).toBe(12_276_000n); // ¥18.6M × 0.0066 = $122,760
    expect(toUsdCents(168_000_000n, "CNY", rates)).toBe(23_520_000n); // ¥1.68M (fen) → $235,200
    expect(toUsdCents(2_380_000_000n, "VND", rates)).toBe(9_401_000n); // ₫2.38B → $94,010
    expect(toUsdCents(12_345n, "USD", rates)).toBe(12_345n);
  });
  it("has a clear error for a currency without a rate, never NaN", () => {
    expect(() => toUsdCents(100n, "BRL", rates)).toThrow(MissingFxRateError);
    expect(tryToUsdCents(100n, "BRL", rates)).toBeNull();
  });
  it("is monotonic in the amount", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          expect(toUsdCents(low, "JPY", rates) <= toUsdCents(high, "JPY", rates)).toBe(true);
        },
      ),
    );
  });
});
