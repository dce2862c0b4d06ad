// Money is integer minor units with an ISO 4217 currency, never a float. These helpers move
// between what a person types ("1,250,000.50") and minor units, with integer arithmetic only.

/** Decimal places of a currency's minor unit (USD 2, JPY 0, KRW 0, VND 0). */
const digitsCache = new Map<string, number>();

export function minorUnitDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Parses an amount typed by a person into minor units. Accepts thousands separators and an
 * optional leading "$"; refuses more (non-zero) decimals than the currency has, signs, exponents
 * and junk. Trailing zero decimals are only a way of writing the amount: "1472215.00" is ¥1,472,215
 * (spreadsheets export yen that way), "12.500" is $12.50.
 */
export function parseAmountToMinor(input: string, currency = "USD"): bigint | null {
  const digits = minorUnitDigits(currency);
  const cleaned = input
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
}

/** The exact decimal string of an amount in minor units ("1250000.50"). */
export function minorToDecimalString(minor: bigint | number, currency = "USD"): string {
  const value = BigInt(minor);
  const digits = minorUnitDigits(currency);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** "$1,250,000.50", "¥3,400,000": formatted from the exact decimal, never through a float. */
// Building an Intl.NumberFormat costs far more than formatting with one: keep one per style.
const formatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}:${whole}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = whole ? 0 : minorUnitDigits(currency);
    formatter = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatMoney(
  minor: bigint | number,
  currency = "USD",
  options: { whole?: boolean } = {},
): string {
  const formatter = moneyFormatter(currency, options.whole ?? false);
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 NumberFormat v3).
  return formatter.format(minorToDecimalString(minor, currency) as unknown as number);
}
