import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { TableScroll } from "~/components/ui/table-scroll";
import { platformCounts } from "~/domain/admin/admin.server";
import { conversion, formatHours } from "~/domain/admin/funnel";
import { adminOverview, STALE_QUEUE_DAYS } from "~/domain/dashboard/dashboard.server";
import { formatDay } from "~/domain/dates";
import { listLenderPartners } from "~/domain/lenders/lenders.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Admin — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [counts, partners, overview] = await Promise.all([
    platformCounts(prisma),
    listLenderPartners(prisma),
    adminOverview(prisma),
  ]);
  // The threshold is sent with the data: a .server module's values do not reach the browser.
  return {
    counts,
    partners,
    overview,
    staleQueueDays: STALE_QUEUE_DAYS,
    operatorAddressMissing: !env().OPERATOR_ADDRESS,
  };
}

export default function AdminDashboard() {
  const { counts, partners, overview, staleQueueDays, operatorAddressMissing } =
    useLoaderData<typeof loader>();
  const { funnel } = overview;
  const stats = [
    { label: "Lender partners", value: counts.partners, detail: `${counts.activePartners} active` },
    { label: "Lender products", value: counts.products, detail: `${counts.activeProducts} active` },
    {
      label: "Merchants",
      value: counts.merchants,
      detail: `${counts.completeProfiles} with complete profiles`,
    },
    {
      label: "Users",
      value: counts.users,
      detail: `${counts.admins} admins · ${counts.lenderUsers} lender · ${counts.merchantUsers} merchant`,
    },
    {
      label: "Applications",
      value: counts.applications,
      detail: `${counts.submittedApplications} submitted`,
    },
    { label: "E-mails waiting", value: counts.pendingEmails, detail: "in the outbox" },
  ];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Platform dashboard</h1>
          <p>Partners, users and the pipeline at a glance.</p>
        </div>
        <div className="button-row tight">
          <Link to="/admin/demographics" className="button button-secondary">
            Section 1071 register
          </Link>
          <Link to="/admin/partners/new" className="button button-primary">
            Add a lender partner
          </Link>
        </div>
      </div>
      {operatorAddressMissing ? (
        <div className="alert alert-info" role="status">
          <p>
            Notices TradeLift sends in its own name (when nothing matched, or no lender is left) must carry
            the operator's postal address. Set OPERATOR_ADDRESS (and OPERATOR_NAME) in the configuration;
            until then they say the address is not configured.
          </p>
        </div>
      ) : null}
      <div className="grid grid-4">
        {stats.map((stat) => (
          <div className="stat" key={stat.label}>
            <p className="stat-label">{stat.label}</p>
            <p className="stat-value">{stat.value}</p>
            <p className="muted small">{stat.detail}</p>
          </div>
        ))}
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="funnel-title">
          <h2 id="funnel-title">Funnel, last 30 days</h2>
          <p className="small">
            {`${funnel.referred} referred → ${funnel.offered} offered (${conversion(funnel.offered, funnel.referred)}) → ${funnel.accepted} accepted (${conversion(funnel.accepted, funnel.offered)}) → ${funnel.funded} funded (${conversion(funnel.funded, funnel.accepted)})`}
          </p>
          <p className="small muted">
            Median time to a first offer: {formatHours(funnel.medianHoursToFirstOffer)}.
          </p>
          <p className="small">
            <Link to="/admin/funnel">The funnel per partner and per month</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="health-title">
          <h2 id="health-title">Partner health</h2>
          {overview.pendingPartners.length === 0 &&
          overview.suspendedPartners.length === 0 &&
          overview.staleQueues.length === 0 ? (
            <p className="muted small">Every partner is active and keeps up with its queue.</p>
          ) : null}
          {overview.pendingPartners.length > 0 ? (
            <>
              <h3>Waiting for review ({overview.pendingPartners.length})</h3>
              <ul>
                {overview.pendingPartners.map((p) => (
                  <li key={p.id}>
                    <Link to={`/admin/partners/${p.id}`}>{p.name}</Link>
                    <span className="muted small">
                      {p.applied
                        ? ` · applied ${formatDay(p.appliedAt ?? p.createdAt)}`
                        : ` · added ${formatDay(p.createdAt)}`}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {overview.suspendedPartners.length > 0 ? (
            <>
              <h3>Suspended ({overview.suspendedPartners.length})</h3>
              <ul>
                {overview.suspendedPartners.map((p) => (
                  <li key={p.id}>
                    <Link to={`/admin/partners/${p.id}`}>{p.name}</Link>
                    {p.statusReason ? <span className="muted small">{` · ${p.statusReason}`}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {overview.staleQueues.length > 0 ? (
            <>
              <h3>{`Queues not opened for ${staleQueueDays} days`}</h3>
              <ul>
                {overview.staleQueues.map((p) => (
                  <li key={p.id}>
                    <Link to={`/admin/partners/${p.id}`}>{p.name}</Link>
                    <span className="muted small">
                      {` · ${p.waiting} new referral${p.waiting === 1 ? "" : "s"} waiting${p.oldest ? ` since ${formatDay(p.oldest)}` : ""}`}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      <section className="card" aria-labelledby="partners-title">
        <h2 id="partners-title">Lender partners</h2>
        {partners.length === 0 ? (
          <p className="muted">No partners yet. Add the first one to start matching applications.</p>
        ) : (
          <TableScroll label="Lender partners">
            <table>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Users
                  </th>
                  <th scope="col" className="num">
                    Products
                  </th>
                  <th scope="col" className="num">
                    Referrals
                  </th>
                </tr>
              </thead>
              <tbody>
                {partners.map((partner) => (
                  <tr key={partner.id}>
                    <td>
                      <Link to={`/admin/partners/${partner.id}`}>{partner.name}</Link>
                    </td>
                    <td>
                      <StatusBadge status={partner.status} />
                    </td>
                    <td className="num">{partner._count.members}</td>
                    <td className="num">{partner._count.products}</td>
                    <td className="num">{partner._count.referrals}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
