import type { LoaderFunctionArgs } from "@remix-run/node";
import { outboxMessage } from "~/domain/admin/admin.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { requireAdmin } from "~/web/permissions.server";

/**
 * A message's HTML part as its recipient's mail program shows it, for the sandboxed frame of the
 * outbox page (server.js lets this page alone be framed by the app and keep e-mail's inline styles).
 * Every stored HTML body comes from the escaping renderer (app/domain/notifications/templates.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const email = await outboxMessage(prisma, params.emailId ?? "");
  if (!email?.html) notFound("This message has no HTML part.");
  return new Response(email.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
