import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { requestPasswordReset } from "~/domain/accounts/recovery.server";
import { ForgotPasswordSchema } from "~/domain/accounts/schemas";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { requireAnonymous } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Reset your password — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await formDataOf(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), sentTo: null }, { status: replyStatus(submission) });
  const outcome = await requestPasswordReset(prisma, {
    email: submission.value.email,
    ip: clientIp(context),
  });
  if (!outcome.ok)
    return data(
      {
        result: submission.reply({
          formErrors: [
            `Too many requests from your network. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.`,
          ],
        }),
        sentTo: null,
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ForgotPasswordSchema>>({
    id: "forgot-password",
    lastResult: actionData?.result,
  });
  if (actionData?.sentTo)
    return (
      <div className="card card-narrow">
        <h1>Check your inbox</h1>
        <p role="status">
          If <strong>{actionData.sentTo}</strong> has a TradeLift account, we have e-mailed it a link to
          choose a new password. The link works once, for an hour.
        </p>
        <p className="muted small">
          Nothing arrived? Check the spam folder, or <Link to="/forgot-password">ask again</Link>.
        </p>
      </div>
    );
  return (
    <div className="card card-narrow">
      <h1>Reset your password</h1>
      <p>Enter the e-mail address of your account. We will send a link to choose a new password.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <Field
          label="E-mail"
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            autoFocus: true,
          }}
        />
        <SubmitButton pendingLabel="Sending…">Send the link</SubmitButton>
      </Form>
      <p className="muted small">
        Remembered it? <Link to="/login">Log in</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
