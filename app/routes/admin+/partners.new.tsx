import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PartnerForm } from "~/components/partner-form";
import { createLenderPartner, DuplicatePartnerError } from "~/domain/lenders/lenders.server";
import { LenderPartnerSchema } from "~/domain/lenders/partners";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Add a lender partner — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = parseWithZod(await formDataOf(request), { schema: LenderPartnerSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  try {
    const partner = await createLenderPartner(prisma, {
      partner: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    return redirectWithToast(`/admin/partners/${partner.id}`, {
      kind: "success",
      title: "Partner created",
      description: "Invite its first user to set up its products.",
    });
  } catch (error) {
    if (error instanceof DuplicatePartnerError) {
      return data({ result: submission.reply({ fieldErrors: { name: [error.message] } }) }, { status: 400 });
    }
    throw error;
  }
}

export default function NewPartner() {
  const lastResult = useActionData<typeof action>()?.result;
  return (
    <div className="card card-medium">
      <h1>Add a lender partner</h1>
      <p className="muted">The partner starts as pending. Invite its admin next; it sets up the products.</p>
      <PartnerForm id="new-partner" lastResult={lastResult} submitLabel="Create partner" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
