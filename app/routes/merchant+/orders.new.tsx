import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderForm } from "~/components/order-form";
import { exportOrderSchema } from "~/domain/orders/orders";
import { createOrder, DuplicatePoNumberError } from "~/domain/orders/orders.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Add an export order — TradeLift" }];

const todayString = () => new Date().toISOString().slice(0, 10);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return { today: todayString() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const schema = exportOrderSchema({ today: new Date(`${todayString()}T00:00:00.000Z`) });
  const submission = parseWithZod(await formDataOf(request), { schema });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: replyStatus(submission) });
  try {
    const order = await createOrder(prisma, {
      merchantId: actor.merchantId,
      order: submission.value,
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    return redirectWithToast(`/merchant/orders/${order.id}`, {
      kind: "success",
      title: `Order ${submission.value.poNumber} added`,
    });
  } catch (error) {
    if (error instanceof DuplicatePoNumberError) {
      return data(
        { result: submission.reply({ fieldErrors: { poNumber: [error.message] } }) },
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function NewOrder() {
  const { today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  return (
    <div className="card card-medium">
      <h1>Add an export order</h1>
      <OrderForm
        id="new-order"
        today={today}
        lastResult={lastResult}
        defaultValue={{ currency: "USD", orderDate: today, paymentTermDays: "0" }}
        submitLabel="Add order"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
