import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { authenticate } from "~/domain/accounts/accounts.server";
import { throttleMessage } from "~/domain/accounts/login-throttle";
import { homePathFor, UserRole } from "~/domain/accounts/roles";
import { LoginSchema } from "~/domain/accounts/schemas";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { pendingLoginCookie } from "~/utils/pending-login.server";
import { clientIp, safeRedirect, userAgent } from "~/utils/request.server";
import { createSession } from "~/utils/session.server";
import { requireAnonymous } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Log in — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await formDataOf(request), { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["password"] }) },
      { status: replyStatus(submission) },
    );
  }
  const ip = clientIp(context);
  const outcome = await authenticate(prisma, {
    email: submission.value.email,
    password: submission.value.password,
    ip,
  });
  if (!outcome.ok) {
    const message =
      outcome.reason === "invalid"
        ? "The e-mail address or the password is not correct."
        : outcome.reason === "rate-limited"
          ? `Too many log-in attempts from your network. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.`
          : throttleMessage({ reason: outcome.reason, retryAfterSeconds: outcome.retryAfterSeconds });
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      {
        status: outcome.reason === "invalid" ? 400 : 429,
        headers: outcome.reason === "invalid" ? {} : { "Retry-After": String(outcome.retryAfterSeconds) },
      },
    );
  }
  const role = UserRole.parse(outcome.user.role);
  const target = safeRedirect(submission.value.redirectTo, homePathFor(role));
  // A redirect into another role's area would only answer 404: go home instead.
  const home = homePathFor(role);
  const destination = target.startsWith(home) || target.startsWith("/settings") ? target : home;
  if (outcome.next !== "session") {
    // No session yet: a short-lived signed state that only the second-step pages accept.
    const pending = await pendingLoginCookie({
      userId: outcome.user.id,
      next: outcome.next,
      redirectTo: destination,
      fingerprint: outcome.fingerprint,
    });
    return redirect(outcome.next === "code" ? "/login/code" : "/login/enrol", {
      headers: { "Set-Cookie": pending },
    });
  }
  const { setCookie } = await createSession(prisma, {
    userId: outcome.user.id,
    ip,
    userAgent: userAgent(request),
  });
  return redirect(destination, { headers: { "Set-Cookie": setCookie } });
}

export default function Login() {
  const lastResult = useActionData<typeof action>()?.result;
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof LoginSchema>>({
    id: "login",
    lastResult,
  });
  return (
    <div className="card card-narrow">
      <h1>Log in</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label="E-mail"
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            autoFocus: true,
          }}
        />
        <Field
          label="Password"
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
      </Form>
      <p className="small">
        <Link to="/forgot-password" className="link-standalone">
          Forgot your password?
        </Link>
      </p>
      <p className="muted small">
        New exporter? <Link to="/signup">Create a merchant account</Link>. Lender and staff accounts are
        created by invitation.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
