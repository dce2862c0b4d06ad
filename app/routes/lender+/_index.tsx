import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { lenderQueueSummary } from "~/domain/lenders/queue.server";
import { prisma } from "~/utils/db.server";
import { requireLender } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Review queue — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const summary = await lenderQueueSummary(prisma, actor.lenderOrgId);
  return { orgName: actor.lenderOrgName, lenderRole: actor.lenderRole, ...summary };
}

export default function LenderQueue() {
  const { orgName, orgStatus, total, byStatus, activeProducts } = useLoaderData<typeof loader>();
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
        <div className="grid grid-4">
          {byStatus.map((row) => (
            <div className="stat" key={row.status}>
              <p className="stat-label">{row.status.replaceAll("_", " ").toLowerCase()}</p>
              <p className="stat-value">{row.count}</p>
            </div>
          ))}
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
