import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { openLink, resetPassword } from "~/domain/accounts/recovery.server";
import { PASSWORD_MIN_LENGTH, ResetPasswordSchema } from "~/domain/accounts/schemas";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [
  { title: "Choose a new password — TradeLift" },
  { name: "robots", content: "noindex" },
];

const GONE = "This link has expired or was already used. Ask for a new one from the log-in page.";

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await openLink(prisma, { token: params.token ?? "", purpose: "PASSWORD_RESET" });
  if (!link) throw data({ message: GONE }, { status: 410 });
  return { email: link.email };
}

const HIDDEN = ["password", "confirmPassword"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await formDataOf(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: replyStatus(submission) });
  const outcome = await resetPassword(prisma, {
    token: params.token ?? "",
    password: submission.value.password,
    ip: clientIp(context),
  });
  if (!outcome.ok)
    return data({ result: submission.reply({ formErrors: [GONE], hideFields: HIDDEN }) }, { status: 410 });
  return redirectWithToast("/login", {
    kind: "success",
    title: "Password changed",
    description: "Log in with your new password. Every other session was signed out.",
  });
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<z.input<typeof ResetPasswordSchema>>({
    id: "reset-password",
    lastResult,
  });
  return (
    <div className="card card-narrow">
      <h1>Choose a new password</h1>
      <p>
        For <strong>{email}</strong>.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <Field
          label="Repeat the new password"
          errors={fields.confirmPassword.errors}
          inputProps={{
            ...getInputProps(fields.confirmPassword, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <SubmitButton pendingLabel="Saving…">Save the new password</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
