import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MoneyWithUsd } from "~/components/money-with-usd";
import { OrderForm } from "~/components/order-form";
import { Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { tryToUsdCents } from "~/domain/fx";
import { minorToDecimalString } from "~/domain/money";
import {
  expectedPaymentDate,
  exportOrderSchema,
  INCOTERM_LABELS,
  type Incoterm,
  isOrderFinal,
  ORDER_STATUS_LABELS,
  ORDER_TRANSITIONS,
  type OrderStatus,
  PAYMENT_TERM_LABELS,
  type PaymentTerm,
  StatusChangeSchema,
} from "~/domain/orders/orders";
import {
  changeOrderStatus,
  DuplicatePoNumberError,
  getOrder,
  loadFxTable,
  OrderLockedError,
  updateOrder,
} from "~/domain/orders/orders.server";
import { countryName } from "~/domain/reference/countries";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Order ${data?.order.poNumber ?? ""} — TradeLift` },
];

const todayString = () => new Date().toISOString().slice(0, 10);
const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const order = await getOrder(prisma, actor.merchantId, params.orderId ?? "");
  if (!order) notFound("This order does not exist.");
  const rates = await loadFxTable(prisma);
  const usd = tryToUsdCents(order.amountCents, order.currency, rates);
  const rate = rates.get(order.currency);
  return {
    today: todayString(),
    order: { ...order, amountCents: order.amountCents.toString() },
    usdCents: usd === null ? null : usd.toString(),
    rateAsOf: rate ? day(rate.asOfDate) : null,
    expectedPayment: day(expectedPaymentDate(order)),
    next: ORDER_TRANSITIONS[order.status as OrderStatus] ?? [],
    formValues: {
      poNumber: order.poNumber,
      buyerName: order.buyerName,
      buyerCountry: order.buyerCountry,
      currency: order.currency,
      amount: minorToDecimalString(order.amountCents, order.currency),
      orderDate: day(order.orderDate),
      expectedShipDate: day(order.expectedShipDate),
      paymentTerm: order.paymentTerm,
      paymentTermDays: String(order.paymentTermDays),
      incoterm: order.incoterm,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const orderId = params.orderId ?? "";
  const formData = await formDataOf(request);
  const base = {
    merchantId: actor.merchantId,
    orderId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const intent = singleValue(formData, "intent");
  const pageError = (status: number, error: string) =>
    data({ form: "page" as const, result: null, error }, { status });
  if (intent !== "status" && intent !== "save")
    return pageError(400, "That is not something this page can do. Reload it and try again.");
  const current = await prisma.exportOrder.findFirst({
    where: { id: orderId, merchantId: actor.merchantId },
    select: { status: true },
  });
  if (!current) notFound("This order does not exist.");
  if (intent === "status" && isOrderFinal(current.status))
    return pageError(409, "This order's status is final: it can no longer change.");
  if (intent === "save" && isOrderFinal(current.status))
    return pageError(409, "A paid or cancelled order can no longer be edited.");
  if (intent === "status") {
    const submission = parseWithZod(formData, { schema: StatusChangeSchema });
    if (submission.status !== "success")
      return data(
        { form: "status" as const, result: submission.reply() },
        { status: replyStatus(submission) },
      );
    const outcome = await changeOrderStatus(prisma, {
      ...base,
      to: submission.value.status,
      ...submission.value,
    });
    if (!outcome.ok) {
      if (outcome.reason === "not-found") notFound("This order does not exist.");
      const message =
        outcome.reason === "conflict"
          ? "The order changed in the meantime; reload the page."
          : `An order that is ${ORDER_STATUS_LABELS[outcome.from as OrderStatus]?.toLowerCase() ?? outcome.from} cannot become ${ORDER_STATUS_LABELS[submission.value.status].toLowerCase()}.`;
      return data(
        { form: "status" as const, result: submission.reply({ fieldErrors: { status: [message] } }) },
        { status: 409 },
      );
    }
    return redirectWithToast(`/merchant/orders/${orderId}`, {
      kind: "success",
      title: `Marked ${ORDER_STATUS_LABELS[submission.value.status].toLowerCase()}`,
    });
  }
  const schema = exportOrderSchema({ today: new Date(`${todayString()}T00:00:00.000Z`) });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success")
    return data({ form: "order" as const, result: submission.reply() }, { status: replyStatus(submission) });
  try {
    if (!(await updateOrder(prisma, { ...base, order: submission.value })))
      notFound("This order does not exist.");
  } catch (error) {
    if (error instanceof DuplicatePoNumberError) {
      return data(
        { form: "order" as const, result: submission.reply({ fieldErrors: { poNumber: [error.message] } }) },
        { status: 400 },
      );
    }
    if (error instanceof OrderLockedError) {
      return data(
        { form: "order" as const, result: submission.reply({ formErrors: [error.message] }) },
        { status: 409 },
      );
    }
    throw error;
  }
  return redirectWithToast(`/merchant/orders/${orderId}`, { kind: "success", title: "Order saved" });
}

function StatusForm({
  next,
  lastResult,
}: {
  next: readonly string[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: "order-status",
    lastResult,
    defaultValue: { status: next[0] ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusChangeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const chosen = fields.status.value ?? next[0];
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="status" />
      <SelectField
        label="New status"
        options={next.map((status) => ({
          value: status,
          label: ORDER_STATUS_LABELS[status as OrderStatus] ?? status,
        }))}
        errors={fields.status.errors}
        selectProps={getSelectProps(fields.status)}
      />
      {chosen === "INVOICED" ? (
        <div className="field-row">
          <Field
            label="Invoice number"
            errors={fields.invoiceNumber.errors}
            inputProps={getInputProps(fields.invoiceNumber, { type: "text" })}
          />
          <Field
            label="Invoice date"
            errors={fields.invoiceDate.errors}
            inputProps={getInputProps(fields.invoiceDate, { type: "date" })}
          />
        </div>
      ) : null}
      {chosen === "PAID" ? (
        <Field
          label="Date the buyer paid"
          errors={fields.paidDate.errors}
          inputProps={getInputProps(fields.paidDate, { type: "date" })}
        />
      ) : null}
      <SubmitButton pendingLabel="Saving…">Change status</SubmitButton>
    </Form>
  );
}

export default function OrderDetail() {
  const { order, usdCents, rateAsOf, expectedPayment, next, formValues, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locked = isOrderFinal(order.status);
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/merchant/orders">← Export orders</Link>
          </p>
          <h1>Order {order.poNumber}</h1>
          <p>
            {order.buyerName}, {countryName(order.buyerCountry)} ·{" "}
            <span className={`badge status-${order.status.toLowerCase()}`}>
              {ORDER_STATUS_LABELS[order.status as OrderStatus] ?? order.status}
            </span>
          </p>
        </div>
      </div>
      {actionData?.form === "page" ? <FormAlert errors={[actionData.error]} /> : null}
      <div className="grid grid-2">
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">Summary</h2>
          <dl className="details">
            <dt>Amount</dt>
            <dd>
              <MoneyWithUsd
                amountMinor={order.amountCents}
                currency={order.currency}
                usdCents={usdCents}
                rateAsOf={rateAsOf}
              />
            </dd>
            <dt>Payment term</dt>
            <dd>
              {PAYMENT_TERM_LABELS[order.paymentTerm as PaymentTerm] ?? order.paymentTerm}
              {order.paymentTermDays > 0 ? `, ${order.paymentTermDays} days` : ""}
            </dd>
            <dt>Incoterm</dt>
            <dd>{INCOTERM_LABELS[order.incoterm as Incoterm] ?? order.incoterm}</dd>
            <dt>Ordered</dt>
            <dd>{day(order.orderDate)}</dd>
            <dt>Expected ship date</dt>
            <dd>{day(order.expectedShipDate) || "—"}</dd>
            {order.invoiceNumber ? (
              <>
                <dt>Invoice</dt>
                <dd>
                  {order.invoiceNumber} of {day(order.invoiceDate)}
                </dd>
              </>
            ) : null}
            <dt>{order.status === "PAID" ? "Paid" : "Payment expected"}</dt>
            <dd>
              {order.status === "PAID"
                ? day(order.paidDate)
                : order.status === "CANCELLED"
                  ? "—"
                  : expectedPayment}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          {next.length === 0 ? (
            <p className="muted">
              This order is {ORDER_STATUS_LABELS[order.status as OrderStatus]?.toLowerCase()}: its status is
              final.
            </p>
          ) : (
            <StatusForm
              next={next}
              lastResult={actionData?.form === "status" ? actionData.result : undefined}
            />
          )}
        </section>
      </div>
      {locked ? null : (
        <section className="card card-medium" aria-labelledby="edit-title">
          <h2 id="edit-title">Edit the order</h2>
          <OrderForm
            id="edit-order"
            today={today}
            defaultValue={formValues}
            lastResult={actionData?.form === "order" ? actionData.result : undefined}
            submitLabel="Save order"
          />
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
