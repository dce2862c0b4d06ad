import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorList, Field, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { LenderPartnerSchema } from "~/domain/lenders/partners";
import { US_STATES } from "~/domain/reference/us-states";

export type PartnerFormValues = {
  name: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
  description: string;
  statesLicensed: string[];
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
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LenderPartnerSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
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
