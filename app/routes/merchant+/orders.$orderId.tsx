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
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MoneyWithUsd } from "~/components/money-with-usd";
import { OrderForm } from "~/components/order-form";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { tryToUsdCents } from "~/domain/fx";
import { minorToDecimalString } from "~/domain/money";
import { holdingApplicationText } from "~/domain/orders/financing";
import {
  CancelOrderSchema,
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
  cancelOrder,
  changeOrderStatus,
  DuplicatePoNumberError,
  deleteOrder,
  getOrder,
  heldOrderMessage,
  loadFxTable,
  OrderLockedError,
  orderHold,
  updateOrder,
} from "~/domain/orders/orders.server";
import { countryName } from "~/domain/reference/countries";
import { isEmbargoed, notFinanceableText } from "~/domain/sanctions/embargo";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";
import { revalidateAfterConflict } from "~/web/revalidate";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Order ${data?.order.poNumber ?? ""} — TradeLift` },
];

const todayString = () => new Date().toISOString().slice(0, 10);
const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const order = await getOrder(prisma, actor.merchantId, params.orderId ?? "");
  if (!order) notFound("This order does not exist.");
  const [rates, hold] = await Promise.all([
    loadFxTable(prisma),
    orderHold(prisma, actor.merchantId, order.id),
  ]);
  const usd = tryToUsdCents(order.amountCents, order.currency, rates);
  const rate = rates.get(order.currency);
  return {
    today: todayString(),
    order: { ...order, amountCents: order.amountCents.toString() },
    hold: hold
      ? {
          applicationId: hold.applicationId,
          text: holdingApplicationText(hold),
          message: heldOrderMessage(hold),
        }
      : null,
    usdCents: usd === null ? null : usd.toString(),
    rateAsOf: rate ? day(rate.asOfDate) : null,
    expectedPayment: day(expectedPaymentDate(order)),
    notFinanceable: isEmbargoed(order) ? notFinanceableText(order) : null,
    // Cancelling has its own step, with a reason.
    next: (ORDER_TRANSITIONS[order.status as OrderStatus] ?? []).filter((s) => s !== "CANCELLED"),
    formValues: {
      poNumber: order.poNumber,
      buyerName: order.buyerName,
      buyerCountry: order.buyerCountry,
      buyerRegion: order.buyerRegion ?? "",
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
  if (intent !== "status" && intent !== "save" && intent !== "cancel" && intent !== "delete")
    return pageError(400, "That is not something this page can do. Reload it and try again.");
  const current = await getOrder(prisma, actor.merchantId, orderId);
  if (!current) notFound("This order does not exist.");
  if (isOrderFinal(current.status))
    return pageError(
      409,
      intent === "status"
        ? "This order's status is final: it can no longer change."
        : `This order is ${ORDER_STATUS_LABELS[current.status as OrderStatus]?.toLowerCase() ?? current.status}: it can no longer be changed.`,
    );
  if (intent === "cancel") {
    const submission = parseWithZod(formData, { schema: CancelOrderSchema });
    if (submission.status !== "success")
      return data(
        { form: "cancel" as const, result: submission.reply() },
        { status: replyStatus(submission) },
      );
    const outcome = await cancelOrder(prisma, { ...base, reason: submission.value.reason });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This order does not exist.");
    if (!outcome.ok) return pageError(409, "The order changed in the meantime; reload the page.");
    return redirectWithToast(`/merchant/orders/${orderId}`, {
      kind: "success",
      title: "Order cancelled",
      description:
        outcome.lendersTold > 0
          ? "The lenders financing it were told, with your reason."
          : "It stays on file as cancelled.",
    });
  }
  if (intent === "delete") {
    if (singleValue(formData, "confirmed") !== "yes")
      return pageError(400, "Confirm that you want to delete the order.");
    const outcome = await deleteOrder(prisma, base);
    if (!outcome.ok && outcome.reason === "not-found") notFound("This order does not exist.");
    if (!outcome.ok) return pageError(409, outcome.message);
    return redirectWithToast("/merchant/orders", { kind: "success", title: "Order deleted" });
  }
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
  const hold = await orderHold(prisma, actor.merchantId, orderId);
  if (hold) return pageError(409, heldOrderMessage(hold));
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
    if (error instanceof OrderLockedError) return pageError(409, error.message);
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
  const [form, fields] = useForm<z.input<typeof StatusChangeSchema>>({
    id: "order-status",
    lastResult,
    defaultValue: { status: next[0] ?? "" },
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
  const { order, hold, usdCents, rateAsOf, expectedPayment, next, formValues, today, notFinanceable } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const final = isOrderFinal(order.status);
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
            {notFinanceable ? <span className="badge status-declined">{notFinanceable}</span> : null}
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
      {order.status === "CANCELLED" ? (
        <section className="card card-medium" aria-labelledby="cancelled-title">
          <h2 id="cancelled-title">Cancelled</h2>
          <p>
            {`You cancelled this order${order.cancelledAt ? ` on ${day(order.cancelledAt)}` : ""}${order.cancelReason ? `: ${order.cancelReason.replace(/\.$/, "")}` : ""}.`}
            {hold ? (
              <>
                {" It is in "}
                <Link to={`/merchant/applications/${hold.applicationId}`}>{hold.text}</Link>
                {"; TradeLift told the lenders financing it, with your reason."}
              </>
            ) : null}
          </p>
        </section>
      ) : hold ? (
        <section className="card card-medium" aria-labelledby="locked-title">
          <h2 id="locked-title">Financed: its terms are locked</h2>
          <p>
            {"This order is in "}
            <Link to={`/merchant/applications/${hold.applicationId}`}>{hold.text}</Link>
            {
              ". Its buyer, country, PO number, amount, currency, dates, payment term and Incoterm can no longer change, and it cannot be deleted. Record its shipment, invoice and payment above as they happen, or cancel it."
            }
          </p>
        </section>
      ) : null}
      {final || hold ? null : (
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
      {final ? null : (
        <section className="card card-medium" aria-labelledby="end-title">
          <h2 id="end-title">Cancel or delete</h2>
          <ConfirmAction
            label="Cancel this order…"
            intent="cancel"
            confirmLabel="Yes, cancel the order"
            pendingLabel="Cancelling…"
            defaultOpen={actionData?.form === "cancel"}
            consequence={
              hold
                ? "The order stays on file as cancelled, with your reason. The lenders financing it are told at once."
                : "The order stays on file as cancelled, with your reason. This cannot be undone."
            }
          >
            <CancelReason lastResult={actionData?.form === "cancel" ? actionData.result : undefined} />
          </ConfirmAction>
          {hold ? null : (
            <ConfirmAction
              label="Delete the order"
              intent="delete"
              confirmLabel="Yes, delete it"
              pendingLabel="Deleting…"
              consequence="Only for an order entered by mistake: it is removed, and from any draft that lists it. An order that was part of an application sent to lenders cannot be deleted."
            />
          )}
        </section>
      )}
    </>
  );
}

function CancelReason({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<z.input<typeof CancelOrderSchema>>({
    id: "cancel-order",
    lastResult,
  });
  return (
    <>
      <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(fields.confirmed.errors ?? [])]} />
      <TextareaField
        label="Why is the order cancelled?"
        errors={fields.reason.errors}
        textareaProps={{ name: fields.reason.name, id: fields.reason.id, required: true, maxLength: 500 }}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const shouldRevalidate = revalidateAfterConflict;
