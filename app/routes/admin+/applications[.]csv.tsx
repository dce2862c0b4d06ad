// Every application on the platform as CSV, with the list's filter.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAdminApplicationsFilter } from "~/domain/admin/applications.server";
import { exportAdminApplications } from "~/domain/exports/exports.server";
import { prisma } from "~/utils/db.server";
import { downloadResponse } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { requireAdmin } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, context }: LoaderFunctionArgs) => {
  const actor = await requireAdmin(request);
  const { page: _page, ...filter } = parseAdminApplicationsFilter(new URL(request.url).searchParams);
  const file = await exportAdminApplications(prisma, {
    filter,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return downloadResponse(file.body, { fileName: file.fileName, contentType: "text/csv; charset=utf-8" });
});
