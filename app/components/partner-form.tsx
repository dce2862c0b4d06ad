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
import type { LenderPartnerSchema } from "~/domain/lenders/partners";
import { REGULATOR_TYPE_CODES, REGULATOR_TYPES } from "~/domain/notices/agencies";
import { US_STATES } from "~/domain/reference/us-states";

export type PartnerFormValues = {
  name: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
  description: string;
  statesLicensed: string[];
  addressLine1: string;
  addressLine2: string;
  city: string;
  addressState: string;
  postalCode: string;
  regulatorType: string;
};

const NAME_OF = new Map(US_STATES.map((state) => [state.code, state.name]));

/** A lender partner's details, for adding one and for editing it. */
export function PartnerForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
  intent,
}: {
  id: string;
  defaultValue?: PartnerFormValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  intent?: string;
}) {
  const [form, fields] = useForm<z.input<typeof LenderPartnerSchema>>({
    id,
    lastResult,
    defaultValue: defaultValue ?? { regulatorType: "NON_BANK" },
  });
  const stateBoxes = getCollectionProps(fields.statesLicensed, {
    type: "checkbox",
    options: US_STATES.map((state) => state.code),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field
        label="Lender name"
        errors={fields.name.errors}
        inputProps={getInputProps(fields.name, { type: "text" })}
      />
      <div className="field-row">
        <Field
          label="Contact person"
          errors={fields.contactName.errors}
          inputProps={getInputProps(fields.contactName, { type: "text" })}
        />
        <Field
          label="Contact e-mail"
          errors={fields.contactEmail.errors}
          inputProps={getInputProps(fields.contactEmail, { type: "email" })}
        />
      </div>
      <div className="field-row">
        <Field
          label="Contact phone (optional)"
          errors={fields.contactPhone.errors}
          inputProps={getInputProps(fields.contactPhone, { type: "tel" })}
        />
        <Field
          label="Website (optional)"
          errors={fields.website.errors}
          inputProps={{ ...getInputProps(fields.website, { type: "url" }), placeholder: "https://" }}
        />
      </div>
      <fieldset>
        <legend>Postal address (needed to activate the partner)</legend>
        <p className="muted small">Printed on the notices it sends merchants, with its regulator.</p>
        <Field
          label="Street address"
          errors={fields.addressLine1.errors}
          inputProps={{
            ...getInputProps(fields.addressLine1, { type: "text" }),
            autoComplete: "address-line1",
          }}
        />
        <Field
          label="Suite, floor (optional)"
          errors={fields.addressLine2.errors}
          inputProps={{
            ...getInputProps(fields.addressLine2, { type: "text" }),
            autoComplete: "address-line2",
          }}
        />
        <div className="field-row">
          <Field
            label="City"
            errors={fields.city.errors}
            inputProps={{ ...getInputProps(fields.city, { type: "text" }), autoComplete: "address-level2" }}
          />
          <SelectField
            label="State"
            placeholder="Choose…"
            options={US_STATES.map((state) => ({ value: state.code, label: state.name }))}
            errors={fields.addressState.errors}
            selectProps={getSelectProps(fields.addressState)}
          />
          <Field
            label="ZIP code"
            errors={fields.postalCode.errors}
            inputProps={{
              ...getInputProps(fields.postalCode, { type: "text" }),
              autoComplete: "postal-code",
            }}
          />
        </div>
      </fieldset>
      <SelectField
        label="Regulator"
        hint="Who supervises the lender: its notices name that federal agency (Regulation B, Appendix A)."
        options={REGULATOR_TYPE_CODES.map((code) => ({ value: code, label: REGULATOR_TYPES[code].label }))}
        errors={fields.regulatorType.errors}
        selectProps={getSelectProps(fields.regulatorType)}
      />
      <TextareaField
        label="Description (optional)"
        hint="What the lender finances, in a sentence or two. Shown to admins only."
        errors={fields.description.errors}
        textareaProps={getTextareaProps(fields.description)}
      />
      <fieldset>
        <legend>States licensed (optional)</legend>
        <div className="checkbox-grid">
          {stateBoxes.map(({ key, ...props }) => (
            <label key={key}>
              <input {...props} />
              {NAME_OF.get(props.value ?? "")}
            </label>
          ))}
        </div>
        <ErrorList id={fields.statesLicensed.errorId} errors={fields.statesLicensed.errors} />
      </fieldset>
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
