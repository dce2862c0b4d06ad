import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationForm } from "~/components/application-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ApplicationSchema } from "~/domain/applications/application";
import { ApplicationInputError, createDraft } from "~/domain/applications/applications.server";
import { openOrdersForApplication } from "~/domain/applications/orders-for-form.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Start an application — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  return { orders: await openOrdersForApplication(prisma, actor.merchantId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const submission = parseWithZod(await formDataOf(request), { schema: ApplicationSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  try {
    const draft = await createDraft(prisma, {
      merchantId: actor.merchantId,
      application: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    return redirectWithToast(`/merchant/applications/${draft.id}`, {
      kind: "success",
      title: "Draft saved",
      description: "Review it, then send it to the lenders.",
    });
  } catch (error) {
    if (error instanceof ApplicationInputError) {
      return data(
        { result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) },
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function NewApplication() {
  const { orders } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  return (
    <div className="card card-medium">
      <p>
        <Link to="/merchant/applications">← Applications</Link>
      </p>
      <h1>Start an application</h1>
      <p className="muted">
        Step 1 of 2: what you need. Nothing is sent to lenders until you confirm on the next page.
      </p>
      <ApplicationForm
        id="new-application"
        orders={orders}
        lastResult={lastResult}
        defaultValue={{ amount: "", purpose: "", productTypeWanted: "ANY", tenorDays: "90", orderIds: [] }}
        submitLabel="Save and review"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
