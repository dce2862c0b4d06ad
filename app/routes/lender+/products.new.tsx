import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NEW_PRODUCT_DEFAULTS, ProductForm } from "~/components/product-form";
import { PartnerSuspendedError, partnerStatus } from "~/domain/lenders/lenders.server";
import { LenderProductSchema } from "~/domain/lenders/products";
import { createProduct } from "~/domain/lenders/products.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Add a product — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  return { suspended: (await partnerStatus(prisma, actor.lenderOrgId))?.status === "SUSPENDED" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireLender(request, { role: "ADMIN" });
  const submission = parseWithZod(await formDataOf(request), { schema: LenderProductSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  let product: { id: string };
  try {
    product = await createProduct(prisma, {
      lenderOrgId: actor.lenderOrgId,
      product: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
  } catch (error) {
    if (error instanceof PartnerSuspendedError)
      return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    throw error;
  }
  return redirectWithToast(`/lender/products/${product.id}`, {
    kind: "success",
    title: `${submission.value.name} is live`,
    description: "New applications that fit it are sent to you.",
  });
}

export default function NewProduct() {
  const { suspended } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  if (suspended) {
    return (
      <div className="card card-medium">
        <p>
          <Link to="/lender/products">← Products</Link>
        </p>
        <h1>Add a product</h1>
        <p className="alert alert-info">
          Your partnership with TradeLift is suspended: products cannot be added until it is reactivated.
        </p>
      </div>
    );
  }
  return (
    <div className="card card-medium">
      <p>
        <Link to="/lender/products">← Products</Link>
      </p>
      <h1>Add a product</h1>
      <ProductForm
        id="new-product"
        defaultValue={NEW_PRODUCT_DEFAULTS}
        lastResult={lastResult}
        submitLabel="Add product"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
