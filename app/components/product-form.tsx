import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import {
  FEE_PRICED,
  type LenderProductSchema,
  PRODUCT_TYPE_LABELS,
  PRODUCT_TYPES,
  type ProductType,
} from "~/domain/lenders/products";
import { PAYMENT_TERM_LABELS, PAYMENT_TERMS } from "~/domain/orders/orders";
import { COUNTRIES, PRIMARY_EXPORT_MARKETS } from "~/domain/reference/countries";

const TYPE_OPTIONS = PRODUCT_TYPES.map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] }));
const OECD_OPTIONS = Array.from({ length: 8 }, (_, i) => ({
  value: String(i),
  label: i === 0 ? "0 (lowest risk)" : i === 7 ? "7 (highest risk)" : String(i),
}));
const COUNTRY_CODES = [
  ...PRIMARY_EXPORT_MARKETS,
  ...COUNTRIES.map((c) => c.code).filter(
    (c) => !(PRIMARY_EXPORT_MARKETS as readonly string[]).includes(c) && c !== "US",
  ),
];
const NAME = new Map(COUNTRIES.map((c) => [c.code, c.name]));

export type ProductFormValues = {
  name: string;
  type: string;
  description: string;
  minAmount: string;
  maxAmount: string;
  minScore: string;
  minMonthsInBusiness: string;
  minAnnualRevenue: string;
  countryMode: string;
  allowedCountries: string[];
  blockedCountries: string[];
  maxOecdCategory: string;
  acceptedPaymentTerms: string[];
  blockedNaicsPrefixes: string;
  minTenorDays: string;
  maxTenorDays: string;
  advanceRate: string;
  priceMin: string;
  priceMax: string;
};

export const NEW_PRODUCT_DEFAULTS: ProductFormValues = {
  name: "",
  type: "PO_FINANCING",
  description: "",
  minAmount: "",
  maxAmount: "",
  minScore: "550",
  minMonthsInBusiness: "24",
  minAnnualRevenue: "",
  countryMode: "ANY",
  allowedCountries: [],
  blockedCountries: [],
  maxOecdCategory: "4",
  acceptedPaymentTerms: ["LETTER_OF_CREDIT", "DOC_COLLECTION_DP", "OPEN_ACCOUNT"],
  blockedNaicsPrefixes: "",
  minTenorDays: "30",
  maxTenorDays: "120",
  advanceRate: "85",
  priceMin: "",
  priceMax: "",
};

export function ProductForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
  disabled = false,
}: {
  id: string;
  defaultValue?: ProductFormValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  disabled?: boolean;
}) {
  const [form, fields] = useForm<z.input<typeof LenderProductSchema>>({
    id,
    lastResult,
    defaultValue,
  });
  const type = (fields.type.value ?? "PO_FINANCING") as ProductType;
  const fee = FEE_PRICED.has(type);
  const countryBoxes = (field: typeof fields.allowedCountries) =>
    getCollectionProps(field, { type: "checkbox", options: COUNTRY_CODES }).map(({ key, ...props }) => (
      <label key={key}>
        <input {...props} disabled={disabled} />
        {NAME.get(props.value ?? "") ?? props.value}
      </label>
    ));
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <fieldset disabled={disabled}>
        <legend>The product</legend>
        <div className="field-row">
          <Field
            label="Name"
            errors={fields.name.errors}
            inputProps={getInputProps(fields.name, { type: "text" })}
          />
          <SelectField
            label="Type"
            options={TYPE_OPTIONS}
            errors={fields.type.errors}
            selectProps={getSelectProps(fields.type)}
          />
        </div>
        <TextareaField
          label="Description (optional)"
          errors={fields.description.errors}
          textareaProps={getTextareaProps(fields.description)}
        />
        <div className="field-row">
          <Field
            label="Smallest amount (USD)"
            errors={fields.minAmount.errors}
            inputProps={{ ...getInputProps(fields.minAmount, { type: "text" }), inputMode: "decimal" }}
          />
          <Field
            label="Largest amount (USD)"
            errors={fields.maxAmount.errors}
            inputProps={{ ...getInputProps(fields.maxAmount, { type: "text" }), inputMode: "decimal" }}
          />
        </div>
        <div className="field-row">
          <Field
            label="Shortest tenor (days)"
            errors={fields.minTenorDays.errors}
            inputProps={{ ...getInputProps(fields.minTenorDays, { type: "text" }), inputMode: "numeric" }}
          />
          <Field
            label="Longest tenor (days)"
            errors={fields.maxTenorDays.errors}
            inputProps={{ ...getInputProps(fields.maxTenorDays, { type: "text" }), inputMode: "numeric" }}
          />
        </div>
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Pricing</legend>
        <div className="field-row">
          <Field
            label="Advance rate (%)"
            hint="Share of the order or invoice value advanced."
            errors={fields.advanceRate.errors}
            inputProps={{ ...getInputProps(fields.advanceRate, { type: "text" }), inputMode: "decimal" }}
          />
          <Field
            label={fee ? "Lowest fee per 30 days (%)" : "Lowest APR (%)"}
            errors={fields.priceMin.errors}
            inputProps={{ ...getInputProps(fields.priceMin, { type: "text" }), inputMode: "decimal" }}
          />
          <Field
            label={fee ? "Highest fee per 30 days (%)" : "Highest APR (%)"}
            errors={fields.priceMax.errors}
            inputProps={{ ...getInputProps(fields.priceMax, { type: "text" }), inputMode: "decimal" }}
          />
        </div>
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Who qualifies</legend>
        <div className="field-row">
          <Field
            label="Minimum Trade Readiness Score"
            errors={fields.minScore.errors}
            inputProps={{ ...getInputProps(fields.minScore, { type: "text" }), inputMode: "numeric" }}
          />
          <Field
            label="Minimum months in business"
            errors={fields.minMonthsInBusiness.errors}
            inputProps={{
              ...getInputProps(fields.minMonthsInBusiness, { type: "text" }),
              inputMode: "numeric",
            }}
          />
          <Field
            label="Minimum annual revenue (USD)"
            errors={fields.minAnnualRevenue.errors}
            inputProps={{ ...getInputProps(fields.minAnnualRevenue, { type: "text" }), inputMode: "decimal" }}
          />
        </div>
        <Field
          label="Blocked industries (NAICS prefixes, optional)"
          hint="Comma-separated, e.g. 1113, 3254."
          errors={fields.blockedNaicsPrefixes.errors}
          inputProps={getInputProps(fields.blockedNaicsPrefixes, { type: "text" })}
        />
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Buyers and terms</legend>
        <p className="muted small">
          Checked on each export order attached to an application. PO financing and factoring always need an
          order; a line or loan that restricts countries, country risk (below 7) or payment terms matches only
          applications with an order that meets them.
        </p>
        <div className="field-row">
          <SelectField
            label="Buyer countries"
            options={[
              { value: "ANY", label: "Any country except those blocked" },
              { value: "ALLOWED_ONLY", label: "Only the countries chosen below" },
            ]}
            errors={fields.countryMode.errors}
            selectProps={getSelectProps(fields.countryMode)}
          />
          <SelectField
            label="Highest OECD country-risk category"
            options={OECD_OPTIONS}
            errors={fields.maxOecdCategory.errors}
            selectProps={getSelectProps(fields.maxOecdCategory)}
          />
        </div>
        <details className="more-countries" open={fields.countryMode.value === "ALLOWED_ONLY"}>
          <summary>Accepted countries</summary>
          <div className="checkbox-grid">{countryBoxes(fields.allowedCountries)}</div>
        </details>
        <ErrorList id={fields.allowedCountries.errorId} errors={fields.allowedCountries.errors} />
        <details className="more-countries">
          <summary>Blocked countries</summary>
          <div className="checkbox-grid">{countryBoxes(fields.blockedCountries)}</div>
        </details>
        <ErrorList id={fields.blockedCountries.errorId} errors={fields.blockedCountries.errors} />
        <div className="field">
          <span className="field-label">Accepted payment terms</span>
          <div className="checkbox-grid">
            {getCollectionProps(fields.acceptedPaymentTerms, {
              type: "checkbox",
              options: [...PAYMENT_TERMS],
            }).map(({ key, ...props }) => (
              <label key={key}>
                <input {...props} />
                {PAYMENT_TERM_LABELS[props.value as keyof typeof PAYMENT_TERM_LABELS]}
              </label>
            ))}
          </div>
          <ErrorList id={fields.acceptedPaymentTerms.errorId} errors={fields.acceptedPaymentTerms.errors} />
        </div>
      </fieldset>
      {disabled ? null : <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>}
    </Form>
  );
}
