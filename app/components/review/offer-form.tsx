import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { DisclosureView } from "~/components/disclosure-view";
import { Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { disclosureContent } from "~/domain/offers/disclosure-content";
import { isFeePriced, type OfferSchema, offerAsDisclosed } from "~/domain/offers/offer";
import { previewOffer } from "~/domain/offers/offer-preview";

/** The lender's offer form, with the disclosure the merchant will see computed as it is filled in. */
export function OfferForm({
  productType,
  requestedCents,
  tenorDays,
  buyerPaysInDays,
  lastResult,
}: {
  productType: string;
  requestedCents: number;
  tenorDays: number;
  /** When the attached orders' buyers are due to pay (their longest payment term), if known. */
  buyerPaysInDays?: number | null;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm<z.input<typeof OfferSchema>>({
    id: "offer",
    lastResult,
    defaultValue: {
      productType,
      amount: (requestedCents / 100).toFixed(2),
      ...(isFeePriced(productType) ? { advanceRate: "85" } : {}),
      ...(productType === "INVOICE_FACTORING" ? { recourse: "WITH_RECOURSE" } : {}),
      termDays: String(buyerPaysInDays && buyerPaysInDays >= 7 ? buyerPaysInDays : tenorDays),
      paymentFrequency: "MONTHLY",
      paymentCount: "12",
      expiresInDays: "14",
    },
  });
  const preview = previewOffer(productType, form.value ?? {});
  const fee = isFeePriced(productType);
  // The merchant's copy dates its schedule from the day the offer is sent: today, here.
  const previewDay = new Date();
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
            hint={
              buyerPaysInDays
                ? `From the order's payment term (${buyerPaysInDays} days). The disclosure calls the term an estimate that assumes the buyer pays on this day.`
                : "The disclosure calls the term an estimate that assumes the buyer pays on this day."
            }
            errors={fields.termDays.errors}
            inputProps={{ ...getInputProps(fields.termDays, { type: "text" }), inputMode: "numeric" }}
          />
          {productType === "INVOICE_FACTORING" ? (
            <SelectField
              label="Recourse"
              options={[
                { value: "WITH_RECOURSE", label: "With recourse: the merchant repays if the buyer does not" },
                {
                  value: "WITHOUT_RECOURSE",
                  label: "Without recourse: you bear the loss if the buyer is insolvent",
                },
              ]}
              errors={fields.recourse.errors}
              selectProps={getSelectProps(fields.recourse)}
            />
          ) : null}
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
      {fee ? null : (
        <Field
          label="What secures the financing"
          hint='Shown to the merchant as you write it, e.g. "A lien on all business assets and a personal guarantee", or "Nothing: unsecured".'
          errors={fields.securityTerms.errors}
          inputProps={{ ...getInputProps(fields.securityTerms, { type: "text" }), maxLength: 300 }}
        />
      )}
      <Field
        label="The offer stands for (days)"
        errors={fields.expiresInDays.errors}
        inputProps={{ ...getInputProps(fields.expiresInDays, { type: "text" }), inputMode: "numeric" }}
      />
      <section aria-labelledby={`${form.id}-preview`}>
        <h3 id={`${form.id}-preview`}>What the merchant will see</h3>
        {preview ? (
          <DisclosureView content={disclosureContent(offerAsDisclosed(preview, previewDay), "the lender")} />
        ) : (
          <p className="muted small">Complete the terms to see the disclosure.</p>
        )}
      </section>
      <SubmitButton pendingLabel="Sending…">Send the offer</SubmitButton>
    </Form>
  );
}
