import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { DisclosureTable } from "~/components/disclosure-table";
import { Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { isFeePriced, OfferSchema, offerBasisLines, offerDisclosure } from "~/domain/offers/offer";

/** The lender's offer form, with the disclosure the merchant will see computed as it is filled in. */
export function OfferForm({
  productType,
  requestedCents,
  tenorDays,
  lastResult,
}: {
  productType: string;
  requestedCents: number;
  tenorDays: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: "offer",
    lastResult,
    defaultValue: {
      productType,
      amount: (requestedCents / 100).toFixed(2),
      ...(isFeePriced(productType) ? { advanceRate: "85" } : {}),
      termDays: String(tenorDays),
      paymentFrequency: "MONTHLY",
      paymentCount: "12",
      expiresInDays: "14",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const values = new URLSearchParams(
    Object.entries(form.value ?? {}).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  values.set("productType", productType);
  const preview = parseWithZod(values, { schema: OfferSchema });
  const fee = isFeePriced(productType);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="offer" />
      <input type="hidden" name="productType" value={productType} />
      <div className="field-row">
        {fee ? (
          <>
            <Field
              label={
                productType === "INVOICE_FACTORING"
                  ? "Invoice face value (USD)"
                  : "Purchase order face value (USD)"
              }
              hint="The full value of the buyer's invoice or order. You advance the face value × the advance rate."
              errors={fields.amount.errors}
              inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
            />
            <Field
              label="Advance rate (% of face value)"
              errors={fields.advanceRate.errors}
              inputProps={{ ...getInputProps(fields.advanceRate, { type: "text" }), inputMode: "decimal" }}
            />
          </>
        ) : (
          <Field
            label="Amount financed (USD)"
            hint="The whole amount of the loan or line, before any fee deducted below."
            errors={fields.amount.errors}
            inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
          />
        )}
        <Field
          label="Fee deducted from the funds (USD, optional)"
          hint="An origination or processing fee kept from the money sent; the merchant receives the rest."
          errors={fields.originationFee.errors}
          inputProps={{ ...getInputProps(fields.originationFee, { type: "text" }), inputMode: "decimal" }}
        />
      </div>
      <Field
        label="Why more than asked (only if the amount is above the request)"
        errors={fields.amountAboveRequestReason.errors}
        inputProps={getInputProps(fields.amountAboveRequestReason, { type: "text" })}
      />
      {fee ? (
        <div className="field-row">
          <Field
            label="Fee per 30 days (%)"
            errors={fields.feePer30Days.errors}
            inputProps={{ ...getInputProps(fields.feePer30Days, { type: "text" }), inputMode: "decimal" }}
          />
          <Field
            label="Days until the buyer pays"
            errors={fields.termDays.errors}
            inputProps={{ ...getInputProps(fields.termDays, { type: "text" }), inputMode: "numeric" }}
          />
        </div>
      ) : (
        <div className="field-row">
          <Field
            label="Interest rate (% a year)"
            errors={fields.interestRate.errors}
            inputProps={{ ...getInputProps(fields.interestRate, { type: "text" }), inputMode: "decimal" }}
          />
          <SelectField
            label="Payments"
            options={[
              { value: "MONTHLY", label: "Monthly" },
              { value: "BIWEEKLY", label: "Every two weeks" },
              { value: "WEEKLY", label: "Weekly" },
            ]}
            errors={fields.paymentFrequency.errors}
            selectProps={getSelectProps(fields.paymentFrequency)}
          />
          <Field
            label="Number of payments"
            errors={fields.paymentCount.errors}
            inputProps={{ ...getInputProps(fields.paymentCount, { type: "text" }), inputMode: "numeric" }}
          />
        </div>
      )}
      <Field
        label="The offer stands for (days)"
        errors={fields.expiresInDays.errors}
        inputProps={{ ...getInputProps(fields.expiresInDays, { type: "text" }), inputMode: "numeric" }}
      />
      <h3>What the merchant will see</h3>
      {preview.status === "success" ? (
        <DisclosureTable disclosure={offerDisclosure(preview.value)} basis={offerBasisLines(preview.value)} />
      ) : (
        <p className="muted small">Complete the terms to see the disclosure.</p>
      )}
      <SubmitButton pendingLabel="Sending…">Send the offer</SubmitButton>
    </Form>
  );
}
