import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { TableScroll } from "~/components/ui/table-scroll";
import { formatDay } from "~/domain/dates";
import { listLenderPartners } from "~/domain/lenders/lenders.server";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Lender partners — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { partners: await listLenderPartners(prisma) };
}

export default function PartnersIndex() {
  const { partners } = useLoaderData<typeof loader>();
  const applications = partners.filter((p) => p.status === "PENDING" && p.appliedAt);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Lender partners</h1>
          <p>Onboard lenders, invite their people and follow their activity.</p>
        </div>
        <Link to="/admin/partners/new" className="button button-primary">
          Add a lender partner
        </Link>
      </div>
      {applications.length > 0 ? (
        <section className="card" aria-labelledby="applications-title">
          <h2 id="applications-title">Applications to review ({applications.length})</h2>
          <p className="muted small">
            Sent through the public "become a lending partner" form. Open one to complete its details and
            activate it, or to reject it.
          </p>
          <ul>
            {applications.map((p) => (
              <li key={p.id}>
                <Link to={`/admin/partners/${p.id}`}>{p.name}</Link>
                <span className="muted small">{` · ${p.contactName} · applied ${formatDay(p.appliedAt ?? p.createdAt)}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {partners.length === 0 ? (
        <div className="card empty-state">
          <h2>No lender partners yet</h2>
          <p>Add the first partner, then invite its admin to set up its products.</p>
        </div>
      ) : (
        <TableScroll label="Lender partners" className="card">
          <table>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Status</th>
                <th scope="col">Contact</th>
                <th scope="col" className="num">
                  Users
                </th>
                <th scope="col" className="num">
                  Products
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
                  <td>
                    {partner.contactName}
                    <br />
                    <span className="muted small">{partner.contactEmail}</span>
                  </td>
                  <td className="num">{partner._count.members}</td>
                  <td className="num">{partner._count.products}</td>
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
