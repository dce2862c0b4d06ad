// Between the password and the second factor there is no session: only this signed cookie, which
// names the user, what is left to do (a code, or enrolment for staff without an authenticator),
// where to go afterwards, and until when it is good. Every guard reads the session, not this
// cookie, so nothing but the second-step pages can be reached with it
// (docs/design/accounts.md#two-factor-authentication).
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

export const PENDING_LOGIN_MINUTES = 10;

export type PendingLogin = {
  userId: string;
  next: "code" | "enrol";
  redirectTo: string;
  /** Ties the state to the password it was earned with: a reset meanwhile voids it. */
  fingerprint: string;
  expiresAt: number;
};

let cookie: ReturnType<typeof createCookie> | undefined;

function pendingCookie() {
  const config = env();
  cookie ??= createCookie("__login_pending", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.APP_URL.startsWith("https:"),
    secrets: config.SESSION_SECRET,
    maxAge: PENDING_LOGIN_MINUTES * 60,
  });
  return cookie;
}

export async function pendingLoginCookie(
  input: Omit<PendingLogin, "expiresAt">,
  now: Date = new Date(),
): Promise<string> {
  const value: PendingLogin = { ...input, expiresAt: now.getTime() + PENDING_LOGIN_MINUTES * 60_000 };
  return pendingCookie().serialize(value);
}

export async function clearPendingLoginCookie(): Promise<string> {
  return pendingCookie().serialize("", { maxAge: 0 });
}

/** The pending log-in of this request, when its signature holds and it has not expired. */
export async function readPendingLogin(
  request: Request,
  now: Date = new Date(),
): Promise<PendingLogin | null> {
  const value: unknown = await pendingCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { userId, next, redirectTo, fingerprint, expiresAt } = value as Record<string, unknown>;
  if (
    typeof userId !== "string" ||
    (next !== "code" && next !== "enrol") ||
    typeof redirectTo !== "string" ||
    typeof fingerprint !== "string" ||
    typeof expiresAt !== "number" ||
    expiresAt <= now.getTime()
  )
    return null;
  return { userId, next, redirectTo, fingerprint, expiresAt };
}
