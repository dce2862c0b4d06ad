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
    secrets: config.SESSION_SECRET,
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
  /** timeZone: the IANA zone the pages show times in (null: not known yet, shown in UTC). */
  user: { id: string; email: string; name: string; role: string; timeZone: string | null };
  /** The user's business, for merchants. */
  merchantMember: { merchantId: string; role: string } | null;
  /** The user's lender organisation, for lender staff (deactivated members included: the guard refuses them). */
  lenderMember: { lenderOrgId: string; lenderOrgName: string; role: string; deactivated: boolean } | null;
};

type SessionRow = {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: string;
  timeZone: string | null;
  merchantId: string | null;
  merchantRole: string | null;
  lenderOrgId: string | null;
  lenderOrgName: string | null;
  lenderRole: string | null;
  lenderDeactivatedAt: unknown;
};

/**
 * The signed-in user of this request, or null when the session is missing, expired or revoked,
 * or its user deactivated. Every page reads it, so it is one SQL statement (the session, its user
 * and the user's membership) rather than three queries through Prisma's query engine, which cost
 * about ten times as much.
 */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  return memoizeForRequest(`session:${sessionId}`, async () => {
    const rows = await prisma.$queryRaw<SessionRow[]>`
      SELECT s."id" AS "sessionId", u."id" AS "userId", u."email", u."name", u."role", u."timeZone",
             mm."merchantId", mm."role" AS "merchantRole",
             lm."lenderOrgId", lo."name" AS "lenderOrgName", lm."role" AS "lenderRole",
             lm."deactivatedAt" AS "lenderDeactivatedAt"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "MerchantMember" mm ON mm."userId" = u."id"
      LEFT JOIN "LenderMember" lm ON lm."userId" = u."id"
      LEFT JOIN "LenderOrg" lo ON lo."id" = lm."lenderOrgId"
      LEFT JOIN "TwoFactor" tf ON tf."userId" = u."id"
      WHERE s."id" = ${sessionId} AND s."revokedAt" IS NULL AND s."expiresAt" > ${new Date()}
        AND u."deactivatedAt" IS NULL
        AND (u."role" = 'MERCHANT' OR tf."enabledAt" IS NOT NULL)`;
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.sessionId,
      user: { id: row.userId, email: row.email, name: row.name, role: row.role, timeZone: row.timeZone },
      merchantMember:
        row.merchantId && row.merchantRole ? { merchantId: row.merchantId, role: row.merchantRole } : null,
      lenderMember:
        row.lenderOrgId && row.lenderRole
          ? {
              lenderOrgId: row.lenderOrgId,
              lenderOrgName: row.lenderOrgName ?? "",
              role: row.lenderRole,
              deactivated: row.lenderDeactivatedAt !== null && row.lenderDeactivatedAt !== undefined,
            }
          : null,
    };
  });
}

export async function revokeSession(sessionId: string): Promise<void> {
  await prisma.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
