// Sessions live in the database; the cookie holds only the signed session id.
import { createCookie } from "@remix-run/node";
import type { Db } from "./db.server";
import { prisma } from "./db.server";
import { env } from "./env.server";
import { memoizeForRequest } from "./request-memo.server";

let cookie: ReturnType<typeof createCookie> | undefined;

export function sessionCookie() {
  const config = env();
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.APP_URL.startsWith("https:"),
    secrets: [config.SESSION_SECRET],
    maxAge: config.SESSION_TTL_DAYS * 24 * 60 * 60,
  });
  return cookie;
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length < 100 ? value : null;
}

export async function createSession(
  db: Db,
  input: { userId: string; ip: string | null; userAgent: string | null },
): Promise<{ sessionId: string; setCookie: string }> {
  const expiresAt = new Date(Date.now() + env().SESSION_TTL_DAYS * 24 * 60 * 60 * 1000);
  const session = await db.session.create({
    data: {
      userId: input.userId,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  return { sessionId: session.id, setCookie: await sessionCookie().serialize(session.id) };
}

export async function destroySessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

export type SessionUser = {
  sessionId: string;
  user: { id: string; email: string; name: string; role: string };
};

/** The signed-in user of this request, or null when the session is missing, expired or revoked. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await memoizeForRequest(`session:${sessionId}`, () =>
    prisma.session.findFirst({
      where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() }, user: { deactivatedAt: null } },
      select: { id: true, user: { select: { id: true, email: true, name: true, role: true } } },
    }),
  );
  return session ? { sessionId: session.id, user: session.user } : null;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await prisma.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
