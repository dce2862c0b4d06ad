import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductForm } from "~/components/product-form";
import { StatusBadge } from "~/components/status-badge";
import { SubmitButton } from "~/components/ui/submit-button";
import { PartnerSuspendedError, partnerStatus } from "~/domain/lenders/lenders.server";
import { LenderProductSchema } from "~/domain/lenders/products";
import { getProductForm, setProductStatus, updateProduct } from "~/domain/lenders/products.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.product.values.name ?? "Product"} — TradeLift` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const product = await getProductForm(prisma, actor.lenderOrgId, params.productId ?? "");
  if (!product) notFound("This product does not exist.");
  const suspended = (await partnerStatus(prisma, actor.lenderOrgId))?.status === "SUSPENDED";
  return { product, suspended, canEdit: actor.lenderRole === "ADMIN" && !suspended };
}

function refused(error: unknown) {
  if (error instanceof PartnerSuspendedError)
    return data({ result: null, pageError: error.message }, { status: 409 });
  throw error;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Underwriters read products; only a lender admin changes them.
  const actor = await requireLender(request, { role: "ADMIN" });
  const productId = params.productId ?? "";
  const formData = await formDataOf(request);
  const base = {
    lenderOrgId: actor.lenderOrgId,
    productId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const intent = formData.get("intent");
  if (intent === "pause" || intent === "resume") {
    const changed = await setProductStatus(prisma, {
      ...base,
      status: intent === "pause" ? "PAUSED" : "ACTIVE",
    }).catch(refused);
    if (!("ok" in changed)) return changed;
    if (!changed.ok) {
      if (changed.reason === "not-found") notFound("This product does not exist.");
      return data({ result: null, pageError: changed.message }, { status: 409 });
    }
    return redirectWithToast(`/lender/products/${productId}`, {
      kind: "success",
      title: intent === "pause" ? "Product paused" : "Product active again",
      description:
        intent === "pause"
          ? "No new applications are sent for it; referrals already received stay."
          : "New applications that fit it are sent to you.",
    });
  }
  const submission = parseWithZod(formData, { schema: LenderProductSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  const saved = await updateProduct(prisma, { ...base, product: submission.value }).catch(refused);
  if (typeof saved !== "boolean") return saved;
  if (!saved) notFound("This product does not exist.");
  return redirectWithToast(`/lender/products/${productId}`, { kind: "success", title: "Product saved" });
}

export default function ProductDetail() {
  const { product, canEdit, suspended } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result ?? undefined;
  const pageError = actionData && "pageError" in actionData ? actionData.pageError : null;
  return (
    <div className="card card-medium">
      <p>
        <Link to="/lender/products">← Products</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{product.values.name}</h1>
          <p>
            <StatusBadge status={product.status} />
          </p>
        </div>
        {canEdit ? (
          <Form method="post">
            {product.status === "ACTIVE" ? (
              <SubmitButton name="intent" value="pause" className="button-secondary" pendingLabel="Pausing…">
                Pause product
              </SubmitButton>
            ) : (
              <SubmitButton name="intent" value="resume" pendingLabel="Resuming…">
                Resume product
              </SubmitButton>
            )}
          </Form>
        ) : null}
      </div>
      {pageError ? (
        <div className="alert alert-error" role="alert">
          <p>{pageError}</p>
        </div>
      ) : null}
      {suspended ? (
        <p className="alert alert-info">
          Your partnership with TradeLift is suspended: products cannot be changed, paused or resumed until it
          is reactivated.
        </p>
      ) : canEdit ? null : (
        <p className="alert alert-info">Only your lender admin can change products.</p>
      )}
      <ProductForm
        id="edit-product"
        defaultValue={product.values}
        lastResult={lastResult}
        submitLabel="Save product"
        disabled={!canEdit}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
