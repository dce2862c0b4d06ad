import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { listApplicationsForAdmin } from "~/domain/matching/explain.server";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Applications — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { applications: await listApplicationsForAdmin(prisma) };
}

export default function AdminApplications() {
  const { applications } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Applications</h1>
          <p>
            Every application on the platform, newest first. Open one to see why each lender product matched
            or not.
          </p>
        </div>
      </div>
      {applications.length === 0 ? (
        <div className="card empty-state">
          <h2>No applications yet</h2>
          <p>Applications appear here as soon as merchants start them.</p>
        </div>
      ) : (
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
              {applications.map((a) => (
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
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
