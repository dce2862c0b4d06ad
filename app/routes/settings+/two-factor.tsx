// Two-factor authentication in a person's settings: merchants turn it on (QR code, a confirming
// code, recovery codes shown once) and off (current password and a code); everyone with it on can
// make new recovery codes. Staff cannot turn it off: their role requires it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EnrolAuthenticator, RecoveryCodes } from "~/components/two-factor";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import {
  ConfirmEnrolmentSchema,
  DisableTwoFactorSchema,
  RegenerateRecoveryCodesSchema,
} from "~/domain/accounts/two-factor";
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startEnrolment,
  twoFactorStatus,
} from "~/domain/accounts/two-factor.server";
import { prisma } from "~/utils/db.server";
import { formDataOf } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireUser } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Two-factor authentication — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const status = await twoFactorStatus(prisma, actor);
  const setup = new URL(request.url).searchParams.get("setup") === "1";
  const enrolment = !status.enabled && setup ? await startEnrolment(prisma, actor) : null;
  return {
    status: { ...status, enabledAt: status.enabledAt?.toISOString() ?? null },
    enrolment,
  };
}

type ActionData = {
  intent: string;
  errors: Record<string, string[]>;
  recoveryCodes: string[] | null;
};

function refused(intent: string, errors: Record<string, string[]>, status = 400) {
  return data<ActionData>({ intent, errors, recoveryCodes: null }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const form = await formDataOf(request);
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(context);
  const user = { id: actor.id, role: actor.role, email: actor.email };
  if (intent === "confirm") {
    const submission = parseWithZod(form, { schema: ConfirmEnrolmentSchema });
    if (submission.status !== "success") return refused(intent, { code: submission.error?.code ?? [] });
    const outcome = await confirmEnrolment(prisma, { user, code: submission.value.code, ip });
    if (!outcome.ok) return refused(intent, { code: [outcome.message] });
    return data<ActionData>({ intent, errors: {}, recoveryCodes: outcome.recoveryCodes });
  }
  if (intent === "regenerate") {
    const submission = parseWithZod(form, { schema: RegenerateRecoveryCodesSchema });
    if (submission.status !== "success") return refused(intent, { code: submission.error?.code ?? [] });
    const outcome = await regenerateRecoveryCodes(prisma, { user, code: submission.value.code, ip });
    if (!outcome.ok) return refused(intent, { code: [outcome.message] });
    return data<ActionData>({ intent, errors: {}, recoveryCodes: outcome.recoveryCodes });
  }
  if (intent === "disable") {
    const submission = parseWithZod(form, { schema: DisableTwoFactorSchema });
    if (submission.status !== "success")
      return refused(intent, {
        currentPassword: submission.error?.currentPassword ?? [],
        code: submission.error?.code ?? [],
      });
    const outcome = await disableTwoFactor(prisma, { user, ...submission.value, ip });
    if (!outcome.ok) return refused(intent, { [outcome.field]: [outcome.message] });
    return redirectWithToast("/settings/two-factor", {
      kind: "success",
      title: "Two-factor authentication is off",
      description: "Log-in asks for your password only. We e-mailed you about the change.",
    });
  }
  return refused(intent, { form: ["Choose what to do."] });
}

export default function TwoFactorSettings() {
  const { status, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (intent: string, field: string) =>
    actionData?.intent === intent ? (actionData.errors[field] ?? []) : [];
  if (actionData?.recoveryCodes)
    return (
      <div className="card card-medium">
        <h1>Two-factor authentication</h1>
        <p role="status">
          {actionData.intent === "confirm"
            ? "Two-factor authentication is on. From now on, log-in asks for a code from your app."
            : "New recovery codes are ready; the old ones no longer work."}
        </p>
        <RecoveryCodes codes={actionData.recoveryCodes} />
        <p>
          <Link to="/settings/two-factor">I have saved my recovery codes</Link>
        </p>
      </div>
    );
  return (
    <div className="card card-medium">
      <h1>Two-factor authentication</h1>
      {status.enabled ? (
        <>
          <p>
            <span className="badge badge-ok">On</span> since{" "}
            {status.enabledAt ? <When at={status.enabledAt} /> : "—"}. Log-in asks for a code from your
            authenticator app after your password. {status.recoveryCodesLeft} recovery code
            {status.recoveryCodesLeft === 1 ? "" : "s"} left.
          </p>
          <h2>New recovery codes</h2>
          <p className="muted">The codes you have stop working, and you get ten new ones.</p>
          <Form method="post">
            <FormAlert id="regenerate-errors" errors={errorsFor("regenerate", "form")} />
            <input type="hidden" name="intent" value="regenerate" />
            <Field
              label="Code from your app"
              errors={errorsFor("regenerate", "code")}
              inputProps={{
                id: "regenerate-code",
                name: "code",
                inputMode: "numeric",
                autoComplete: "one-time-code",
                required: true,
              }}
            />
            <SubmitButton className="button-secondary" pendingLabel="Making codes…">
              Make new recovery codes
            </SubmitButton>
          </Form>
          {status.required ? (
            <p className="muted">Your role requires two-factor authentication: it cannot be turned off.</p>
          ) : (
            <>
              <h2>Turn off</h2>
              <Form method="post">
                <input type="hidden" name="intent" value="disable" />
                <Field
                  label="Current password"
                  errors={errorsFor("disable", "currentPassword")}
                  inputProps={{
                    name: "currentPassword",
                    type: "password",
                    autoComplete: "current-password",
                    required: true,
                  }}
                />
                <Field
                  label="Code from your app"
                  errors={errorsFor("disable", "code")}
                  inputProps={{
                    id: "disable-code",
                    name: "code",
                    inputMode: "numeric",
                    autoComplete: "one-time-code",
                    required: true,
                  }}
                />
                <SubmitButton className="button-danger" pendingLabel="Turning off…">
                  Turn off two-factor authentication
                </SubmitButton>
              </Form>
            </>
          )}
        </>
      ) : enrolment ? (
        <EnrolAuthenticator enrolment={enrolment} errors={errorsFor("confirm", "code")} />
      ) : (
        <>
          <p>
            <span className="badge">Off</span> A second step at log-in, a code from an app on your phone,
            keeps your business's data safe even if your password leaks.
          </p>
          <p>
            <Link className="button button-primary" to="/settings/two-factor?setup=1">
              Turn on two-factor authentication
            </Link>
          </p>
        </>
      )}
      <p className="muted small">
        <Link to="/settings/password">Change your password</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
