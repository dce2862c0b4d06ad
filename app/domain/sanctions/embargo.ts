// Comprehensively embargoed destinations (docs/design/sanctions.md, embargoed destinations): an
// order to one of them is refused at entry and import, and can never be financed. The list is
// data, with its source and date, in app/domain/reference/embargoed-destinations.ts. Pure.
import { countryName } from "~/domain/reference/countries";
import { EMBARGOED_DESTINATIONS as EMBARGO } from "~/domain/reference/embargoed-destinations";

export type Embargo = { code: string; name: string; program: string };

export const EMBARGO_SOURCE: string = EMBARGO.source;
export const EMBARGO_AS_OF: string = EMBARGO.asOf;

const COUNTRIES = new Map<string, Embargo>(EMBARGO.countries.map((c) => [c.code, c]));
const REGIONS = new Map<string, Embargo>(EMBARGO.regions.map((r) => [r.code, r]));
/** Countries where only some regions are embargoed: an order there names its buyer's region. */
export const REGION_COUNTRIES: ReadonlySet<string> = new Set(EMBARGO.regions.map((r) => r.country));

/**
 * Ukraine's first-level subdivisions (ISO 3166-2:UA): an order to a buyer in Ukraine names the
 * region, so that Crimea, Sevastopol, Donetsk and Luhansk can be refused.
 */
export const UKRAINE_REGIONS: readonly { code: string; name: string }[] = [
  { code: "UA-71", name: "Cherkasy" },
  { code: "UA-74", name: "Chernivtsi" },
  { code: "UA-77", name: "Chernihiv" },
  { code: "UA-43", name: "Crimea (Autonomous Republic of Crimea)" },
  { code: "UA-12", name: "Dnipropetrovsk" },
  { code: "UA-14", name: "Donetsk" },
  { code: "UA-26", name: "Ivano-Frankivsk" },
  { code: "UA-63", name: "Kharkiv" },
  { code: "UA-65", name: "Kherson" },
  { code: "UA-68", name: "Khmelnytskyi" },
  { code: "UA-35", name: "Kirovohrad" },
  { code: "UA-30", name: "Kyiv (city)" },
  { code: "UA-32", name: "Kyiv region" },
  { code: "UA-09", name: "Luhansk" },
  { code: "UA-46", name: "Lviv" },
  { code: "UA-48", name: "Mykolaiv" },
  { code: "UA-51", name: "Odesa" },
  { code: "UA-53", name: "Poltava" },
  { code: "UA-56", name: "Rivne" },
  { code: "UA-40", name: "Sevastopol" },
  { code: "UA-59", name: "Sumy" },
  { code: "UA-61", name: "Ternopil" },
  { code: "UA-05", name: "Vinnytsia" },
  { code: "UA-07", name: "Volyn" },
  { code: "UA-21", name: "Zakarpattia" },
  { code: "UA-23", name: "Zaporizhzhia" },
  { code: "UA-18", name: "Zhytomyr" },
];
const REGION_CODES = new Set(UKRAINE_REGIONS.map((r) => r.code));

export function isRegionOf(country: string, region: string): boolean {
  return country === "UA" && REGION_CODES.has(region);
}

/** The embargo a destination is under, or null. */
export function embargoOf(country: string, region?: string | null): Embargo | null {
  return COUNTRIES.get(country) ?? (region ? (REGIONS.get(region) ?? null) : null);
}

export function isEmbargoed(order: { buyerCountry: string; buyerRegion?: string | null }): boolean {
  return embargoOf(order.buyerCountry, order.buyerRegion) !== null;
}

/** The field message when an order to an embargoed destination is entered or imported. */
export function embargoMessage(embargo: Embargo): string {
  return `${embargo.name} is under comprehensive U.S. sanctions: TradeLift cannot record or finance orders to buyers there.`;
}

/** Said where an order already on file goes to an embargoed destination. */
export function notFinanceableText(order: { buyerCountry: string; buyerRegion?: string | null }): string {
  const embargo = embargoOf(order.buyerCountry, order.buyerRegion);
  const where = embargo?.name ?? countryName(order.buyerCountry);
  return `Not financeable: ${where} is under comprehensive U.S. sanctions.`;
}
