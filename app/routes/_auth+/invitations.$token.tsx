import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { acceptInvitation, findOpenInvitation } from "~/domain/accounts/invitations.server";
import { homePathFor, LENDER_MEMBER_ROLE_LABELS, UserRole } from "~/domain/accounts/roles";
import { AcceptInvitationSchema, PASSWORD_MIN_LENGTH } from "~/domain/accounts/schemas";
import { twoFactorRequired } from "~/domain/accounts/two-factor";
import { currentFingerprint } from "~/domain/accounts/two-factor.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { pendingLoginCookie } from "~/utils/pending-login.server";
import { clientIp, userAgent } from "~/utils/request.server";
import { createSession, getSessionUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [
  { title: "Accept your invitation — TradeLift" },
  { name: "robots", content: "noindex" },
];

const GONE =
  "This invitation link has expired, was revoked or was already used. Ask the person who invited you for a new one.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(prisma, params.token ?? "");
  if (!invitation) throw data({ message: GONE }, { status: 410 });
  const session = await getSessionUser(request);
  return {
    signedInAs: session?.user.email ?? null,
    invitation: {
      email: invitation.email,
      name: invitation.name,
      where:
        invitation.role === "ADMIN"
          ? "TradeLift as a platform administrator"
          : `${invitation.lenderOrg?.name ?? "a lender"} as ${LENDER_MEMBER_ROLE_LABELS[invitation.lenderRole as "ADMIN" | "UNDERWRITER"]?.toLowerCase() ?? "a member"}`,
      expiresAt: invitation.expiresAt.toISOString(),
    },
  };
}

const HIDDEN = ["password", "confirmPassword"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await formDataOf(request), { schema: AcceptInvitationSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: replyStatus(submission) });
  const ip = clientIp(context);
  const outcome = await acceptInvitation(prisma, { token: params.token ?? "", ...submission.value, ip });
  if (!outcome.ok) {
    const message =
      outcome.reason === "exists" ? "An account with this e-mail already exists. Log in instead." : GONE;
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: HIDDEN }) },
      { status: outcome.reason === "gone" ? 410 : 409 },
    );
  }
  const role = UserRole.parse(outcome.role);
  if (twoFactorRequired(role)) {
    // Staff set up their authenticator before their first session.
    const pending = await pendingLoginCookie({
      userId: outcome.userId,
      next: "enrol",
      redirectTo: homePathFor(role),
      fingerprint: await currentFingerprint(prisma, outcome.userId),
    });
    return redirect("/login/enrol", { headers: { "Set-Cookie": pending } });
  }
  const { setCookie } = await createSession(prisma, {
    userId: outcome.userId,
    ip,
    userAgent: userAgent(request),
  });
  return redirectWithToast(
    homePathFor(role),
    { kind: "success", title: "Welcome to TradeLift", description: "Your account is ready." },
    { "Set-Cookie": setCookie },
  );
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<z.input<typeof AcceptInvitationSchema>>({
    id: "accept-invitation",
    lastResult,
    defaultValue: { name: invitation.name },
  });
  return (
    <div className="card card-narrow">
      <h1>Join TradeLift</h1>
      <p>
        You were invited to join {invitation.where}. Your account will use <strong>{invitation.email}</strong>
        .
      </p>
      {signedInAs ? (
        <div className="alert alert-info">
          <p>
            You are signed in as {signedInAs}. Accepting signs you in as {invitation.email} instead.
          </p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <input type="text" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <Field
          label="Your full name"
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label="Choose a password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <Field
          label="Repeat the password"
          errors={fields.confirmPassword.errors}
          inputProps={{
            ...getInputProps(fields.confirmPassword, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <SubmitButton pendingLabel="Creating your account…">Accept and create account</SubmitButton>
      </Form>
      <p className="muted small">
        The link expires <When at={invitation.expiresAt} />. <Link to="/login">Log in</Link> if you already
        have an account.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
