// The CSV exports of the lists people work from: a lender's queue, the admins' applications, users
// and audit log, each with the filters of its page. Rows are read a slice at a time and written to
// the response as they come (100,000 audit events never sit in memory as one array), and every
// export is itself audited: who exported which list, with which filters. No export carries a
// Section 1071 answer: the register's own download (app/domain/section1071) is the only place
// they leave the app.
import { type AuditFilter, auditWhere, type UsersFilter, usersWhere } from "~/domain/admin/admin.server";
import { type AdminApplicationsFilter, adminApplicationsWhere } from "~/domain/admin/applications.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { type QueueFilter, queueExportSlices } from "~/domain/lenders/queue.server";
import { minorToDecimalString } from "~/domain/money";
import type { Db } from "~/utils/db.server";
import { CSV_BOM, type CsvCell, csvLine, csvNumber } from "./csv";

/** Rows read from the database per query. */
export const EXPORT_SLICE = 1000;

export type CsvExport = { fileName: string; body: ReadableStream<Uint8Array> };

type Actor = { id: string; role: string };

/** The file as a stream: the mark and the header first, then one slice of rows per read. */
export function csvStream(
  header: readonly string[],
  slices: AsyncGenerator<readonly (readonly CsvCell[])[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
        return;
      }
      const next = await slices.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await slices.return(undefined);
    },
  });
}

/**
 * Rows of a Prisma list in (createdAt, id) descending order, a slice at a time, each slice starting
 * after the last row of the one before (a cursor, not an offset: the thousandth slice costs what
 * the first did).
 */
async function* cursorSlices<Row extends { id: string }, Out>(
  read: (page: { take: number; cursor?: { id: string }; skip?: number }) => Promise<Row[]>,
  toCells: (row: Row) => Out,
  slice = EXPORT_SLICE,
): AsyncGenerator<Out[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await read(after ? { take: slice, cursor: { id: after }, skip: 1 } : { take: slice });
    if (rows.length > 0) yield rows.map(toCells);
    if (rows.length < slice) return;
    after = rows[rows.length - 1]?.id;
  }
}

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const dollars = (cents: number | bigint) => csvNumber(minorToDecimalString(cents, "USD"));

/** A filter as the audit trail keeps it: only what was set, dates as ISO 8601. */
function filtersOf(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([key, value]) => value !== undefined && key !== "page")
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

type ExportRequest = { actor: Actor; ip: string; now?: Date };

/**
 * Audits the export (who, which list, which filters) before the first row is read, then hands the
 * file over as a stream named after the list and the day.
 */
async function startExport(
  db: Db,
  request: ExportRequest,
  spec: {
    list: string;
    action: string;
    filters: Record<string, unknown>;
    columns: readonly string[];
    slices: AsyncGenerator<readonly (readonly CsvCell[])[]>;
  },
): Promise<CsvExport> {
  await recordAudit(db, {
    actor: request.actor,
    action: spec.action,
    entityType: "Export",
    summary: { list: spec.list, format: "csv", filters: filtersOf(spec.filters) },
    ip: request.ip,
  });
  const day = (request.now ?? new Date()).toISOString().slice(0, 10);
  return {
    fileName: `tradelift-${spec.list.replaceAll("_", "-")}-${day}.csv`,
    body: csvStream(spec.columns, spec.slices),
  };
}

export const LENDER_QUEUE_COLUMNS = [
  "referral_id",
  "received_at",
  "merchant",
  "requested_amount",
  "currency",
  "tenor_days",
  "product",
  "score",
  "grade",
  "status",
  "assignee",
] as const;

/** Every referral of the lender's queue that its filter matches, in the queue's order. */
export async function exportLenderQueue(
  db: Db,
  input: ExportRequest & { lenderOrgId: string; filter: QueueFilter },
): Promise<CsvExport> {
  const now = input.now ?? new Date();
  async function* slices() {
    for await (const rows of queueExportSlices(db, input.lenderOrgId, input.filter, input.actor.id, { now }))
      yield rows.map((row): CsvCell[] => [
        row.id,
        row.createdAt,
        row.merchantName,
        dollars(row.requestedAmountCents),
        "USD",
        row.tenorDays,
        row.productName,
        row.score,
        row.grade,
        row.status,
        row.assigneeName,
      ]);
  }
  return startExport(
    db,
    { ...input, now },
    {
      list: "lender_queue",
      action: "lender.queue_exported",
      filters: input.filter,
      columns: LENDER_QUEUE_COLUMNS,
      slices: slices(),
    },
  );
}

export const ADMIN_APPLICATIONS_COLUMNS = [
  "application_id",
  "merchant",
  "requested_amount",
  "currency",
  "product_type_wanted",
  "tenor_days",
  "status",
  "referrals",
  "created_at",
  "submitted_at",
] as const;

/** Every application the admins' filter matches, newest first. */
export async function exportAdminApplications(
  db: Db,
  input: ExportRequest & { filter: Omit<AdminApplicationsFilter, "page"> },
): Promise<CsvExport> {
  const where = adminApplicationsWhere(input.filter);
  const slices = cursorSlices(
    (page) =>
      db.application.findMany({
        where,
        orderBy: NEWEST_FIRST,
        ...page,
        select: {
          id: true,
          status: true,
          requestedAmountCents: true,
          productTypeWanted: true,
          tenorDays: true,
          createdAt: true,
          submittedAt: true,
          merchant: { select: { legalName: true } },
          _count: { select: { referrals: true } },
        },
      }),
    (row): CsvCell[] => [
      row.id,
      row.merchant.legalName,
      dollars(row.requestedAmountCents),
      "USD",
      row.productTypeWanted,
      row.tenorDays,
      row.status,
      row._count.referrals,
      iso(row.createdAt),
      iso(row.submittedAt),
    ],
  );
  return startExport(db, input, {
    list: "applications",
    action: "admin.applications_exported",
    filters: input.filter,
    columns: ADMIN_APPLICATIONS_COLUMNS,
    slices,
  });
}

export const ADMIN_USERS_COLUMNS = [
  "user_id",
  "name",
  "email",
  "role",
  "lender_role",
  "organisation",
  "status",
  "created_at",
  "deactivated_at",
] as const;

/** Every account the users filter matches, newest first. */
export async function exportAdminUsers(
  db: Db,
  input: ExportRequest & { filter: Omit<UsersFilter, "page"> },
): Promise<CsvExport> {
  const where = usersWhere(input.filter);
  const slices = cursorSlices(
    (page) =>
      db.user.findMany({
        where,
        orderBy: NEWEST_FIRST,
        ...page,
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          createdAt: true,
          deactivatedAt: true,
          merchantMember: { select: { merchant: { select: { legalName: true } } } },
          lenderMember: { select: { role: true, lenderOrg: { select: { name: true } } } },
        },
      }),
    (row): CsvCell[] => [
      row.id,
      row.name,
      row.email,
      row.role,
      row.lenderMember?.role ?? null,
      row.lenderMember?.lenderOrg.name ?? row.merchantMember?.merchant.legalName ?? "TradeLift",
      row.deactivatedAt ? "DEACTIVATED" : "ACTIVE",
      iso(row.createdAt),
      iso(row.deactivatedAt),
    ],
  );
  return startExport(db, input, {
    list: "users",
    action: "admin.users_exported",
    filters: input.filter,
    columns: ADMIN_USERS_COLUMNS,
    slices,
  });
}

export const AUDIT_LOG_COLUMNS = [
  "event_id",
  "created_at",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "details",
  "ip",
] as const;

/** Every audit event the log's filter matches, newest first (the export's own event included). */
export async function exportAuditLog(
  db: Db,
  input: ExportRequest & { filter: Omit<AuditFilter, "page"> },
): Promise<CsvExport> {
  const where = auditWhere(input.filter);
  const slices = cursorSlices(
    (page) =>
      db.auditEvent.findMany({
        where,
        orderBy: NEWEST_FIRST,
        ...page,
        select: {
          id: true,
          createdAt: true,
          actorId: true,
          actorName: true,
          actorRole: true,
          action: true,
          entityType: true,
          entityId: true,
          summaryJson: true,
          ip: true,
        },
      }),
    (row): CsvCell[] => [
      row.id,
      iso(row.createdAt),
      row.actorId,
      row.actorName,
      row.actorRole,
      row.action,
      row.entityType,
      row.entityId,
      row.summaryJson === "{}" ? null : row.summaryJson,
      row.ip,
    ],
  );
  return startExport(db, input, {
    list: "audit_log",
    action: "admin.audit_log_exported",
    filters: input.filter,
    columns: AUDIT_LOG_COLUMNS,
    slices,
  });
}
