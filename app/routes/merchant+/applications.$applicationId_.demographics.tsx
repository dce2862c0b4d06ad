import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Section1071Answers } from "~/components/section-1071-answers";
import { Section1071Form, Section1071Notice } from "~/components/section-1071-form";
import { Section1071Schema } from "~/domain/section1071/questions";
import { getApplicationAnswers, saveApplicationAnswers } from "~/domain/section1071/section1071.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Demographic information (optional) — TradeLift" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const found = await getApplicationAnswers(prisma, {
    merchantId: actor.merchantId,
    applicationId: params.applicationId ?? "",
  });
  if (!found) notFound("This application does not exist.");
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const applicationId = params.applicationId ?? "";
  const submission = parseWithZod(await formDataOf(request), { schema: Section1071Schema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  const outcome = await saveApplicationAnswers(prisma, {
    merchantId: actor.merchantId,
    applicationId,
    answers: submission.value,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!outcome.ok && outcome.reason === "not-found") notFound("This application does not exist.");
  if (!outcome.ok)
    return data({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 409 });
  return redirectWithToast(`/merchant/applications/${applicationId}`, {
    kind: "success",
    title: "Answers saved",
    description:
      outcome.source === "saved"
        ? "They will be copied into this application when you send it; lenders never see them."
        : "They replace this application's answers; lenders never see them.",
  });
}

export default function ApplicationDemographics() {
  const { application, answers, editable, source } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const back = `/merchant/applications/${application.id}`;
  return (
    <div className="card card-medium">
      <p>
        <Link to={back}>← Back to the application</Link>
      </p>
      <h1>Demographic information for this application (optional)</h1>
      <Section1071Notice />
      {editable ? (
        <>
          <p className="muted">
            {source === "saved"
              ? "Your answers are copied into this application when you send it. You may skip any question, or all of them."
              : "These are the answers sent with this application. You may change them until the application ends."}
          </p>
          <Section1071Form defaults={answers} lastResult={lastResult} />
        </>
      ) : (
        <>
          <p className="muted">
            {source === "none"
              ? "This application was sent before answers were kept for each application: it has none."
              : "This application has ended: its answers are kept as they were."}
          </p>
          {source === "none" ? null : <Section1071Answers answers={answers} />}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
