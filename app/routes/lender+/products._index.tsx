import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { TableScroll } from "~/components/ui/table-scroll";
import { partnerStatus } from "~/domain/lenders/lenders.server";
import { FEE_PRICED, PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { listProducts } from "~/domain/lenders/products.server";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Products — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const [products, partner] = await Promise.all([
    listProducts(prisma, actor.lenderOrgId),
    partnerStatus(prisma, actor.lenderOrgId),
  ]);
  const suspended = partner?.status === "SUSPENDED";
  return { products, suspended, canEdit: actor.lenderRole === "ADMIN" && !suspended };
}

const pct = (bps: number | null) => (bps === null ? "—" : `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`);

export default function Products() {
  const { products, canEdit, suspended } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Products</h1>
          <p>What you finance and for whom. Applications are matched against your active products.</p>
        </div>
        {canEdit ? (
          <Link to="/lender/products/new" className="button button-primary">
            Add a product
          </Link>
        ) : null}
      </div>
      {suspended ? (
        <p className="alert alert-info">
          Your partnership with TradeLift is suspended: no new applications are sent to you, and products
          cannot be added or changed until it is reactivated.
        </p>
      ) : null}
      {products.length === 0 ? (
        <div className="card empty-state">
          <h2>No products yet</h2>
          <p>
            {canEdit
              ? "Add your first product: applications that meet its criteria will be sent to you."
              : "Your lender admin has not added products yet."}
          </p>
        </div>
      ) : (
        <TableScroll label="Products" className="card">
          <table>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Type</th>
                <th scope="col">Amounts</th>
                <th scope="col">Tenor</th>
                <th scope="col" className="num">
                  Min. score
                </th>
                <th scope="col">Price</th>
                <th scope="col" className="num">
                  Referrals
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => {
                const fee = FEE_PRICED.has(p.type as ProductType);
                return (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/lender/products/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{PRODUCT_TYPE_LABELS[p.type as ProductType] ?? p.type}</td>
                    <td>{`${formatMoney(p.minAmountCents, "USD", { whole: true })} – ${formatMoney(p.maxAmountCents, "USD", { whole: true })}`}</td>
                    <td>{`${p.minTenorDays}–${p.maxTenorDays} days`}</td>
                    <td className="num">{p.minScore}</td>
                    <td>
                      {fee
                        ? `${pct(p.feePer30DaysMinBps)}–${pct(p.feePer30DaysMaxBps)} per 30 days`
                        : `${pct(p.aprMinBps)}–${pct(p.aprMaxBps)} APR`}
                    </td>
                    <td className="num">{p._count.referrals}</td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                  </tr>
                );
              })}
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
