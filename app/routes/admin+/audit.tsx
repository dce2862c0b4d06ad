import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DownloadCsvLink } from "~/components/ui/download-csv-link";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { Pagination, useFirstPageLink } from "~/components/ui/pagination";
import { TableScroll } from "~/components/ui/table-scroll";
import { auditFilterOf, listAuditEvents, parseAuditQuery } from "~/domain/admin/admin.server";
import { AUDIT_ENTITY_TYPES } from "~/domain/audit/entity-types";
import { prisma } from "~/utils/db.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Audit log — TradeLift" }];

const ENTITY_OPTIONS = optionsOf(AUDIT_ENTITY_TYPES, (type) => type);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = parseAuditQuery(new URL(request.url).searchParams);
  const events = await listAuditEvents(prisma, auditFilterOf(filter));
  return { events, filter };
}

export default function AuditLog() {
  const { events, filter } = useLoaderData<typeof loader>();
  const firstPage = useFirstPageLink();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p>Append-only record of every state change and sign-in, newest first, 100 to a page.</p>
          <DownloadCsvLink href="/admin/audit.csv" />
        </div>
        <Form method="get" className="filter-bar card" aria-label="Filter the audit log">
          <div className="field">
            <label htmlFor="actor">Actor name or e-mail</label>
            <input id="actor" name="actor" type="search" defaultValue={filter.actor ?? ""} />
          </div>
          <FilterSelect
            id="entityType"
            name="entityType"
            label="Entity"
            value={filter.entityType}
            options={ENTITY_OPTIONS}
          />
          <div className="field">
            <label htmlFor="from">From</label>
            <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
          </div>
          <button type="submit" className="button button-secondary">
            Filter
          </button>
        </Form>
      </div>
      {events.total === 0 ? (
        <div className="card empty-state">
          <h2>No events match</h2>
          <p>Widen the period, or clear the actor or entity.</p>
        </div>
      ) : events.rows.length === 0 ? (
        <div className="card empty-state">
          <h2>No events on this page</h2>
          <p>
            <Link to={firstPage}>Back to the first page</Link>
          </p>
        </div>
      ) : (
        <>
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
                {events.rows.map((event) => (
                  <tr key={event.id}>
                    <td>{new Date(event.createdAt).toISOString().replace("T", " ").slice(0, 19)}</td>
                    <td>
                      {event.actorId
                        ? `${event.actorName ?? event.actorId} (${event.actorRole?.toLowerCase()})`
                        : "—"}
                    </td>
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
          <Pagination page={filter.page} pages={events.pages} summary={`${events.total} events`} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
