import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { ApplicationForm } from "~/components/application-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ApplicationSchema, DraftKeySchema } from "~/domain/applications/application";
import { ApplicationInputError, createDraft, draftForKey } from "~/domain/applications/applications.server";
import { orderPicker, pickerParams } from "~/domain/applications/orders-for-form.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Start an application — TradeLift" }];

const EMPTY = {
  amount: "",
  purpose: "",
  productTypeWanted: "ANY",
  tenorDays: "90",
  orderIds: [] as string[],
};

// The form's key lives in the page's address once shown, so the browser's Back button returns to
// the same key: the form shows the draft it saved, and saving again updates that draft.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const asked = DraftKeySchema.safeParse(new URL(request.url).searchParams.get("draftKey"));
  const saved = asked.success ? await draftForKey(prisma, actor.merchantId, asked.data) : null;
  const reuse = asked.success && (!saved || saved.status === "DRAFT");
  return {
    picker: await orderPicker(prisma, actor.merchantId, {
      ...pickerParams(new URL(request.url)),
      selectedIds: saved?.status === "DRAFT" ? saved.orders.map((o) => o.exportOrderId) : [],
    }),
    draftKey: reuse && asked.success ? asked.data : crypto.randomUUID(),
    sent: saved && saved.status !== "DRAFT" ? saved.id : null,
    draftId: saved?.status === "DRAFT" ? saved.id : null,
    values:
      saved?.status === "DRAFT"
        ? {
            amount: (saved.requestedAmountCents / 100).toFixed(2),
            purpose: saved.purpose,
            productTypeWanted: saved.productTypeWanted,
            tenorDays: String(saved.tenorDays),
            orderIds: saved.orders.map((o) => o.exportOrderId),
          }
        : EMPTY,
  };
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
      draftKey: submission.value.draftKey ?? null,
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    const to = `/merchant/applications/${draft.id}`;
    if (draft.status === "already-sent")
      return redirectWithToast(to, {
        kind: "info",
        title: "Already sent",
        description: "This form was saved and sent before; nothing was changed.",
      });
    return redirectWithToast(to, {
      kind: "success",
      title: draft.status === "updated" ? "Draft updated" : "Draft saved",
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
  const { picker, draftKey, values, sent, draftId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const location = useLocation();
  const navigate = useNavigate();
  // After an error the form keeps the key it was sent with (the typed values come back with it).
  const posted = lastResult?.initialValue?.draftKey;
  const key = typeof posted === "string" && posted ? posted : draftKey;
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (params.get("draftKey") === key) return;
    params.set("draftKey", key);
    navigate(`${location.pathname}?${params}`, { replace: true, preventScrollReset: true });
  }, [key, location.pathname, location.search, navigate]);
  return (
    <div className="card card-medium">
      <p>
        <Link to="/merchant/applications">← Applications</Link>
      </p>
      <h1>Start an application</h1>
      <p className="muted">
        Step 1 of 2: what you need. Nothing is sent to lenders until you confirm on the next page.
      </p>
      {sent ? (
        <p className="alert alert-info">
          {"The application this form saved was sent or discarded since: "}
          <Link to={`/merchant/applications/${sent}`}>see it</Link>
          {". Saving this form starts a new one."}
        </p>
      ) : null}
      {draftId ? (
        <p className="alert alert-info">
          {"You saved this form as a "}
          <Link to={`/merchant/applications/${draftId}`}>draft</Link>
          {"; saving it again updates that draft."}
        </p>
      ) : null}
      <ApplicationForm
        key={key}
        id="new-application"
        picker={picker}
        lastResult={lastResult}
        draftKey={key}
        defaultValue={values}
        submitLabel="Save and review"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
