import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/ui/submit-button";
import { openLink, unlockWithLink } from "~/domain/accounts/recovery.server";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [
  { title: "Unlock log-in — TradeLift" },
  { name: "robots", content: "noindex" },
];

const GONE = "This unlock link has expired or was already used. You can still reset your password.";

// Opening the link only shows a button: mail scanners that follow links must not use it up.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await openLink(prisma, { token: params.token ?? "", purpose: "UNLOCK" });
  if (!link) throw data({ message: GONE }, { status: 410 });
  return { email: link.email };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const outcome = await unlockWithLink(prisma, { token: params.token ?? "", ip: clientIp(context) });
  if (!outcome.ok) throw data({ message: GONE }, { status: 410 });
  return redirectWithToast("/login", {
    kind: "success",
    title: "Log-in unlocked",
    description:
      "The failed attempts are forgotten. If they were not yours, change your password once you are in.",
  });
}

export default function Unlock() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="card card-narrow">
      <h1>Unlock log-in</h1>
      <p>
        Failed log-ins slowed or paused log-in to <strong>{email}</strong>. Unlocking forgets them, from every
        network.
      </p>
      <Form method="post">
        <SubmitButton name="intent" value="unlock" pendingLabel="Unlocking…">
          Unlock log-in
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
