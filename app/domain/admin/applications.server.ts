// The admins' list of every application on the platform.
import { z } from "zod";
import { APPLICATION_ROW_SELECT } from "~/domain/applications/applications.server";
import { APPLICATION_STATUSES } from "~/domain/applications/workflow";
import type { Db } from "~/utils/db.server";
import { filledParams, pageParam } from "~/utils/list-query";

export const ADMIN_APPLICATIONS_PAGE_SIZE = 50;

const AdminApplicationsFilterSchema = z.object({
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  page: pageParam(),
});

export type AdminApplicationsFilter = z.infer<typeof AdminApplicationsFilterSchema>;

/** The list's filter from its query string: a value that does not parse is ignored, never an error. */
export function parseAdminApplicationsFilter(params: URLSearchParams): AdminApplicationsFilter {
  return AdminApplicationsFilterSchema.parse(filledParams(params));
}

/** The applications the admins' filter matches (the list and its CSV export). */
export function adminApplicationsWhere(filter: Omit<AdminApplicationsFilter, "page">) {
  return filter.status ? { status: filter.status } : {};
}

/** Every application on the platform, newest first, a page at a time, optionally of one status. */
export async function listApplicationsForAdmin(db: Db, filter: AdminApplicationsFilter) {
  const where = adminApplicationsWhere(filter);
  const [rows, total] = await Promise.all([
    db.application.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * ADMIN_APPLICATIONS_PAGE_SIZE,
      take: ADMIN_APPLICATIONS_PAGE_SIZE,
      select: { ...APPLICATION_ROW_SELECT, merchant: { select: { legalName: true } } },
    }),
    db.application.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / ADMIN_APPLICATIONS_PAGE_SIZE)) };
}
