import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/domain/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { destroySessionCookie, getSessionUser, revokeSession } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSessionUser(request);
  if (session) {
    await revokeSession(session.sessionId);
    await recordAudit(prisma, {
      actor: { id: session.user.id, role: session.user.role },
      action: "auth.logged_out",
      entityType: "User",
      entityId: session.user.id,
      ip: clientIp(context),
    });
  }
  return redirect("/", { headers: { "Set-Cookie": await destroySessionCookie() } });
}
