// The end of a log-in, whichever step it ends at: the session cookie is set, the pending
// second-step state (app/utils/pending-login.server.ts) is cleared, and the person goes on.
import { redirect } from "@remix-run/node";
import { accountForPendingLogin } from "~/domain/accounts/two-factor.server";
import { prisma } from "~/utils/db.server";
import { clearPendingLoginCookie, readPendingLogin } from "~/utils/pending-login.server";
import { userAgent } from "~/utils/request.server";
import { createSession } from "~/utils/session.server";
import { redirectWithToast, type Toast } from "~/utils/toast.server";

export async function sessionHeaders(
  request: Request,
  input: { userId: string; ip: string },
): Promise<Headers> {
  const { setCookie } = await createSession(prisma, {
    userId: input.userId,
    ip: input.ip,
    userAgent: userAgent(request),
  });
  const headers = new Headers();
  headers.append("Set-Cookie", setCookie);
  headers.append("Set-Cookie", await clearPendingLoginCookie());
  return headers;
}

export async function finishLogin(
  request: Request,
  input: { userId: string; ip: string; redirectTo: string; toast?: Toast },
) {
  const headers = await sessionHeaders(request, input);
  return input.toast
    ? redirectWithToast(input.redirectTo, input.toast, headers)
    : redirect(input.redirectTo, { headers });
}

/**
 * The pending log-in of this request and its account, for the step this page handles; without
 * one (expired, tampered with, another step, the password changed meanwhile) back to log-in.
 */
export async function requirePendingLogin(request: Request, next: "code" | "enrol") {
  const pending = await readPendingLogin(request);
  const account = pending && pending.next === next ? await accountForPendingLogin(prisma, pending) : null;
  if (!pending || !account)
    throw await redirectWithToast(
      "/login",
      {
        kind: "info",
        title: "Log in again",
        description: "That log-in took too long or is no longer valid. Start again with your password.",
      },
      { "Set-Cookie": await clearPendingLoginCookie() },
    );
  return { pending, account };
}
