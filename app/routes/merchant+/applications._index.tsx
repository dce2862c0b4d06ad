import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { listMerchantApplications } from "~/domain/applications/applications.server";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "~/domain/applications/workflow";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Applications — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  return { applications: await listMerchantApplications(prisma, actor.merchantId) };
}

export default function Applications() {
  const { applications } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Applications</h1>
          <p>Apply once; every lending partner whose products fit reviews your application.</p>
        </div>
        <Link to="/merchant/applications/new" className="button button-primary">
          Start an application
        </Link>
      </div>
      {applications.length === 0 ? (
        <div className="card empty-state">
          <h2>No applications yet</h2>
          <p>
            Start one when you are ready: your score, bank history and export orders go with it.{" "}
            <Link to="/merchant/options">Check your options</Link> first if you like.
          </p>
        </div>
      ) : (
        <TableScroll label="Applications" className="card">
          <table>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Lenders
                </th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/merchant/applications/${a.id}`}>
                      {new Date(a.createdAt).toISOString().slice(0, 10)}
                    </Link>
                  </td>
                  <td className="num">{formatMoney(a.requestedAmountCents, "USD", { whole: true })}</td>
                  <td>
                    {a.productTypeWanted === "ANY"
                      ? "Any kind"
                      : (PRODUCT_TYPE_LABELS[a.productTypeWanted as ProductType] ?? a.productTypeWanted)}
                  </td>
                  <td>{APPLICATION_STATUS_LABELS[a.status as ApplicationStatus] ?? a.status}</td>
                  <td className="num">{a._count.referrals}</td>
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
