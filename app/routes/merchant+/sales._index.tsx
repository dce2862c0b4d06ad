import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, type ChartSeries } from "~/components/charts/bar-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { formatMonth } from "~/domain/dates";
import { formatMoney } from "~/domain/money";
import { countryName } from "~/domain/reference/countries";
import { salesInsights } from "~/domain/sales/insights.server";
import { SALES_CHANNEL_LABELS, type SalesChannel } from "~/domain/sales/sales";
import { listSalesImports } from "~/domain/sales/sales.server";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Sales & orders — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const [insights, imports] = await Promise.all([
    salesInsights(prisma, actor.merchantId, today),
    listSalesImports(prisma, actor.merchantId),
  ]);
  return { ...insights, imports };
}

const CHANNEL_COLORS = [
  "#f2a541",
  "#3ccf7f",
  "#9b5de5",
  "#f15bb5",
  "#00bbf9",
  "#fee440",
  "#8d99ae",
  "#ef476f",
  "#06d6a0",
];
const COUNTRY_COLORS = [
  "#0b5fff",
  "#f2a541",
  "#3ccf7f",
  "#9b5de5",
  "#ef476f",
  "#00bbf9",
  "#8d99ae",
  "#06d6a0",
  "#f15bb5",
  "#5f6b7f",
];

const usd = (cents: number) => formatMoney(Math.round(cents), "USD", { whole: true });
const usdAxis = (cents: number) => {
  const dollars = cents / 100;
  if (dollars >= 1_000_000) return `$${(dollars / 1_000_000).toFixed(1)}M`;
  if (dollars >= 1_000) return `$${Math.round(dollars / 1_000)}k`;
  return `$${Math.round(dollars)}`;
};
const monthLabel = (month: string) => (month === "Overdue" ? "Overdue" : formatMonth(month));

export default function Sales() {
  const data = useLoaderData<typeof loader>();
  const revenueSeries: ChartSeries[] = [
    { key: "bank", label: "Bank deposits from sales", color: "#0b5fff", group: "bank" },
    ...data.channels.map((channel, i) => ({
      key: channel,
      label: `${SALES_CHANNEL_LABELS[channel as SalesChannel] ?? channel} (marketplace report)`,
      color: CHANNEL_COLORS[i % CHANNEL_COLORS.length] ?? "#8d99ae",
      group: "marketplace",
    })),
  ];
  const revenueData = data.revenue.map((row) => ({
    label: monthLabel(row.month),
    values: { bank: row.bankCents, ...row.channels },
  }));
  const twelve = data.revenue.slice(-12).reduce((sum, row) => sum + row.bankCents, 0);
  const receivableSeries: ChartSeries[] = data.receivableCountries.map((code, i) => ({
    key: code,
    label: countryName(code),
    color: COUNTRY_COLORS[i % COUNTRY_COLORS.length] ?? "#8d99ae",
  }));
  const receivableData = data.receivables.map((row) => ({
    label: monthLabel(row.month),
    values: row.countries,
  }));
  const receivableTotal = data.receivables.reduce(
    (sum, row) => sum + Object.values(row.countries).reduce((a, b) => a + b, 0),
    0,
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sales &amp; orders</h1>
          <p>The evidence lenders look at: what you sold, who paid you, and what your buyers still owe.</p>
        </div>
        <div className="button-row tight">
          <Link to="/merchant/sales/import" className="button button-secondary">
            Import marketplace sales
          </Link>
          <Link to="/merchant/orders" className="button button-secondary">
            Export orders
          </Link>
        </div>
      </div>

      <section className="card" aria-labelledby="revenue-title">
        <h2 id="revenue-title">Monthly revenue, last 24 months</h2>
        {data.hasBank || data.hasSales ? (
          <>
            <p className="muted small">
              Bank deposits count money in from sales; transfers between your own accounts, loan proceeds,
              refunds, tax refunds and interest are left out. Marketplace reports are shown beside them (their
              payouts to your bank are already in the bank figure). Other currencies are in US dollars at the
              rates on file.
            </p>
            <BarChart
              title="Monthly revenue"
              summary={`Bank deposits from sales over the last 12 months: ${usd(twelve)}.`}
              data={revenueData}
              series={revenueSeries}
              formatValue={usd}
              formatAxis={usdAxis}
            />
          </>
        ) : (
          <div className="empty-state">
            <p>
              No sales data yet. <Link to="/merchant/bank">Connect your business bank</Link> to bring in up to
              24 months of deposits, or <Link to="/merchant/sales/import">import your marketplace sales</Link>{" "}
              from a CSV file.
            </p>
          </div>
        )}
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="receivables-title">
          <h2 id="receivables-title">Expected receivables</h2>
          {data.openOrders === 0 ? (
            <div className="empty-state">
              <p>
                No open export orders. <Link to="/merchant/orders/new">Add an order</Link> or{" "}
                <Link to="/merchant/orders/import">import them from CSV</Link>.
              </p>
            </div>
          ) : (
            <>
              <p className="muted small">
                Open, shipped and invoiced orders by the month their buyers are expected to pay (invoice, ship
                or order date plus the days of credit), in US dollars.
              </p>
              <BarChart
                title="Expected receivables by month and buyer country"
                summary={`Expected in the next six months or overdue: ${usd(receivableTotal)}.`}
                data={receivableData}
                series={receivableSeries}
                formatValue={usd}
                formatAxis={usdAxis}
              />
              {data.laterReceivablesCents > 0 ? (
                <p className="muted small">{`Expected later than six months: ${usd(data.laterReceivablesCents)}.`}</p>
              ) : null}
            </>
          )}
          {data.missingRates.length > 0 ? (
            <p className="alert alert-info">{`No USD rate on file for ${data.missingRates.join(", ")}: those amounts are left out of the charts.`}</p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="payers-title">
          <h2 id="payers-title">Largest payers, last 12 months</h2>
          {data.payers.length === 0 ? (
            <p className="muted">Payers appear here once your bank history is connected.</p>
          ) : (
            <TableScroll label="Largest payers">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Payer</th>
                    <th scope="col" className="num">
                      Received
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.payers.map((payer) => (
                    <tr key={payer.name}>
                      <td>{payer.name}</td>
                      <td className="num">{usd(payer.cents)}</td>
                      <td className="num">{`${(payer.share * 100).toFixed(1)}%`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      </div>

      {data.imports.length > 0 ? (
        <section className="card" aria-labelledby="imports-title">
          <h2 id="imports-title">Marketplace imports</h2>
          <TableScroll label="Marketplace imports">
            <table>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Channel</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col">Imported</th>
                </tr>
              </thead>
              <tbody>
                {data.imports.map((item) => (
                  <tr key={item.id}>
                    <td>{item.fileName}</td>
                    <td>
                      {SALES_CHANNEL_LABELS[item.channel as SalesChannel] ??
                        (item.channel === "MIXED" ? "Several" : item.channel)}
                    </td>
                    <td className="num">{item.rowCount}</td>
                    <td>{new Date(item.createdAt).toISOString().slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
