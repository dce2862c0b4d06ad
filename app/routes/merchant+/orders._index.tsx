import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MoneyWithUsd } from "~/components/money-with-usd";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { TableScroll } from "~/components/ui/table-scroll";
import { tryToUsdCents } from "~/domain/fx";
import {
  ORDER_STATUS_LABELS,
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_TERM_LABELS,
  PAYMENT_TERMS,
  type PaymentTerm,
} from "~/domain/orders/orders";
import { listOrders, loadFxTable, ORDERS_PAGE_SIZE } from "~/domain/orders/orders.server";
import { countryName } from "~/domain/reference/countries";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Export orders — TradeLift" }];

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const FilterSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(ORDER_STATUSES).optional().catch(undefined),
    buyerCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .catch(undefined),
    paymentTerm: z.enum(PAYMENT_TERMS).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  }))();

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const params = new URL(request.url).searchParams;
  const filter = FilterSchema.parse({
    status: params.get("status") || undefined,
    buyerCountry: params.get("buyerCountry") || undefined,
    paymentTerm: params.get("paymentTerm") || undefined,
    page: params.get("page") ?? 1,
  });
  const [{ orders, total, countries }, rates] = await Promise.all([
    listOrders(prisma, actor.merchantId, filter),
    loadFxTable(prisma),
  ]);
  return {
    filter,
    total,
    pages: Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE)),
    countries,
    orders: orders.map((order) => {
      const usd = tryToUsdCents(order.amountCents, order.currency, rates);
      return {
        ...order,
        amountCents: order.amountCents.toString(),
        usdCents: usd === null ? null : usd.toString(),
        rateAsOf:
          order.currency === "USD"
            ? null
            : rates.get(order.currency)?.asOfDate
              ? new Date(rates.get(order.currency)?.asOfDate ?? 0).toISOString().slice(0, 10)
              : null,
      };
    }),
  };
}

const day = (value: string | Date | null) => (value ? new Date(value).toISOString().slice(0, 10) : "—");

export default function Orders() {
  const { orders, total, pages, filter, countries } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.status || filter.buyerCountry || filter.paymentTerm);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Export orders</h1>
          <p>Purchase orders from your overseas buyers: the receivables lenders finance.</p>
        </div>
        <div className="button-row tight">
          <Link to="/merchant/orders/import" className="button button-secondary">
            Import from CSV
          </Link>
          <Link to="/merchant/orders/new" className="button button-primary">
            Add an order
          </Link>
        </div>
      </div>
      <Form method="get" className="card filter-bar" aria-label="Filter orders">
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          value={filter.status}
          options={optionsOf(ORDER_STATUSES, (status) => ORDER_STATUS_LABELS[status as OrderStatus])}
        />
        <FilterSelect
          id="filter-country"
          name="buyerCountry"
          label="Buyer country"
          value={filter.buyerCountry}
          options={optionsOf(countries, countryName)}
        />
        <FilterSelect
          id="filter-term"
          name="paymentTerm"
          label="Payment term"
          value={filter.paymentTerm}
          options={optionsOf(PAYMENT_TERMS, (term) => PAYMENT_TERM_LABELS[term as PaymentTerm])}
        />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
        {filtered ? (
          <Link to="/merchant/orders" className="button button-ghost">
            Clear
          </Link>
        ) : null}
      </Form>
      {orders.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? "No orders match these filters" : "No export orders yet"}</h2>
          <p>
            {filtered
              ? "Change or clear the filters."
              : "Add your open purchase orders one by one, or import them all at once from a CSV file."}
          </p>
        </div>
      ) : (
        <TableScroll label="Export orders" className="card">
          <table>
            <thead>
              <tr>
                <th scope="col">PO number</th>
                <th scope="col">Buyer</th>
                <th scope="col">Country</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Terms</th>
                <th scope="col">Ordered</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/merchant/orders/${order.id}`}>{order.poNumber}</Link>
                  </td>
                  <td>{order.buyerName}</td>
                  <td>{countryName(order.buyerCountry)}</td>
                  <td className="num">
                    <MoneyWithUsd
                      amountMinor={order.amountCents}
                      currency={order.currency}
                      usdCents={order.usdCents}
                      rateAsOf={order.rateAsOf}
                    />
                  </td>
                  <td>
                    {PAYMENT_TERM_LABELS[order.paymentTerm as PaymentTerm] ?? order.paymentTerm}
                    {order.paymentTermDays > 0 ? `, ${order.paymentTermDays} days` : ""} · {order.incoterm}
                  </td>
                  <td>{day(order.orderDate)}</td>
                  <td>
                    <span className={`badge status-${order.status.toLowerCase()}`}>
                      {ORDER_STATUS_LABELS[order.status as OrderStatus] ?? order.status}
                    </span>
                    {order.financed ? <span className="badge">Financed, terms locked</span> : null}
                    {order.embargoed ? (
                      <span className="badge status-declined">Not financeable: embargoed destination</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? <Pagination page={filter.page} pages={pages} summary={`${total} orders`} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
