// Why a product did not match, in plain words (docs/design/matching.md, kept failed criteria):
// money formatted for people, country, state and payment-term names instead of codes. Pure. The
// matcher keeps the values as data; these texts are built only when someone reads them.
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { PAYMENT_TERM_LABELS, type PaymentTerm } from "~/domain/orders/orders";
import { countryName } from "~/domain/reference/countries";
import { US_STATES } from "~/domain/reference/us-states";
import { embargoOf } from "~/domain/sanctions/embargo";
import { type Criterion, type Failure, type MatchResult, UNKNOWN_CATEGORY } from "./match";

export const CRITERION_LABELS: Record<Criterion, string> = {
  status: "Product or lender not active",
  productType: "Different kind of financing",
  amount: "Amount outside the product's range",
  score: "Score below the minimum",
  monthsInBusiness: "Too few months in business",
  annualRevenue: "Annual revenue below the minimum",
  state: "Lender not licensed in the business's state",
  ordersRequired: "No export order attached",
  buyerCountry: "Buyer country",
  embargo: "Embargoed destination",
  oecdCategory: "Buyer country risk",
  paymentTerm: "Payment term",
  industry: "Industry excluded",
  tenor: "Term outside the product's range",
};

const STATE_NAMES = new Map(US_STATES.map((s) => [s.code, s.name]));
export const stateName = (code: string) => STATE_NAMES.get(code) ?? code;
const termLabel = (term: string) => PAYMENT_TERM_LABELS[term as PaymentTerm] ?? term;
const typeLabel = (type: string) => PRODUCT_TYPE_LABELS[type as ProductType] ?? type;
const dollars = (cents: number) => formatMoney(cents, "USD", { whole: cents % 100 === 0 });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "A, B and C"; past `limit` names, "A, B … and 7 more". */
export function listNames(names: readonly string[], limit = 8): string {
  if (names.length === 0) return "none";
  if (names.length > limit) return `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export type DescribedFailure = {
  criterion: Criterion;
  label: string;
  /** What the product requires, in plain words. */
  required: string;
  /** What the application or merchant has, in plain words. */
  actual: string;
  /** One sentence saying why, for an admin or a notice. */
  text: string;
};

const NEEDS_ORDER = "No export order attached";

export function describeFailure(failure: Failure): DescribedFailure {
  const label = CRITERION_LABELS[failure.criterion];
  const make = (required: string, actual: string, text: string): DescribedFailure => ({
    criterion: failure.criterion,
    label,
    required,
    actual,
    text,
  });
  switch (failure.criterion) {
    case "status": {
      const parts = [
        ...(failure.productStatus === "ACTIVE"
          ? []
          : [`the product is ${failure.productStatus.toLowerCase()}`]),
        ...(failure.lenderStatus === "ACTIVE" ? [] : [`the lender is ${failure.lenderStatus.toLowerCase()}`]),
      ];
      const actual = parts.join(" and ");
      return make(
        "An active product of an active lender",
        actual.charAt(0).toUpperCase() + actual.slice(1),
        `Not taking applications: ${actual}.`,
      );
    }
    case "productType":
      return make(
        typeLabel(failure.productType),
        typeLabel(failure.wanted),
        `This product is ${typeLabel(failure.productType).toLowerCase()}; the application asks for ${typeLabel(failure.wanted).toLowerCase()}.`,
      );
    case "amount": {
      const above = failure.actualCents > failure.maxCents;
      return make(
        `${dollars(failure.minCents)} to ${dollars(failure.maxCents)}`,
        dollars(failure.actualCents),
        above
          ? `The amount requested, ${dollars(failure.actualCents)}, is above this product's maximum of ${dollars(failure.maxCents)}.`
          : `The amount requested, ${dollars(failure.actualCents)}, is below this product's minimum of ${dollars(failure.minCents)}.`,
      );
    }
    case "score":
      return make(
        `At least ${failure.min}`,
        failure.actual === null ? "No score" : String(failure.actual),
        failure.actual === null
          ? `The business has no Trade Readiness Score; this product needs at least ${failure.min}.`
          : `The Trade Readiness Score, ${failure.actual}, is below this product's minimum of ${failure.min}.`,
      );
    case "monthsInBusiness":
      return make(
        `At least ${plural(failure.min, "month")}`,
        failure.actual === null ? "Not known (no founding date)" : plural(failure.actual, "month"),
        failure.actual === null
          ? `When the business was founded is not provided; this product needs at least ${plural(failure.min, "month")} in business.`
          : `The business has operated for ${plural(failure.actual, "month")}; this product needs at least ${plural(failure.min, "month")}.`,
      );
    case "annualRevenue":
      return make(
        `At least ${dollars(failure.minCents)} a year`,
        `${dollars(failure.actualCents)} a year`,
        `Annual revenue of ${dollars(failure.actualCents)} is below this product's minimum of ${dollars(failure.minCents)}.`,
      );
    case "state": {
      const licensed = listNames(failure.licensed.map(stateName).sort());
      return make(
        `Business in ${licensed}`,
        failure.actual === null ? "State not provided" : stateName(failure.actual),
        failure.actual === null
          ? `The business address has no state; this lender is licensed only in ${licensed}.`
          : `The business is in ${stateName(failure.actual)}, where this lender is not licensed (it is licensed in ${licensed}).`,
      );
    }
    case "ordersRequired":
      return make(
        "At least one attached export order",
        NEEDS_ORDER,
        `${typeLabel(failure.productType)} finances an order: it needs at least one attached export order.`,
      );
    case "buyerCountry": {
      const required =
        failure.countryMode === "ALLOWED_ONLY"
          ? `Buyers in ${listNames(failure.allowed.filter((c) => !failure.blocked.includes(c)).map(countryName))}`
          : `Buyers outside ${listNames(failure.blocked.map(countryName))}`;
      if (failure.country === null)
        return make(
          required,
          NEEDS_ORDER,
          `Needs an attached export order to check the buyer country (${required.charAt(0).toLowerCase()}${required.slice(1)}).`,
        );
      const name = countryName(failure.country);
      return make(
        required,
        name,
        failure.blocked.includes(failure.country)
          ? `This product does not finance buyers in ${name}.`
          : `This product finances only buyers in ${listNames(failure.allowed.map(countryName))}, not ${name}.`,
      );
    }
    case "embargo": {
      const where = failure.region
        ? (embargoOf(failure.country, failure.region)?.name ?? failure.region)
        : countryName(failure.country);
      return make(
        "No order to a comprehensively sanctioned destination",
        where,
        `${where} is under comprehensive U.S. sanctions: no order to it can be financed.`,
      );
    }
    case "oecdCategory": {
      const required = `OECD country risk category ${failure.max} or lower`;
      if (failure.country === null)
        return make(
          required,
          NEEDS_ORDER,
          `Needs an attached export order to check the buyer's country risk (${required}).`,
        );
      const name = countryName(failure.country);
      const category = failure.category ?? UNKNOWN_CATEGORY;
      return make(
        required,
        `${name}: category ${category}`,
        `${name} is in OECD country risk category ${category}, above this product's maximum of ${failure.max}.`,
      );
    }
    case "paymentTerm": {
      const accepted = listNames(failure.accepted.map(termLabel));
      if (failure.term === null)
        return make(
          accepted,
          NEEDS_ORDER,
          `Needs an attached export order to check the payment term (accepted: ${accepted}).`,
        );
      return make(
        accepted,
        termLabel(failure.term),
        `Payment term "${termLabel(failure.term)}" is not accepted by this product (it accepts ${accepted}).`,
      );
    }
    case "industry":
      return make(
        `Industry not under NAICS ${failure.blockedPrefix}`,
        `NAICS ${failure.naicsCode}`,
        `This product does not finance the business's industry (NAICS codes starting ${failure.blockedPrefix}).`,
      );
    case "tenor": {
      const longer = failure.actualDays > failure.maxDays;
      return make(
        `${failure.minDays} to ${plural(failure.maxDays, "day")}`,
        plural(failure.actualDays, "day"),
        longer
          ? `The ${plural(failure.actualDays, "day")} asked for are longer than this product's maximum of ${plural(failure.maxDays, "day")}.`
          : `The ${plural(failure.actualDays, "day")} asked for are shorter than this product's minimum of ${plural(failure.minDays, "day")}.`,
      );
    }
  }
}

/**
 * Why no product (or not every product) would consider an application, for the merchant and for a
 * notice: one sentence per criterion, the criteria that stopped the most products first, never
 * naming a lender or a product.
 */
export function whyNotReasons(result: MatchResult): string[] {
  const total = result.eligible.length + result.ineligible.length;
  const byCriterion = new Map<Criterion, Failure[]>();
  const products = new Map<Criterion, number>();
  for (const product of result.ineligible) {
    const seen = new Set<Criterion>();
    for (const failure of product.failures) {
      byCriterion.set(failure.criterion, [...(byCriterion.get(failure.criterion) ?? []), failure]);
      seen.add(failure.criterion);
    }
    for (const criterion of seen) products.set(criterion, (products.get(criterion) ?? 0) + 1);
  }
  return [...byCriterion.entries()]
    .map(([criterion, failures]) => {
      const count = products.get(criterion) ?? 0;
      return { count, text: reasonFor(criterion, failures, count, total) };
    })
    .sort((a, b) => b.count - a.count)
    .map((r) => r.text);
}

function reasonFor(criterion: Criterion, failures: Failure[], count: number, total: number): string {
  const every = count === total;
  const of = every
    ? total === 1
      ? "the only product"
      : "every product"
    : `${count} of ${plural(total, "product")}`;
  const v = (many: string, one: string) => (count === 1 ? one : many);
  const ofThem = every
    ? total === 1
      ? "The only product"
      : `All ${total} products`
    : `${count} of ${plural(total, "product")}`;
  switch (criterion) {
    case "amount": {
      const amounts = failures.filter((f) => f.criterion === "amount");
      const actual = amounts[0]?.actualCents ?? 0;
      if (amounts.every((f) => f.actualCents > f.maxCents))
        return `The amount requested is above the maximum of ${of} available (the largest is ${dollars(Math.max(...amounts.map((f) => f.maxCents)))}).`;
      if (amounts.every((f) => f.actualCents < f.minCents))
        return `The amount requested is below the minimum of ${of} available (the smallest is ${dollars(Math.min(...amounts.map((f) => f.minCents)))}).`;
      return `The amount requested, ${dollars(actual)}, is outside the range of ${of}.`;
    }
    case "score":
      return failures.some((f) => f.criterion === "score" && f.actual === null)
        ? `There is no Trade Readiness Score yet, which ${of} requires.`
        : `The Trade Readiness Score is below the minimum of ${of}.`;
    case "monthsInBusiness":
      return failures.some((f) => f.criterion === "monthsInBusiness" && f.actual === null)
        ? `When the business was founded is not provided, which ${of} requires.`
        : `Time in business is below the minimum of ${of}.`;
    case "annualRevenue":
      return `Annual revenue is below the minimum of ${of}.`;
    case "state": {
      const first = failures.find((f) => f.criterion === "state");
      const where = first?.criterion === "state" && first.actual ? stateName(first.actual) : null;
      return where
        ? `${ofThem} ${v("come", "comes")} from lenders not licensed in ${where}, where the business is.`
        : `The business address has no state, which ${of} requires.`;
    }
    case "embargo":
      return "An attached order goes to a destination under comprehensive U.S. sanctions, which no product can finance.";
    case "ordersRequired":
      return `${ofThem} ${v("finance", "finances")} an export order and ${v("need", "needs")} at least one attached.`;
    case "buyerCountry":
    case "oecdCategory":
    case "paymentTerm": {
      const what =
        criterion === "buyerCountry"
          ? "buyer country"
          : criterion === "oecdCategory"
            ? "buyer's country risk"
            : "payment term";
      const withOrder = failures.filter(
        (f) =>
          (f.criterion === "buyerCountry" && f.country !== null) ||
          (f.criterion === "oecdCategory" && f.country !== null) ||
          (f.criterion === "paymentTerm" && f.term !== null),
      );
      if (withOrder.length === 0)
        return `${ofThem} ${v("need", "needs")} an attached export order to check the ${what}.`;
      const values = [
        ...new Set(
          withOrder.map((f) =>
            f.criterion === "paymentTerm"
              ? termLabel(f.term ?? "")
              : countryName("country" in f ? (f.country ?? "") : ""),
          ),
        ),
      ];
      return criterion === "paymentTerm"
        ? `${ofThem} ${v("do", "does")} not accept the payment term ${listNames(values)}.`
        : criterion === "buyerCountry"
          ? `${ofThem} ${v("do", "does")} not finance buyers in ${listNames(values)}.`
          : `${ofThem} ${v("do", "does")} not accept the country risk of ${listNames(values)}.`;
    }
    case "industry":
      return `${ofThem} ${v("do", "does")} not finance the business's industry.`;
    case "tenor":
      return `The term asked for is outside the range of ${of}.`;
    case "productType":
      return `${ofThem} ${v("are", "is")} another kind of financing than the one asked for.`;
    case "status":
      return `${ofThem} ${v("are", "is")} not taking applications now.`;
  }
}
