import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { PRODUCT_TYPE_LABELS, PRODUCT_TYPES } from "~/domain/lenders/products";
import { openOrdersForPreview, previewOptions } from "~/domain/matching/options.server";
import { PreviewSchema } from "~/domain/matching/preview";
import { formatMoney } from "~/domain/money";
import { countryName } from "~/domain/reference/countries";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Check your options — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const url = new URL(request.url);
  const base = { orders: await openOrdersForPreview(prisma, actor.merchantId) };
  if (!url.searchParams.has("amount")) return { ...base, result: null, outcome: null };
  const submission = parseWithZod(url.searchParams, { schema: PreviewSchema });
  if (submission.status !== "success") return { ...base, result: submission.reply(), outcome: null };
  const outcome = await previewOptions(prisma, { merchantId: actor.merchantId, preview: submission.value });
  if (!outcome.ok) {
    const result = outcome.field
      ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
      : submission.reply({ formErrors: [outcome.message] });
    return { ...base, result, outcome: null };
  }
  const { ok: _ok, ...counts } = outcome;
  return { ...base, result: submission.reply(), outcome: counts };
}

const TYPE_OPTIONS = [
  { value: "ANY", label: "Any kind" },
  ...PRODUCT_TYPES.map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] })),
];

export default function Options() {
  const { orders, result, outcome } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<z.input<typeof PreviewSchema>>({
    id: "options",
    lastResult: result,
    defaultValue: { productType: "ANY", tenorDays: "90" },
  });
  const chosenIds = [fields.orderIds.value].flat().filter((id): id is string => typeof id === "string");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Check your options</h1>
          <p>
            See how many of our lending partners would consider an application, before you apply. Nothing is
            sent to anyone.
          </p>
        </div>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="ask-title">
          <h2 id="ask-title">What you need</h2>
          <Form method="get" {...getFormProps(form)}>
            <FormAlert id={form.errorId} errors={form.errors} />
            <Field
              label="Amount (USD)"
              errors={fields.amount.errors}
              inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
            />
            <SelectField
              label="Kind of financing"
              options={TYPE_OPTIONS}
              errors={fields.productType.errors}
              selectProps={getSelectProps(fields.productType)}
            />
            <Field
              label="Days until you can repay"
              hint="For an order: until your buyer pays you."
              errors={fields.tenorDays.errors}
              inputProps={{ ...getInputProps(fields.tenorDays, { type: "text" }), inputMode: "numeric" }}
            />
            <fieldset>
              <legend>Export orders it would finance (optional)</legend>
              {orders.length === 0 ? (
                <p className="muted small">
                  No open orders. <Link to="/merchant/orders/new">Add one</Link> to finance a specific order.
                </p>
              ) : (
                orders.map((order) => (
                  <label className="choice" key={order.id}>
                    <input
                      type="checkbox"
                      name="orderIds"
                      value={order.id}
                      defaultChecked={chosenIds.includes(order.id)}
                    />
                    <span>{`${order.poNumber} — ${order.buyerName}, ${countryName(order.buyerCountry)} — ${formatMoney(BigInt(order.amountCents), order.currency)}`}</span>
                  </label>
                ))
              )}
            </fieldset>
            <SubmitButton pendingLabel="Checking…">Check</SubmitButton>
          </Form>
        </section>
        <section className="card" aria-labelledby="answer-title" aria-live="polite">
          <h2 id="answer-title">Who would consider it</h2>
          {outcome === null ? (
            <p className="muted">Fill in what you need and press Check.</p>
          ) : outcome.partners > 0 ? (
            <p className="big-number">
              {`${outcome.partners} lending partner${outcome.partners === 1 ? "" : "s"} would consider this application`}
              <span className="muted small">{` (${outcome.products} product${outcome.products === 1 ? "" : "s"}).`}</span>
            </p>
          ) : (
            <>
              <p className="big-number">No lending partner would consider this application as it stands.</p>
              <p className="muted">
                {outcome.scoreable
                  ? "Try another amount, term or kind of financing, or see what would raise your score."
                  : "You need a Trade Readiness Score first: connect your bank account."}{" "}
                <Link to="/merchant/score">See your score</Link>.
              </p>
            </>
          )}
          {outcome !== null && outcome.reasons.length > 0 ? (
            <>
              <h3>{outcome.partners > 0 ? "Why other products would not" : "What stands in the way"}</h3>
              <ul>
                {outcome.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted small">
            Partners decide after reviewing the full application; this count is not an offer.
          </p>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
