import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import type { ApplicationSchema } from "~/domain/applications/application";
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

/** What the order picker shows: the chosen orders, then one page of the others (orders-for-form.server.ts). */
export type OrderPickerView = {
  selected: readonly OpenOrder[];
  results: readonly OpenOrder[];
  total: number;
  page: number;
  pageCount: number;
  query: string;
};

export function ApplicationForm({
  id,
  picker,
  defaultValue,
  lastResult,
  submitLabel,
  intent,
  draftKey,
}: {
  id: string;
  picker: OrderPickerView;
  defaultValue: ApplicationFormValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  intent?: string;
  /** The new-application form's key: posting it again updates the same draft. */
  draftKey?: string;
}) {
  const [form, fields] = useForm<z.input<typeof ApplicationSchema>>({
    id,
    lastResult,
    defaultValue,
  });
  const posted = new Set([fields.orderIds.value].flat().filter((v): v is string => typeof v === "string"));
  // The chosen orders stay chosen while the merchant searches and pages through the others: they
  // are kept here and listed first, whatever the page shows.
  const [picked, setPicked] = useState(
    () =>
      new Map(
        [...picker.selected, ...picker.results]
          .filter((o) => !o.unavailable && (posted.has(o.id) || picker.selected.includes(o)))
          .map((o) => [o.id, o]),
      ),
  );
  const toggle = (order: OpenOrder, on: boolean) =>
    setPicked((current) => {
      const next = new Map(current);
      if (on) next.set(order.id, order);
      else next.delete(order.id);
      return next;
    });
  const listed = [...picked.values(), ...picker.results.filter((o) => !picked.has(o.id))];
  const totalUsd = [...picked.values()].reduce((sum, o) => sum + (o.usdCents ? BigInt(o.usdCents) : 0n), 0n);
  const nothingOnFile = picker.total === 0 && picker.selected.length === 0 && !picker.query;
  return (
    <>
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
          {nothingOnFile ? (
            <p className="muted small">
              No open orders on file. <Link to="/merchant/orders/new">Add the order</Link> this financing is
              for: lenders of purchase-order and invoice financing need it.
            </p>
          ) : (
            <>
              <div className="order-search">
                <label htmlFor={`${id}-order-search`}>Find an order by PO number or buyer</label>
                <div className="inline-fields">
                  <input
                    id={`${id}-order-search`}
                    type="search"
                    className="order-search-input"
                    name="orderQ"
                    form={`${id}-order-search-form`}
                    defaultValue={picker.query}
                  />
                  <button type="submit" className="button button-secondary" form={`${id}-order-search-form`}>
                    Find
                  </button>
                </div>
              </div>
              {listed.length === 0 ? (
                <p className="muted small" role="status">{`No open order matches “${picker.query}”.`}</p>
              ) : null}
              {listed.map((order) => (
                <label className={`choice${order.unavailable ? " choice-disabled" : ""}`} key={order.id}>
                  <input
                    type="checkbox"
                    name="orderIds"
                    value={order.id}
                    checked={!order.unavailable && picked.has(order.id)}
                    onChange={(event) => toggle(order, event.currentTarget.checked)}
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
              <PickerPages picker={picker} />
              <p
                className="muted small"
                aria-live="polite"
              >{`Selected orders: ${picked.size}, ${formatMoney(totalUsd, "USD", { whole: true })} in US dollars.`}</p>
            </>
          )}
          <ErrorList id={fields.orderIds.errorId} errors={fields.orderIds.errors} />
        </fieldset>
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </Form>
      <OrderSearchForm id={id} />
    </>
  );
}

/**
 * The search is its own GET form (forms cannot nest; the search box and its button join it with
 * the `form` attribute), so it works without JavaScript; with it, the page's typed values and the
 * chosen orders stay as they are while the list below changes.
 */
function OrderSearchForm({ id }: { id: string }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  return (
    <Form method="get" id={`${id}-order-search-form`} preventScrollReset>
      {[...params.entries()]
        .filter(([name]) => name !== "orderQ" && name !== "orderPage")
        .map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
    </Form>
  );
}

function PickerPages({ picker }: { picker: OrderPickerView }) {
  const location = useLocation();
  if (picker.pageCount <= 1) return null;
  const hrefFor = (page: number) => {
    const params = new URLSearchParams(location.search);
    params.set("orderPage", String(page));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label="Pages of orders" className="pagination">
      {picker.page > 1 ? (
        <Link to={hrefFor(picker.page - 1)} preventScrollReset>
          ← Newer orders
        </Link>
      ) : null}
      <span className="muted small">{`Page ${picker.page} of ${picker.pageCount} (${picker.total} orders)`}</span>
      {picker.page < picker.pageCount ? (
        <Link to={hrefFor(picker.page + 1)} preventScrollReset>
          Older orders →
        </Link>
      ) : null}
    </nav>
  );
}
