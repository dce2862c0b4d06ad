import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { ANSWER_LABELS, DEMOGRAPHIC_QUESTIONS, DemographicSchema } from "~/domain/merchants/demographics";
import { getDemographics, saveDemographics } from "~/domain/merchants/merchants.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Demographic information (optional) — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  return { answers: await getDemographics(prisma, actor.merchantId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const submission = parseWithZod(await formDataOf(request), { schema: DemographicSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  await saveDemographics(prisma, {
    merchantId: actor.merchantId,
    answers: submission.value,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return redirectWithToast("/merchant", {
    kind: "success",
    title: "Thank you",
    description: "Your answers are stored apart from your application.",
  });
}

export default function Demographics() {
  const { answers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "demographics",
    lastResult,
    defaultValue: answers ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DemographicSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="card card-medium">
      <h1>Demographic information (optional)</h1>
      <div className="alert alert-info">
        <p>
          Answering is voluntary and you may choose “I prefer not to say” for any question. Your answers are
          never shown to lenders, never used to score or match your business, and never part of any export.
          TradeLift reports them only in totals, to show how fairly small businesses are served.
        </p>
      </div>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        {DEMOGRAPHIC_QUESTIONS.map((question) => (
          <SelectField
            key={question.field}
            label={question.label}
            placeholder="Choose…"
            options={question.options.map((value) => ({ value, label: ANSWER_LABELS[value] ?? value }))}
            errors={fields[question.field].errors}
            selectProps={getSelectProps(fields[question.field])}
          />
        ))}
        <SubmitButton pendingLabel="Saving…">Save answers</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
