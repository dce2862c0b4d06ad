import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Section1071Form, Section1071Notice } from "~/components/section-1071-form";
import { Section1071Schema } from "~/domain/section1071/questions";
import { getSavedAnswers, saveAnswers } from "~/domain/section1071/section1071.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Demographic information (optional) — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  return { answers: await getSavedAnswers(prisma, actor.merchantId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const submission = parseWithZod(await formDataOf(request), { schema: Section1071Schema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  await saveAnswers(prisma, {
    merchantId: actor.merchantId,
    answers: submission.value,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return redirectWithToast("/merchant", {
    kind: "success",
    title: "Thank you",
    description: "Your answers are saved for your next application and kept apart from what lenders see.",
  });
}

export default function Demographics() {
  const { answers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  return (
    <div className="card card-medium">
      <h1>Demographic information (optional)</h1>
      <Section1071Notice />
      <p className="muted">
        These answers are copied into each application when you send it. You can change them for an
        application you have sent from that application's page, until it ends.
      </p>
      <Section1071Form defaults={answers} lastResult={lastResult} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
