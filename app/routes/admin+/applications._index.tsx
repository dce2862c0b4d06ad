import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DownloadCsvLink } from "~/components/ui/download-csv-link";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { Pagination, useFirstPageLink } from "~/components/ui/pagination";
import { TableScroll } from "~/components/ui/table-scroll";
import { listApplicationsForAdmin, parseAdminApplicationsFilter } from "~/domain/admin/applications.server";
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from "~/domain/applications/workflow";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/web/permissions.server";

const STATUS_OPTIONS = optionsOf(
  APPLICATION_STATUSES,
  (status) => APPLICATION_STATUS_LABELS[status as ApplicationStatus],
);

export const meta: MetaFunction = () => [{ title: "Applications — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = parseAdminApplicationsFilter(new URL(request.url).searchParams);
  return { applications: await listApplicationsForAdmin(prisma, filter), filter };
}

export default function AdminApplications() {
  const { applications, filter } = useLoaderData<typeof loader>();
  const firstPage = useFirstPageLink();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Applications</h1>
          <p>
            Every application on the platform, newest first, 50 to a page. Open one to see why each lender
            product matched or not.
          </p>
        </div>
        <DownloadCsvLink href="/admin/applications.csv" />
      </div>
      <Form method="get" className="card filter-bar" aria-label="Filter the applications">
        <FilterSelect
          id="applications-status"
          name="status"
          label="Status"
          value={filter.status}
          options={STATUS_OPTIONS}
        />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      {applications.total === 0 ? (
        <div className="card empty-state">
          <h2>{filter.status ? "No applications in this status" : "No applications yet"}</h2>
          <p>
            {filter.status
              ? "Choose another status, or all of them."
              : "Applications appear here as soon as merchants start them."}
          </p>
        </div>
      ) : applications.rows.length === 0 ? (
        <div className="card empty-state">
          <h2>No applications on this page</h2>
          <p>
            <Link to={firstPage}>Back to the first page</Link>
          </p>
        </div>
      ) : (
        <>
          <TableScroll label="Applications" className="card">
            <table>
              <thead>
                <tr>
                  <th scope="col">Merchant</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Referrals
                  </th>
                  <th scope="col">Submitted</th>
                </tr>
              </thead>
              <tbody>
                {applications.rows.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/admin/applications/${a.id}`}>{a.merchant.legalName}</Link>
                    </td>
                    <td className="num">{formatMoney(a.requestedAmountCents, "USD", { whole: true })}</td>
                    <td>{a.productTypeWanted.replaceAll("_", " ").toLowerCase()}</td>
                    <td>{a.status.toLowerCase()}</td>
                    <td className="num">{a._count.referrals}</td>
                    <td>{a.submittedAt ? new Date(a.submittedAt).toISOString().slice(0, 10) : "draft"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination
            page={filter.page}
            pages={applications.pages}
            summary={`${applications.total} applications`}
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
