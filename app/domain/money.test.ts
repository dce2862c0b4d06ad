import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, minorToDecimalString, minorUnitDigits, parseAmountToMinor } from "./money";

describe("money", () => {
  it("knows the minor units of the currencies exporters invoice in", () => {
    expect(minorUnitDigits("USD")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(minorUnitDigits("KRW")).toBe(0);
    expect(minorUnitDigits("CNY")).toBe(2);
  });

  it("parses what people type into exact minor units", () => {
    expect(parseAmountToMinor("1,250,000.50")).toBe(125000050n);
    expect(parseAmountToMinor("$40000")).toBe(4000000n);
    expect(parseAmountToMinor("0.1")).toBe(10n);
    expect(parseAmountToMinor("3400000", "JPY")).toBe(3400000n);
  });

  it("refuses junk instead of guessing", () => {
    for (const bad of ["", "abc", "-5", "1e6", "1.001", "12.5.3", "1,2,3", "<script>", "1 000", "NaN"]) {
      expect(parseAmountToMinor(bad), bad).toBeNull();
    }
    expect(parseAmountToMinor("100.5", "JPY")).toBeNull();
    expect(parseAmountToMinor("12.505")).toBeNull();
  });

  it("reads trailing zero decimals as the same amount, as spreadsheets write yen", () => {
    expect(parseAmountToMinor("1472215.00", "JPY")).toBe(1472215n);
    expect(parseAmountToMinor("1,472,215.0", "JPY")).toBe(1472215n);
    expect(parseAmountToMinor("12.500")).toBe(1250n);
  });

  it("round-trips any amount exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (minor) => {
        expect(parseAmountToMinor(minorToDecimalString(minor))).toBe(minor);
      }),
    );
  });

  it("formats from the exact decimal", () => {
    expect(formatMoney(125000050n)).toBe("$1,250,000.50");
    expect(formatMoney(3400000n, "JPY")).toBe("¥3,400,000");
    expect(formatMoney(9007199254740993n)).toBe("$90,071,992,547,409.93");
    expect(formatMoney(4000000, "USD", { whole: true })).toBe("$40,000");
  });
});
