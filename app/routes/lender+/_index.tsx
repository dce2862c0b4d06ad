import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { Pagination } from "~/components/ui/pagination";
import { TableScroll } from "~/components/ui/table-scroll";
import { REFERRAL_STATUSES } from "~/domain/applications/workflow";
import { lenderQueue, parseQueueFilter } from "~/domain/lenders/queue.server";
import { formatMoney } from "~/domain/money";
import { prisma } from "~/utils/db.server";
import { requireLender } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Review queue — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const params = new URL(request.url).searchParams;
  const filter = parseQueueFilter(params);
  const { summary, referrals } = await lenderQueue(prisma, actor.lenderOrgId, filter, actor.id);
  return { orgName: actor.lenderOrgName, lenderRole: actor.lenderRole, ...summary, referrals, filter };
}

export default function LenderQueue() {
  const { orgName, orgStatus, total, byStatus, activeProducts, referrals, filter } =
    useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Review queue</h1>
          <p>
            {orgName} · <StatusBadge status={orgStatus} />
          </p>
        </div>
      </div>
      {orgStatus !== "ACTIVE" ? (
        <div className="alert alert-info">
          <p>
            {orgStatus === "PENDING"
              ? "Your organisation is being onboarded: TradeLift starts sending applications once an admin activates it."
              : "Your organisation is suspended: no new applications are sent to it."}
          </p>
        </div>
      ) : null}
      {total === 0 ? (
        <div className="card empty-state">
          <h2>No applications yet</h2>
          <p>
            Applications appear here when a merchant applies and matches one of your products
            {activeProducts === 0 ? " — you have no active products yet" : ""}.
          </p>
        </div>
      ) : (
        <>
          <div className="grid grid-4">
            {byStatus.map((row) => (
              <div className="stat" key={row.status}>
                <p className="stat-label">{row.status.replaceAll("_", " ").toLowerCase()}</p>
                <p className="stat-value">{row.count}</p>
              </div>
            ))}
          </div>
          <Form method="get" className="card filter-bar" aria-label="Filter the queue">
            <div className="field">
              <label htmlFor="queue-status">Status</label>
              <select id="queue-status" name="status" defaultValue={filter.status ?? ""}>
                <option value="">All</option>
                {REFERRAL_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {status.replaceAll("_", " ").toLowerCase()}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="queue-product">Product</label>
              <select id="queue-product" name="productId" defaultValue={filter.productId ?? ""}>
                <option value="">All</option>
                {referrals.products.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="queue-min">From $</label>
              <input
                id="queue-min"
                name="minAmountCents"
                inputMode="numeric"
                defaultValue={filter.minAmountCents ? String(filter.minAmountCents / 100) : ""}
              />
            </div>
            <div className="field">
              <label htmlFor="queue-max">To $</label>
              <input
                id="queue-max"
                name="maxAmountCents"
                inputMode="numeric"
                defaultValue={filter.maxAmountCents ? String(filter.maxAmountCents / 100) : ""}
              />
            </div>
            <div className="field">
              <label htmlFor="queue-grade">Grade</label>
              <select id="queue-grade" name="grade" defaultValue={filter.grade ?? ""}>
                <option value="">All</option>
                {["A", "B", "C", "D", "E"].map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="queue-country">Buyer country (ISO)</label>
              <input
                id="queue-country"
                name="buyerCountry"
                maxLength={2}
                defaultValue={filter.buyerCountry ?? ""}
              />
            </div>
            <div className="field">
              <label htmlFor="queue-age">Received in the last (days)</label>
              <input
                id="queue-age"
                name="maxAgeDays"
                inputMode="numeric"
                defaultValue={filter.maxAgeDays ? String(filter.maxAgeDays) : ""}
              />
            </div>
            <div className="field">
              <label htmlFor="queue-assignee">Assigned</label>
              <select id="queue-assignee" name="assignee" defaultValue={filter.assignee ?? ""}>
                <option value="">Anyone</option>
                <option value="me">To me</option>
                <option value="unassigned">Nobody</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="queue-sort">Sort</label>
              <select id="queue-sort" name="sort" defaultValue={filter.sort}>
                <option value="newest">Newest first</option>
                <option value="oldest">Oldest first</option>
                <option value="amount">Largest amount</option>
                <option value="score">Highest score</option>
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              Filter
            </button>
          </Form>
          <TableScroll label="Referrals" className="card">
            <table>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Merchant</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Assigned</th>
                </tr>
              </thead>
              <tbody>
                {referrals.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{new Date(r.createdAt).toISOString().slice(0, 10)}</td>
                    <td>
                      <Link to={`/lender/referrals/${r.id}`}>{r.merchantName}</Link>
                    </td>
                    <td className="num">{`${formatMoney(r.requestedAmountCents, "USD", { whole: true })} · ${r.tenorDays} d`}</td>
                    <td>{r.productName}</td>
                    <td className="num">{r.score === null ? "—" : `${r.score} ${r.grade ?? ""}`}</td>
                    <td>{r.status.replaceAll("_", " ").toLowerCase()}</td>
                    <td>{r.assigneeName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {referrals.pages > 1 ? (
            <Pagination page={filter.page} pages={referrals.pages} summary={`${referrals.total} referrals`} />
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
