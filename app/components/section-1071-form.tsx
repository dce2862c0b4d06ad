// The Section 1071 questions with the notice that must precede them (docs/design/section-1071.md).
// Works without JavaScript: radio buttons and checkboxes in fieldsets, every error at its field.
import {
  type FieldMetadata,
  getCollectionProps,
  getFormProps,
  getInputProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { CheckboxField, ErrorList, Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import {
  BUSINESS_STATUS_ANSWERS,
  BUSINESS_STATUS_QUESTIONS,
  DECLINE_LABEL,
  DECLINED,
  ETHNICITY_CODES,
  ETHNICITY_GROUPS,
  OWNER_COUNT_ANSWERS,
  type OwnerTextField,
  RACE_CODES,
  RACE_GROUPS,
  type Section1071Answers,
  type Section1071Schema,
} from "~/domain/section1071/questions";

/** What federal law requires the applicant to be told before the questions, in our words. */
export function Section1071Notice() {
  return (
    <section className="alert alert-info" aria-label="Why we ask these questions">
      <p>
        <strong>Federal law requires us to ask these questions.</strong> Under the Equal Credit Opportunity
        Act and Regulation B, we ask every small business that applies for credit through TradeLift whether it
        is women-owned, minority-owned or LGBTQI+-owned, how many principal owners it has, and the ethnicity,
        race and sex of those owners. The answers are reported, without your business's name, to the Consumer
        Financial Protection Bureau, so that fair lending laws can be enforced and the needs of small
        businesses and their communities can be seen.
      </p>
      <p>
        <strong>You do not have to answer.</strong> Every question is optional, you may leave any of them
        blank, and each one has “{DECLINE_LABEL}”.
      </p>
      <p>
        <strong>Your answers cannot be held against you.</strong> Neither TradeLift nor any lender may
        discriminate against you on the basis of your answers, or on the basis of whether you answer at all.
      </p>
      <p>
        <strong>The lenders who decide on your application never see them.</strong> The answers are kept apart
        from your application: they are not in what lenders review, not used to score or match your business,
        and not in any e-mail or document a lender receives.
      </p>
    </section>
  );
}

type OwnerFields = FieldMetadata<Section1071Answers["owners"][number]>;

function RadioQuestion({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<string | null>;
  legend: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
}) {
  const boxes = getCollectionProps(field, { type: "radio", options: options.map((o) => o.value) });
  const errorId = field.errors?.length ? `${field.id}-error` : undefined;
  return (
    <fieldset aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="checkbox-grid">
        {boxes.map(({ key: _key, ...props }) => (
          <label key={props.value}>
            <input {...props} />
            {options.find((o) => o.value === props.value)?.label}
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={field.errors} />
    </fieldset>
  );
}

function ChoiceGroup({
  owner,
  which,
  legend,
}: {
  owner: ReturnType<OwnerFields["getFieldset"]>;
  which: "ethnicity" | "race";
  legend: string;
}) {
  const field = owner[which];
  const groups = which === "ethnicity" ? ETHNICITY_GROUPS : RACE_GROUPS;
  const boxes = getCollectionProps(field, {
    type: "checkbox",
    options: which === "ethnicity" ? ETHNICITY_CODES : RACE_CODES,
  });
  const box = (code: string, label: string) => {
    const found = boxes.find((b) => b.value === code);
    if (!found) return null;
    const { key: _key, ...props } = found;
    return (
      <label key={code}>
        <input {...props} />
        {label}
      </label>
    );
  };
  const textBox = (text: { field: OwnerTextField; label: string }) => {
    const textField = owner[text.field];
    return (
      <Field
        key={text.field}
        label={text.label}
        errors={textField.errors}
        inputProps={{ ...getInputProps(textField, { type: "text" }), maxLength: 100 }}
      />
    );
  };
  const errors = [...new Set(Object.values(field.allErrors).flat())];
  const errorId = errors.length ? `${field.id}-error` : undefined;
  return (
    <fieldset aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
      <legend>{legend}</legend>
      <p className="field-hint">Tick every answer that applies.</p>
      {groups.map((group) => (
        <div key={group.code} className="owner-row">
          <div className="checkbox-grid">{box(group.code, group.label)}</div>
          {"text" in group && group.text ? textBox(group.text) : null}
          {group.subcategories.length > 0 ? (
            <div className="checkbox-grid subcategories">
              {group.subcategories.map((sub) => box(sub.code, sub.label))}
            </div>
          ) : null}
          {group.subcategories.map((sub) => ("text" in sub && sub.text ? textBox(sub.text) : null))}
        </div>
      ))}
      <div className="checkbox-grid">{box(DECLINED, DECLINE_LABEL)}</div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

function OwnerFieldset({ field, position }: { field: OwnerFields; position: number }) {
  const owner = field.getFieldset();
  return (
    <fieldset>
      <legend>{`Principal owner ${position}`}</legend>
      <ErrorList id={field.errors?.length ? `${field.id}-error` : undefined} errors={field.errors} />
      <ChoiceGroup owner={owner} which="ethnicity" legend={`Owner ${position}: ethnicity`} />
      <ChoiceGroup owner={owner} which="race" legend={`Owner ${position}: race`} />
      <fieldset>
        <legend>{`Owner ${position}: sex/gender`}</legend>
        <Field
          label="In the owner's own words"
          errors={owner.sex.errors}
          inputProps={{ ...getInputProps(owner.sex, { type: "text" }), maxLength: 100 }}
        />
        <CheckboxField
          label={DECLINE_LABEL}
          errors={owner.sexDeclined.errors}
          inputProps={getInputProps(owner.sexDeclined, { type: "checkbox" })}
        />
      </fieldset>
    </fieldset>
  );
}

const STATUS_OPTIONS = BUSINESS_STATUS_ANSWERS.map((value) => ({
  value,
  label: value === DECLINED ? DECLINE_LABEL : value === "YES" ? "Yes" : "No",
}));
const COUNT_OPTIONS = OWNER_COUNT_ANSWERS.map((value) => ({
  value,
  label: value === DECLINED ? DECLINE_LABEL : value === "0" ? "None" : value,
}));

export function Section1071Form({
  defaults,
  lastResult,
  submitLabel = "Save answers",
}: {
  defaults: Section1071Answers;
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel?: string;
}) {
  const [form, fields] = useForm<z.output<typeof Section1071Schema>>({
    id: "section-1071",
    lastResult,
    defaultValue: defaults,
  });
  const owners = fields.owners.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      <h2>The business</h2>
      {BUSINESS_STATUS_QUESTIONS.map((question) => (
        <RadioQuestion
          key={question.field}
          field={fields[question.field]}
          legend={question.label}
          hint={question.hint}
          options={STATUS_OPTIONS}
        />
      ))}
      <h2>Principal owners</h2>
      <RadioQuestion
        field={fields.principalOwnerCount}
        legend="How many principal owners does the business have?"
        hint="A principal owner is a person who directly owns 25% or more of the business. Describe up to four of them below, as many as you said."
        options={COUNT_OPTIONS}
      />
      <ErrorList
        id={fields.owners.errors?.length ? `${fields.owners.id}-error` : undefined}
        errors={fields.owners.errors}
      />
      {owners.map((owner, index) => (
        <OwnerFieldset key={owner.key ?? index} field={owner} position={index + 1} />
      ))}
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
