import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import {
  type exportOrderSchema,
  INCOTERM_LABELS,
  INCOTERMS,
  ORDER_CURRENCIES,
  PAYMENT_TERM_LABELS,
  PAYMENT_TERMS,
} from "~/domain/orders/orders";
import { COUNTRIES } from "~/domain/reference/countries";
import { UKRAINE_REGIONS } from "~/domain/sanctions/embargo";

export type OrderFormValues = {
  poNumber: string;
  buyerName: string;
  buyerCountry: string;
  buyerRegion: string;
  currency: string;
  amount: string;
  orderDate: string;
  expectedShipDate: string;
  paymentTerm: string;
  paymentTermDays: string;
  incoterm: string;
};

const COUNTRY_OPTIONS = COUNTRIES.filter((c) => c.code !== "US").map((c) => ({
  value: c.code,
  label: c.name,
}));
const REGION_OPTIONS = UKRAINE_REGIONS.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));
const CURRENCY_OPTIONS = ORDER_CURRENCIES.map((c) => ({ value: c, label: c }));
const TERM_OPTIONS = PAYMENT_TERMS.map((t) => ({ value: t, label: PAYMENT_TERM_LABELS[t] }));
const INCOTERM_OPTIONS = INCOTERMS.map((t) => ({ value: t, label: INCOTERM_LABELS[t] }));

/** The export order form, for adding and for editing an order. */
export function OrderForm({
  id,
  today,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  today: string;
  defaultValue?: Partial<OrderFormValues>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const [form, fields] = useForm<z.input<ReturnType<typeof exportOrderSchema>>>({
    id,
    lastResult,
    defaultValue,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <div className="field-row">
        <Field
          label="PO number"
          errors={fields.poNumber.errors}
          inputProps={getInputProps(fields.poNumber, { type: "text" })}
        />
        <Field
          label="Buyer"
          errors={fields.buyerName.errors}
          inputProps={getInputProps(fields.buyerName, { type: "text" })}
        />
      </div>
      <SelectField
        label="Buyer's country"
        placeholder="Choose…"
        options={COUNTRY_OPTIONS}
        errors={fields.buyerCountry.errors}
        selectProps={getSelectProps(fields.buyerCountry)}
      />
      <SelectField
        label="Buyer's region (Ukraine only)"
        placeholder="Not in Ukraine"
        options={REGION_OPTIONS}
        errors={fields.buyerRegion.errors}
        selectProps={getSelectProps(fields.buyerRegion)}
      />
      <div className="field-row">
        <Field
          label="Amount"
          hint="In the order's currency, without a currency sign."
          errors={fields.amount.errors}
          inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
        />
        <SelectField
          label="Currency"
          options={CURRENCY_OPTIONS}
          errors={fields.currency.errors}
          selectProps={getSelectProps(fields.currency)}
        />
      </div>
      <div className="field-row">
        <Field
          label="Order date"
          errors={fields.orderDate.errors}
          inputProps={{ ...getInputProps(fields.orderDate, { type: "date" }), max: today }}
        />
        <Field
          label="Expected ship date (optional)"
          errors={fields.expectedShipDate.errors}
          inputProps={getInputProps(fields.expectedShipDate, { type: "date" })}
        />
      </div>
      <div className="field-row">
        <SelectField
          label="Payment term"
          placeholder="Choose…"
          options={TERM_OPTIONS}
          errors={fields.paymentTerm.errors}
          selectProps={getSelectProps(fields.paymentTerm)}
        />
        <Field
          label="Days of credit"
          hint="After shipment or invoice; 0 for cash in advance or at sight."
          errors={fields.paymentTermDays.errors}
          inputProps={{ ...getInputProps(fields.paymentTermDays, { type: "text" }), inputMode: "numeric" }}
        />
      </div>
      <SelectField
        label="Incoterms 2020 rule"
        placeholder="Choose…"
        options={INCOTERM_OPTIONS}
        errors={fields.incoterm.errors}
        selectProps={getSelectProps(fields.incoterm)}
      />
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
