// The marketplace funnel for admins: referred → offered → accepted → funded, with conversion and
// the time lenders take to a first offer, per partner and per month.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { conversion, type FunnelRow, formatHours } from "~/domain/admin/funnel";
import { funnelPeriod, platformFunnel } from "~/domain/admin/funnel.server";
import { formatMonth } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Funnel — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const period = funnelPeriod(new URL(request.url).searchParams);
  return { period, funnel: await platformFunnel(prisma, period) };
}

function Cells({ row }: { row: FunnelRow }) {
  return (
    <>
      <td className="num">{row.referred}</td>
      <td className="num">
        {row.offered} <span className="muted small">({conversion(row.offered, row.referred)})</span>
      </td>
      <td className="num">
        {row.accepted} <span className="muted small">({conversion(row.accepted, row.offered)})</span>
      </td>
      <td className="num">
        {row.funded} <span className="muted small">({conversion(row.funded, row.accepted)})</span>
      </td>
      <td className="num">{conversion(row.funded, row.referred)}</td>
      <td className="num">{formatHours(row.medianHoursToFirstOffer)}</td>
    </>
  );
}

function Head({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          Referred
        </th>
        <th scope="col" className="num">
          Offered (of referred)
        </th>
        <th scope="col" className="num">
          Accepted (of offered)
        </th>
        <th scope="col" className="num">
          Funded (of accepted)
        </th>
        <th scope="col" className="num">
          Funded of referred
        </th>
        <th scope="col" className="num">
          Median time to first offer
        </th>
      </tr>
    </thead>
  );
}

export default function FunnelPage() {
  const { period, funnel } = useLoaderData<typeof loader>();
  const { total } = funnel;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Funnel</h1>
          <p>
            Referrals made from {formatMonth(period.from)} to {formatMonth(period.to)}, and what became of
            them. Conversion in brackets is of the step before.
          </p>
        </div>
        <Form method="get" className="filter-bar card" aria-label="Choose the period">
          <div className="field">
            <label htmlFor="funnel-from">From month</label>
            <input id="funnel-from" name="from" type="month" defaultValue={period.from} />
          </div>
          <div className="field">
            <label htmlFor="funnel-to">To month</label>
            <input id="funnel-to" name="to" type="month" defaultValue={period.to} />
          </div>
          <button type="submit" className="button button-secondary">
            Show
          </button>
        </Form>
      </div>
      <section className="card" aria-labelledby="funnel-total">
        <h2 id="funnel-total">The platform</h2>
        <div className="grid grid-4">
          {[
            { label: "Referred", value: String(total.referred), detail: "referrals made" },
            {
              label: "Offered",
              value: String(total.offered),
              detail: `${conversion(total.offered, total.referred)} of referred`,
            },
            {
              label: "Accepted",
              value: String(total.accepted),
              detail: `${conversion(total.accepted, total.offered)} of offered`,
            },
            {
              label: "Funded",
              value: String(total.funded),
              detail: `${conversion(total.funded, total.accepted)} of accepted`,
            },
            {
              label: "Median time to first offer",
              value: formatHours(total.medianHoursToFirstOffer),
              detail: "from referral",
            },
          ].map((stat) => (
            <div className="stat" key={stat.label}>
              <p className="stat-label">{stat.label}</p>
              <p className="stat-value">{stat.value}</p>
              <p className="muted small">{stat.detail}</p>
            </div>
          ))}
        </div>
      </section>
      {total.referred === 0 ? (
        <div className="card empty-state">
          <h2>No referrals in this period</h2>
          <p>Choose a longer period, or wait for the first applications to be sent to partners.</p>
        </div>
      ) : (
        <>
          <section aria-labelledby="funnel-partners">
            <h2 id="funnel-partners">Per partner</h2>
            <TableScroll label="Funnel per partner" className="card">
              <table>
                <Head first="Partner" />
                <tbody>
                  {funnel.byPartner.map((partner) => (
                    <tr key={partner.lenderOrgId}>
                      <th scope="row">
                        <Link to={`/admin/partners/${partner.lenderOrgId}`}>{partner.lenderName}</Link>
                      </th>
                      <Cells row={partner} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
          <section aria-labelledby="funnel-months">
            <h2 id="funnel-months">Per month of referral</h2>
            <TableScroll label="Funnel per month" className="card">
              <table>
                <Head first="Month" />
                <tbody>
                  {funnel.byMonth.map((month) => (
                    <tr key={month.month}>
                      <th scope="row">{formatMonth(month.month)}</th>
                      <Cells row={month} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
