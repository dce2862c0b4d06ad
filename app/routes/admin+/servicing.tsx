import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { formatMoney } from "~/domain/money";
import { servicingByPartner } from "~/domain/servicing/views.server";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Servicing — TradeLift admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { partners: await servicingByPartner(prisma) };
}

const percent = (bps: number) => `${(bps / 100).toFixed(1)}%`;

export default function AdminServicing() {
  const { partners } = useLoaderData<typeof loader>();
  const total = partners.reduce(
    (sum, p) => ({
      deals: sum.deals + p.deals,
      fundedCents: sum.fundedCents + p.fundedCents,
      outstandingCents: sum.outstandingCents + p.outstandingCents,
      openDeals: sum.openDeals + p.openDeals,
      lateDeals: sum.lateDeals + p.lateDeals,
    }),
    { deals: 0, fundedCents: 0, outstandingCents: 0, openDeals: 0, lateDeals: 0 },
  );
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Servicing</h1>
          <p>
            Funded volume, what is outstanding and the late rate (late deals among open ones), per partner.
          </p>
        </div>
      </div>
      {partners.length === 0 ? (
        <p className="empty-state">No deal has been funded yet.</p>
      ) : (
        <TableScroll label="Servicing per partner">
          <table>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col" className="num">
                  Deals
                </th>
                <th scope="col" className="num">
                  Funded
                </th>
                <th scope="col" className="num">
                  Outstanding
                </th>
                <th scope="col" className="num">
                  Open
                </th>
                <th scope="col" className="num">
                  Late
                </th>
                <th scope="col" className="num">
                  Late rate
                </th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.lenderOrgId}>
                  <td>
                    <Link to={`/admin/partners/${p.lenderOrgId}`}>{p.name}</Link>
                  </td>
                  <td className="num">{p.deals}</td>
                  <td className="num">{formatMoney(p.fundedCents)}</td>
                  <td className="num">{formatMoney(p.outstandingCents)}</td>
                  <td className="num">{p.openDeals}</td>
                  <td className="num">{p.lateDeals}</td>
                  <td className="num">{percent(p.lateRateBps)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Platform</th>
                <td className="num">{total.deals}</td>
                <td className="num">{formatMoney(total.fundedCents)}</td>
                <td className="num">{formatMoney(total.outstandingCents)}</td>
                <td className="num">{total.openDeals}</td>
                <td className="num">{total.lateDeals}</td>
                <td className="num">
                  {percent(total.openDeals ? Math.round((total.lateDeals * 10_000) / total.openDeals) : 0)}
                </td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
