import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { changePassword } from "~/domain/accounts/accounts.server";
import { homePathFor, UserRole } from "~/domain/accounts/roles";
import { ChangePasswordSchema, PASSWORD_MIN_LENGTH } from "~/domain/accounts/schemas";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireUser } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Change password — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return { email: actor.email };
}

const HIDDEN = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const submission = parseWithZod(await formDataOf(request), { schema: ChangePasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: replyStatus(submission) });
  }
  const outcome = await changePassword(prisma, {
    userId: actor.id,
    sessionId: actor.sessionId,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
    ip: clientIp(context),
  });
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: HIDDEN }),
      },
      { status: 400 },
    );
  }
  const role = UserRole.parse(actor.role);
  return redirectWithToast(homePathFor(role), {
    kind: "success",
    title: "Password changed",
    description:
      outcome.revokedSessions > 0
        ? `You were signed out everywhere else (${outcome.revokedSessions} other session${outcome.revokedSessions === 1 ? "" : "s"}).`
        : "Any other sessions would have been signed out.",
  });
}

export default function ChangePassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<z.input<typeof ChangePasswordSchema>>({
    id: "change-password",
    lastResult,
  });
  return (
    <div className="card card-narrow">
      <h1>Change password</h1>
      <p className="muted">
        Signed in as {email}. Changing the password signs you out on every other device.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          label="Current password"
          errors={fields.currentPassword.errors}
          inputProps={{
            ...getInputProps(fields.currentPassword, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <Field
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          errors={fields.newPassword.errors}
          inputProps={{
            ...getInputProps(fields.newPassword, { type: "password" }),
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
        <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
      </Form>
      <p className="muted small">
        <Link to="/settings/two-factor">Two-factor authentication</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
