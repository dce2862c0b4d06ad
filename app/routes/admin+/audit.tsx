import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { listAuditEvents } from "~/domain/admin/admin.server";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Audit log — TradeLift" }];

const ENTITY_TYPES = [
  "User",
  "Merchant",
  "LenderOrg",
  "Invitation",
  "LenderProduct",
  "Application",
  "Referral",
  "Offer",
];

const FilterSchema = z.object({
  entityType: z
    .enum(ENTITY_TYPES as [string, ...string[]])
    .optional()
    .catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const filter = FilterSchema.parse({ entityType: url.searchParams.get("entityType") || undefined });
  return { events: await listAuditEvents(prisma, { ...filter, take: 200 }), filter };
}

export default function AuditLog() {
  const { events, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p>Append-only record of every state change and sign-in, newest first (last 200).</p>
        </div>
        <Form method="get" className="button-row">
          <div className="field">
            <label htmlFor="entityType">Entity</label>
            <select id="entityType" name="entityType" defaultValue={filter.entityType ?? ""}>
              <option value="">All</option>
              {ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            Filter
          </button>
        </Form>
      </div>
      <TableScroll label="Audit events" className="card">
        <table>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Details</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{new Date(event.createdAt).toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{event.actor ? `${event.actor.name} (${event.actorRole?.toLowerCase()})` : "—"}</td>
                <td>{event.action}</td>
                <td>
                  {event.entityType}
                  {event.entityId ? <span className="muted small"> {event.entityId}</span> : null}
                </td>
                <td className="small">{event.summaryJson === "{}" ? "" : event.summaryJson}</td>
                <td className="small">{event.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
