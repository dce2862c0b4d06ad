// The link of a sign-up e-mail: confirming the address creates the merchant's account and signs
// them in. Opening the link only shows a button, so a mail scanner following links cannot use it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/ui/submit-button";
import { confirmSignup, openSignupRequest } from "~/domain/accounts/accounts.server";
import { prisma } from "~/utils/db.server";
import { clientIp, userAgent } from "~/utils/request.server";
import { createSession } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [
  { title: "Confirm your e-mail address — TradeLift" },
  { name: "robots", content: "noindex" },
];

const GONE =
  "This link has expired or was already used. If you have confirmed your address, log in; otherwise sign up again.";

export async function loader({ params }: LoaderFunctionArgs) {
  const open = await openSignupRequest(prisma, params.token ?? "");
  if (!open) throw data({ message: GONE }, { status: 410 });
  return { email: open.email, businessName: open.businessName };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  const outcome = await confirmSignup(prisma, { token: params.token ?? "", ip });
  if (!outcome.ok) throw data({ message: GONE }, { status: 410 });
  const { setCookie } = await createSession(prisma, {
    userId: outcome.userId,
    ip,
    userAgent: userAgent(request),
  });
  return redirectWithToast(
    "/merchant/profile",
    {
      kind: "success",
      title: "Welcome to TradeLift",
      description: "Your address is confirmed. Tell us about your business to get started.",
    },
    { "Set-Cookie": setCookie },
  );
}

export default function VerifyEmail() {
  const { email, businessName } = useLoaderData<typeof loader>();
  return (
    <div className="card card-narrow">
      <h1>Confirm your e-mail address</h1>
      <p>
        Confirm that <strong>{email}</strong> is yours to create the TradeLift account of {businessName}.
      </p>
      <Form method="post">
        <SubmitButton name="intent" value="confirm" pendingLabel="Creating your account…">
          Confirm and create my account
        </SubmitButton>
      </Form>
      <p className="muted small">
        Already confirmed? <Link to="/login">Log in</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
