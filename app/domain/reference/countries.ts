import { COUNTRIES, type CountryReference } from "./countries.generated";

export { COUNTRIES, OECD_CLASSIFICATION_AS_OF } from "./countries.generated";

const BY_CODE = new Map(COUNTRIES.map((country) => [country.code, country]));

export function countryByCode(code: string): CountryReference | undefined {
  return BY_CODE.get(code);
}

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function countryName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/**
 * The OECD category a buyer country is priced at (docs/design/domain-model.md, countries and country risk): its category when classified;
 * 0 for high-income countries the OECD does not classify (OECD high income and euro area); null
 * (unknown) for the other unclassified ones and for codes not in the file.
 */
export function pricingOecdCategory(code: string): number | null {
  const country = BY_CODE.get(code);
  if (!country) return null;
  if (country.oecdStatus === "classified") return country.oecdCategory;
  if (
    country.oecdStatus === "not_classified_high_income_oecd" ||
    country.oecdStatus === "not_classified_euro_area"
  ) {
    return 0;
  }
  return null;
}

/** Export markets offered first in forms: TradeLift serves Asia first. */
export const PRIMARY_EXPORT_MARKETS = [
  "CN",
  "HK",
  "TW",
  "JP",
  "KR",
  "VN",
  "IN",
  "ID",
  "MY",
  "PH",
  "TH",
  "SG",
  "AU",
  "CA",
  "MX",
  "GB",
  "DE",
  "AE",
] as const;
