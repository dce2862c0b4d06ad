import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { ApplicationSchema } from "~/domain/applications/application";
import { PRODUCT_TYPE_LABELS, PRODUCT_TYPES } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { countryName } from "~/domain/reference/countries";

export type ApplicationFormValues = {
  amount: string;
  purpose: string;
  productTypeWanted: string;
  tenorDays: string;
  orderIds: string[];
};
export type OpenOrder = {
  id: string;
  poNumber: string;
  buyerName: string;
  buyerCountry: string;
  amountCents: string;
  currency: string;
  usdCents: string | null;
  /** Held by a live application or a funded deal: shown, not selectable. */
  unavailable?: { applicationId: string | null; reason: string } | null;
};

const TYPE_OPTIONS = [
  { value: "ANY", label: "Any kind — let lenders propose" },
  ...PRODUCT_TYPES.map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] })),
];

export function ApplicationForm({
  id,
  orders,
  defaultValue,
  lastResult,
  submitLabel,
  intent,
  draftKey,
}: {
  id: string;
  orders: readonly OpenOrder[];
  defaultValue: ApplicationFormValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  intent?: string;
  /** The new-application form's key: posting it again updates the same draft. */
  draftKey?: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplicationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const chosen = new Set([fields.orderIds.value].flat().filter((v): v is string => typeof v === "string"));
  const totalUsd = orders
    .filter((o) => chosen.has(o.id) && !o.unavailable)
    .reduce((sum, o) => sum + (o.usdCents ? BigInt(o.usdCents) : 0n), 0n);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {draftKey ? <input type="hidden" name="draftKey" value={draftKey} /> : null}
      <div className="field-row">
        <Field
          label="Amount (USD)"
          errors={fields.amount.errors}
          inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
        />
        <Field
          label="Days until you can repay"
          hint="For an order: until your buyer pays you."
          errors={fields.tenorDays.errors}
          inputProps={{ ...getInputProps(fields.tenorDays, { type: "text" }), inputMode: "numeric" }}
        />
      </div>
      <SelectField
        label="Kind of financing"
        options={TYPE_OPTIONS}
        errors={fields.productTypeWanted.errors}
        selectProps={getSelectProps(fields.productTypeWanted)}
      />
      <TextareaField
        label="What the money is for"
        hint="For example: materials and freight for the Yamato order shipping in January."
        errors={fields.purpose.errors}
        textareaProps={getTextareaProps(fields.purpose)}
      />
      <fieldset aria-describedby={fields.orderIds.errors?.length ? fields.orderIds.errorId : undefined}>
        <legend>Export orders this finances (optional)</legend>
        {orders.length === 0 ? (
          <p className="muted small">
            No open orders on file. <Link to="/merchant/orders/new">Add the order</Link> this financing is
            for: lenders of purchase-order and invoice financing need it.
          </p>
        ) : (
          <>
            {orders.map((order) => (
              <label className={`choice${order.unavailable ? " choice-disabled" : ""}`} key={order.id}>
                <input
                  type="checkbox"
                  name="orderIds"
                  value={order.id}
                  defaultChecked={!order.unavailable && chosen.has(order.id)}
                  disabled={Boolean(order.unavailable)}
                  aria-describedby={order.unavailable ? `unavailable-${order.id}` : undefined}
                />
                <span>
                  {`${order.poNumber} — ${order.buyerName}, ${countryName(order.buyerCountry)} — ${formatMoney(BigInt(order.amountCents), order.currency)}${order.currency !== "USD" && order.usdCents ? ` (≈ ${formatMoney(BigInt(order.usdCents), "USD", { whole: true })})` : ""}`}
                  {order.unavailable ? (
                    <span className="muted small" id={`unavailable-${order.id}`}>
                      {" Unavailable: "}
                      {order.unavailable.applicationId ? (
                        <Link to={`/merchant/applications/${order.unavailable.applicationId}`}>
                          {order.unavailable.reason}
                        </Link>
                      ) : (
                        order.unavailable.reason
                      )}
                      .
                    </span>
                  ) : null}
                </span>
              </label>
            ))}
            <p className="muted small">{`Selected orders: ${formatMoney(totalUsd, "USD", { whole: true })} in US dollars.`}</p>
          </>
        )}
        <ErrorList id={fields.orderIds.errorId} errors={fields.orderIds.errors} />
      </fieldset>
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
