// What platform staff see across the marketplace.
import { z } from "zod";
import { USER_ROLES } from "~/domain/accounts/roles";
import { AUDIT_ENTITY_TYPES } from "~/domain/audit/entity-types";
import type { OutboxStatus } from "~/domain/notifications/workflow";
import { containsText, type Db } from "~/utils/db.server";
import { filledParams, pageParam } from "~/utils/list-query";

export async function platformCounts(db: Db) {
  const [
    partners,
    activePartners,
    products,
    activeProducts,
    merchants,
    completeProfiles,
    users,
    admins,
    lenderUsers,
    merchantUsers,
    applications,
    submittedApplications,
    pendingEmails,
  ] = await Promise.all([
    db.lenderOrg.count(),
    db.lenderOrg.count({ where: { status: "ACTIVE" } }),
    db.lenderProduct.count(),
    db.lenderProduct.count({ where: { status: "ACTIVE" } }),
    db.merchant.count(),
    db.merchant.count({ where: { profileCompletedAt: { not: null } } }),
    db.user.count(),
    db.user.count({ where: { role: "ADMIN" } }),
    db.user.count({ where: { role: "LENDER" } }),
    db.user.count({ where: { role: "MERCHANT" } }),
    db.application.count(),
    db.application.count({ where: { status: { not: "DRAFT" } } }),
    db.outboxEmail.count({ where: { status: "PENDING" } }),
  ]);
  return {
    partners,
    activePartners,
    products,
    activeProducts,
    merchants,
    completeProfiles,
    users,
    admins,
    lenderUsers,
    merchantUsers,
    applications,
    submittedApplications,
    pendingEmails,
  };
}

export const USERS_PAGE_SIZE = 50;

const UsersFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(USER_ROLES).optional().catch(undefined),
  page: pageParam(),
});

export type UsersFilter = z.infer<typeof UsersFilterSchema>;

/** The users list's filter from its query string: a value that does not parse is ignored. */
export function parseUsersFilter(params: URLSearchParams): UsersFilter {
  return UsersFilterSchema.parse(filledParams(params));
}

/** The accounts a users filter matches (the list and its CSV export). */
export function usersWhere(filter: Omit<UsersFilter, "page">) {
  return {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.q ? { OR: [{ email: containsText(filter.q) }, { name: containsText(filter.q) }] } : {}),
  };
}

/** Every account, newest first, a page at a time; by role, and by a part of the name or e-mail. */
export async function listUsers(db: Db, filter: UsersFilter) {
  const where = usersWhere(filter);
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        deactivatedAt: true,
        createdAt: true,
        merchantMember: { select: { merchant: { select: { legalName: true } } } },
        lenderMember: { select: { role: true, lenderOrg: { select: { id: true, name: true } } } },
      },
    }),
    db.user.count({ where }),
  ]);
  // Failed log-ins of the last day, across every source (app/domain/accounts/login-throttle.ts).
  const since = new Date(Date.now() - 24 * 3_600_000);
  const throttles = await db.loginThrottle.findMany({
    where: { key: { in: rows.map((row) => `account:${row.email}`) }, lastFailedAt: { gt: since } },
    select: { key: true, failures: true },
  });
  const failures = new Map(throttles.map((t) => [t.key.slice("account:".length), t.failures]));
  return {
    rows: rows.map((row) => ({ ...row, recentFailedLogins: failures.get(row.email) ?? 0 })),
    total,
    pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
  };
}

/** The newest messages of the outbox, all or of one status (failed mail to send again). */
export async function listOutbox(db: Db, filter: { status?: OutboxStatus } = {}, take = 100) {
  return db.outboxEmail.findMany({
    where: filter.status ? { status: filter.status } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      status: true,
      attempts: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      attachments: { select: { id: true, fileName: true }, orderBy: { createdAt: "asc" } },
    },
  });
}

/** One message of the outbox as it was rendered: both parts, its status and its attachments. */
export function outboxMessage(db: Db, emailId: string) {
  return db.outboxEmail.findUnique({
    where: { id: emailId },
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      html: true,
      status: true,
      attempts: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      attachments: {
        select: { id: true, fileName: true, contentType: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

/** One file sent with an outbox message, for an admin to read what was sent. */
export function outboxAttachment(db: Db, input: { emailId: string; attachmentId: string }) {
  return db.outboxAttachment.findFirst({
    where: { id: input.attachmentId, outboxEmailId: input.emailId },
    select: { fileName: true, contentType: true, content: true },
  });
}

export const AUDIT_PAGE_SIZE = 100;

export type AuditFilter = { actor?: string; entityType?: string; from?: Date; to?: Date; page?: number };

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

const AuditQuerySchema = z.object({
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  from: day,
  to: day,
  page: pageParam(),
});

/** The audit log's filter as typed in its query string (shown back on the page); unreadable parts are ignored. */
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  return AuditQuerySchema.parse({
    entityType: params.get("entityType") || undefined,
    actor: params.get("actor") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    page: params.get("page") || undefined,
  });
}

/** The query as the list reads it: days become instants, and "to" takes in the whole of its day. */
export function auditFilterOf(query: AuditQuery): AuditFilter {
  return {
    entityType: query.entityType,
    actor: query.actor,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
    page: query.page,
  };
}

/** The events an audit filter matches (the log and its CSV export). */
export function auditWhere(filter: AuditFilter) {
  return {
    ...(filter.actor
      ? { OR: [{ actorName: containsText(filter.actor) }, { actor: { email: containsText(filter.actor) } }] }
      : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: filter.from } : {}),
            ...(filter.to ? { lt: filter.to } : {}),
          },
        }
      : {}),
  };
}

/**
 * Audit events, newest first, a page at a time, by actor (a part of the name the event kept, or of
 * the account's e-mail), entity type and period. Rows show the name kept in the event, never the
 * account's current name.
 */
export async function listAuditEvents(db: Db, filter: AuditFilter = {}) {
  const where = auditWhere(filter);
  const page = filter.page ?? 1;
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        entityType: true,
        entityId: true,
        summaryJson: true,
        ip: true,
        createdAt: true,
        actorId: true,
        actorName: true,
        actorRole: true,
      },
    }),
    db.auditEvent.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
