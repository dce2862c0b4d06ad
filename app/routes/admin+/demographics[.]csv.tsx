import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportingYearOf } from "~/domain/section1071/register";
import { exportRegisterCsv } from "~/domain/section1071/register.server";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { requireAdmin } from "~/web/permissions.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const year = reportingYearOf(new URL(request.url).searchParams.get("year"), new Date().getUTCFullYear());
  const { csv, filename } = await exportRegisterCsv(prisma, {
    year,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
