import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { createLenderPartner, DuplicatePartnerError } from "~/domain/lenders/lenders.server";
import { LenderPartnerSchema } from "~/domain/lenders/partners";
import { US_STATES } from "~/domain/reference/us-states";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/utils/permissions.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Add a lender partner — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: LenderPartnerSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const partner = await createLenderPartner(prisma, {
      partner: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    return redirectWithToast(`/admin/partners/${partner.id}`, {
      kind: "success",
      title: "Partner created",
      description: "Invite its first user to set up its products.",
    });
  } catch (error) {
    if (error instanceof DuplicatePartnerError) {
      return data({ result: submission.reply({ fieldErrors: { name: [error.message] } }) }, { status: 400 });
    }
    throw error;
  }
}

export default function NewPartner() {
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "new-partner",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LenderPartnerSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const stateBoxes = getCollectionProps(fields.statesLicensed, {
    type: "checkbox",
    options: US_STATES.map((state) => state.code),
  });
  const nameOf = new Map(US_STATES.map((state) => [state.code, state.name]));
  return (
    <div className="card card-medium">
      <h1>Add a lender partner</h1>
      <p className="muted">The partner starts as pending. Invite its admin next; it sets up the products.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
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
                {nameOf.get(props.value ?? "")}
              </label>
            ))}
          </div>
          <ErrorList id={fields.statesLicensed.errorId} errors={fields.statesLicensed.errors} />
        </fieldset>
        <SubmitButton pendingLabel="Creating…">Create partner</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
