// The second log-in step: a code from the authenticator app, or a recovery code. Only the pending
// log-in state gets here; no session exists until this step is passed.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { SecondFactorSchema } from "~/domain/accounts/two-factor";
import { twoFactorStatus, verifySecondFactor } from "~/domain/accounts/two-factor.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { finishLogin, requirePendingLogin } from "~/web/login.server";
import { requireAnonymous } from "~/web/permissions.server";

export const meta: MetaFunction = () => [
  { title: "Two-factor code — TradeLift" },
  { name: "robots", content: "noindex" },
];

// A document answer takes its headers from here, not from the action's data.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  await requirePendingLogin(request, "code");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const { pending, account } = await requirePendingLogin(request, "code");
  const submission = parseWithZod(await formDataOf(request), { schema: SecondFactorSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["code"] }) }, { status: replyStatus(submission) });
  const ip = clientIp(context);
  const outcome = await verifySecondFactor(prisma, { user: account, code: submission.value.code, ip });
  if (!outcome.ok)
    return data(
      { result: submission.reply({ formErrors: [outcome.message], hideFields: ["code"] }) },
      {
        status: outcome.reason === "invalid" ? 400 : 429,
        headers: outcome.reason === "invalid" ? {} : { "Retry-After": String(outcome.retryAfterSeconds) },
      },
    );
  let toast: Parameters<typeof finishLogin>[1]["toast"];
  if (outcome.usedRecoveryCode) {
    const { recoveryCodesLeft } = await twoFactorStatus(prisma, account);
    toast = {
      kind: "info",
      title: "You logged in with a recovery code",
      description: `It cannot be used again; ${recoveryCodesLeft} left. Make new ones in Settings → Two-factor authentication.`,
    };
  }
  return finishLogin(request, { userId: account.id, ip, redirectTo: pending.redirectTo, toast });
}

export default function LoginCode() {
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<z.input<typeof SecondFactorSchema>>({
    id: "login-code",
    lastResult,
  });
  return (
    <div className="card card-narrow">
      <h1>Two-factor authentication</h1>
      <p>Open your authenticator app and enter the 6-digit code it shows for TradeLift.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <Field
          label="Code"
          hint="Lost your phone? Enter one of your recovery codes instead."
          errors={fields.code.errors}
          inputProps={{
            ...getInputProps(fields.code, { type: "text" }),
            autoComplete: "one-time-code",
            autoFocus: true,
            maxLength: 40,
          }}
        />
        <SubmitButton pendingLabel="Checking…">Verify</SubmitButton>
      </Form>
      <p className="muted small">
        No phone and no recovery code? An administrator can reset your two-factor authentication.{" "}
        <Link to="/login">Start again</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
