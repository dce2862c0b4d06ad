import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DealStatusBadge } from "~/components/deal-ledger";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { formatDay } from "~/domain/dates";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { lenderPortfolio } from "~/domain/servicing/views.server";
import { prisma } from "~/utils/db.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Portfolio — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  return lenderPortfolio(prisma, actor.lenderOrgId);
}

const productLabel = (type: string) => PRODUCT_TYPE_LABELS[type as ProductType] ?? type;
const day = (value: string) => formatDay(`${value}T00:00:00Z`);

export default function Portfolio() {
  const { deals, byProduct, dueSoon, totals } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Portfolio</h1>
          <p>The deals you funded: what is outstanding, what falls due, what is late.</p>
        </div>
      </div>
      <div className="grid grid-4">
        {[
          ["Funded", formatMoney(totals.fundedCents)],
          ["Outstanding", formatMoney(totals.outstandingCents)],
          ["Due in the next 30 days", formatMoney(totals.dueSoonCents)],
          ["Late", `${totals.lateCount} (${formatMoney(totals.lateOutstandingCents)})`],
          ["Paid off", String(totals.paidOffCount)],
          ["Written off", String(totals.writtenOffCount)],
        ].map(([label, value]) => (
          <div className="stat" key={label}>
            <p className="stat-label">{label}</p>
            <p className="stat-value">{value}</p>
          </div>
        ))}
      </div>
      {deals.length === 0 ? (
        <p className="empty-state">No deal yet: deals appear here once you record a funding.</p>
      ) : (
        <>
          <h2>Outstanding by product</h2>
          <TableScroll label="Outstanding by product">
            <table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Open deals
                  </th>
                  <th scope="col" className="num">
                    Outstanding
                  </th>
                </tr>
              </thead>
              <tbody>
                {byProduct.map((row) => (
                  <tr key={row.productType}>
                    <td>{productLabel(row.productType)}</td>
                    <td className="num">{row.count}</td>
                    <td className="num">{formatMoney(row.outstandingCents)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Total</th>
                  <td className="num">{byProduct.reduce((s, r) => s + r.count, 0)}</td>
                  <td className="num">{formatMoney(totals.outstandingCents)}</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <h2>Due in the next 30 days</h2>
          {dueSoon.length === 0 ? (
            <p className="muted">Nothing falls due in the next 30 days.</p>
          ) : (
            <TableScroll label="Due in the next 30 days">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Due</th>
                    <th scope="col">Merchant</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {dueSoon.map((row) => (
                    <tr key={`${row.dealId}-${row.dueOn}`}>
                      <td>{day(row.dueOn)}</td>
                      <td>
                        <Link to={`/lender/deals/${row.dealId}`}>{row.counterparty}</Link>
                      </td>
                      <td className="num">{formatMoney(row.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <h2>Deals</h2>
          <TableScroll label="Deals">
            <table>
              <thead>
                <tr>
                  <th scope="col">Merchant</th>
                  <th scope="col">Product</th>
                  <th scope="col">Funded</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Outstanding
                  </th>
                  <th scope="col">Next due</th>
                </tr>
              </thead>
              <tbody>
                {deals.map((deal) => (
                  <tr key={deal.id}>
                    <td>
                      <Link to={`/lender/deals/${deal.id}`}>{deal.counterparty}</Link>
                    </td>
                    <td>{productLabel(deal.productType)}</td>
                    <td>
                      {formatMoney(deal.fundsProvidedCents)}, {day(deal.fundedOn)}
                    </td>
                    <td>
                      <DealStatusBadge status={deal.status} daysPastDue={deal.daysPastDue} />
                    </td>
                    <td className="num">{formatMoney(deal.outstandingCents)}</td>
                    <td>
                      {deal.next ? `${formatMoney(deal.next.amountCents)}, ${day(deal.next.dueOn)}` : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
