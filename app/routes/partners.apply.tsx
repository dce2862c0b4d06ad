import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { PartnerApplicationSchema } from "~/domain/lenders/partner-application";
import { applyAsLendingPartner } from "~/domain/lenders/partner-application.server";
import { PRODUCT_TYPE_LABELS, PRODUCT_TYPES } from "~/domain/lenders/products";
import { REGULATOR_TYPE_CODES, REGULATOR_TYPES } from "~/domain/notices/agencies";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Become a lending partner — TradeLift" }];

// The form is validated on the server only: the page ships no validator to the browser, and every
// field's message comes back with the page.
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await formDataOf(request), { schema: PartnerApplicationSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), appliedAs: null }, { status: replyStatus(submission) });
  const outcome = await applyAsLendingPartner(prisma, {
    application: submission.value,
    ip: clientIp(context),
  });
  if (!outcome.ok && outcome.reason === "rate-limited")
    return data(
      {
        result: submission.reply({
          formErrors: [
            `Too many applications from your network. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.`,
          ],
        }),
        appliedAs: null,
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  if (!outcome.ok)
    return data(
      { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), appliedAs: null },
      { status: 409 },
    );
  return {
    result: submission.reply({ resetForm: true }),
    appliedAs: { name: submission.value.name, email: submission.value.contactEmail },
  };
}

const REGULATOR_OPTIONS = REGULATOR_TYPE_CODES.map((code) => ({
  value: code,
  label: REGULATOR_TYPES[code].label,
}));

export default function ApplyAsPartner() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof PartnerApplicationSchema>>({
    id: "partner-application",
    lastResult: actionData?.result,
    defaultValue: { regulatorType: "NON_BANK" },
  });
  if (actionData?.appliedAs)
    return (
      <div className="card card-narrow">
        <h1>Thank you</h1>
        <p role="status">
          We received the application of <strong>{actionData.appliedAs.name}</strong>. Our team reviews every
          application and writes to <strong>{actionData.appliedAs.email}</strong>.
        </p>
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </div>
    );
  const productBoxes = getCollectionProps(fields.productsOfInterest, {
    type: "checkbox",
    options: [...PRODUCT_TYPES],
  });
  return (
    <div className="card card-narrow">
      <h1>Become a lending partner</h1>
      <p>
        Trade-finance lenders receive applications from U.S. exporters that fit their products, pre-scored
        with the evidence attached. Tell us about your organisation; we review every application and write to
        you.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <Field
          label="Organisation"
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "organization" }}
        />
        <Field
          label="Contact person"
          errors={fields.contactName.errors}
          inputProps={{ ...getInputProps(fields.contactName, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label="Contact e-mail"
          errors={fields.contactEmail.errors}
          inputProps={{ ...getInputProps(fields.contactEmail, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label="Contact phone (optional)"
          errors={fields.contactPhone.errors}
          inputProps={{ ...getInputProps(fields.contactPhone, { type: "tel" }), autoComplete: "tel" }}
        />
        <Field
          label="Website (optional)"
          errors={fields.website.errors}
          inputProps={{ ...getInputProps(fields.website, { type: "url" }), placeholder: "https://" }}
        />
        <SelectField
          label="Regulator"
          hint="Who supervises your organisation: the notices you send merchants name that federal agency."
          options={REGULATOR_OPTIONS}
          errors={fields.regulatorType.errors}
          selectProps={getSelectProps(fields.regulatorType)}
        />
        <fieldset
          aria-describedby={fields.productsOfInterest.errors ? fields.productsOfInterest.errorId : undefined}
        >
          <legend>Products you would offer</legend>
          <div className="checkbox-grid">
            {productBoxes.map(({ key, ...props }) => (
              <label key={key}>
                <input {...props} required={false} />
                {PRODUCT_TYPE_LABELS[props.value as keyof typeof PRODUCT_TYPE_LABELS]}
              </label>
            ))}
          </div>
          <ErrorList id={fields.productsOfInterest.errorId} errors={fields.productsOfInterest.errors} />
        </fieldset>
        <TextareaField
          label="Anything else (optional)"
          hint="What you finance, where you are licensed, volumes you look for."
          errors={fields.description.errors}
          textareaProps={getTextareaProps(fields.description)}
        />
        <SubmitButton pendingLabel="Sending…">Apply</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
