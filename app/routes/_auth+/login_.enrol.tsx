// Enrolment at log-in: lender staff and admins without an authenticator come here straight after
// their password (or their invitation) and can reach nothing else until it is done; there is no
// session until the app's first code is confirmed. The recovery codes are shown once, here.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EnrolAuthenticator, RecoveryCodes } from "~/components/two-factor";
import { homePathFor, UserRole } from "~/domain/accounts/roles";
import { ConfirmEnrolmentSchema } from "~/domain/accounts/two-factor";
import {
  accountForPendingLogin,
  confirmEnrolment,
  finishEnrolmentLogin,
  startEnrolment,
} from "~/domain/accounts/two-factor.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { readPendingLogin } from "~/utils/pending-login.server";
import { clientIp } from "~/utils/request.server";
import { getSessionUser } from "~/utils/session.server";
import { requirePendingLogin, sessionHeaders } from "~/web/login.server";

export const meta: MetaFunction = () => [
  { title: "Set up two-factor authentication — TradeLift" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Just enrolled (the page reloads after its form): the session exists now.
  const session = await getSessionUser(request);
  if (session) {
    const role = UserRole.safeParse(session.user.role);
    return { enrolment: null, home: role.success ? homePathFor(role.data) : "/" };
  }
  // The page rendered with the answer to its own form, without JavaScript: the request still
  // carries the pending state, whose account has just turned 2FA on.
  const pending = await readPendingLogin(request);
  if (pending?.next === "enrol" && (await accountForPendingLogin(prisma, { ...pending, next: "code" })))
    return { enrolment: null, home: pending.redirectTo };
  const { account } = await requirePendingLogin(request, "enrol");
  const enrolment = await startEnrolment(prisma, account);
  return { enrolment, home: null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { pending, account } = await requirePendingLogin(request, "enrol");
  const submission = parseWithZod(await formDataOf(request), { schema: ConfirmEnrolmentSchema });
  if (submission.status !== "success")
    return data(
      { errors: submission.error?.code ?? [], formErrors: [], recoveryCodes: null, next: null },
      { status: replyStatus(submission) },
    );
  const ip = clientIp(context);
  const outcome = await confirmEnrolment(prisma, { user: account, code: submission.value.code, ip });
  if (!outcome.ok)
    return data(
      { errors: [outcome.message], formErrors: [], recoveryCodes: null, next: null },
      { status: 400 },
    );
  await finishEnrolmentLogin(prisma, { user: account, ip });
  const headers = await sessionHeaders(request, { userId: account.id, ip });
  return data(
    { errors: [], formErrors: [], recoveryCodes: outcome.recoveryCodes, next: pending.redirectTo },
    { headers },
  );
}

export default function LoginEnrol() {
  const { enrolment, home } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.recoveryCodes)
    return (
      <div className="card card-medium">
        <h1>Two-factor authentication is on</h1>
        <p role="status">From now on, log-in asks for a code from your app after your password.</p>
        <RecoveryCodes codes={actionData.recoveryCodes} />
        <p>
          <Link className="button" to={actionData.next ?? home ?? "/"}>
            I have saved my recovery codes — continue
          </Link>
        </p>
      </div>
    );
  if (!enrolment)
    return (
      <div className="card card-narrow">
        <h1>Two-factor authentication is on</h1>
        <p>
          <Link to={home ?? "/"}>Continue</Link>
        </p>
      </div>
    );
  return (
    <div className="card card-medium">
      <h1>Set up two-factor authentication</h1>
      <p>
        Your account can see merchants' financial data, so it needs a second step at log-in: a code from an
        app on your phone. It takes a minute, and you can do nothing else before it is set up.
      </p>
      <EnrolAuthenticator
        enrolment={enrolment}
        errors={actionData?.errors}
        formErrors={actionData?.formErrors}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
