// The guards every loader and action starts with. A visitor without a session is sent to log in;
// a signed-in user of another role, or one without the membership the page needs, gets a 404, so
// pages of other roles cannot be told apart from pages that do not exist.
import { redirect } from "@remix-run/node";
import type { LenderMemberRole } from "~/domain/accounts/roles";
import { homePathFor, UserRole } from "~/domain/accounts/roles";
import { notFound } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { getSessionUser } from "~/utils/session.server";

export type Actor = SessionUser["user"] & { sessionId: string };

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const target = `${url.pathname}${url.search}`;
  const query = target === "/" ? "" : `?${new URLSearchParams({ redirectTo: target })}`;
  throw redirect(`/login${query}`);
}

async function requireSession(request: Request): Promise<SessionUser> {
  const session = await getSessionUser(request);
  if (!session) loginRedirect(request);
  return session;
}

export async function requireUser(request: Request): Promise<Actor> {
  const session = await requireSession(request);
  return { ...session.user, sessionId: session.sessionId };
}

/** For log-in and sign-up pages: a signed-in visitor goes to their home instead. */
export async function requireAnonymous(request: Request): Promise<void> {
  const session = await getSessionUser(request);
  if (session) {
    const role = UserRole.safeParse(session.user.role);
    throw redirect(role.success ? homePathFor(role.data) : "/");
  }
}

export type MerchantActor = Actor & { merchantId: string; memberRole: string };

export async function requireMerchant(request: Request): Promise<MerchantActor> {
  const { user, sessionId, merchantMember: member } = await requireSession(request);
  if (user.role !== "MERCHANT" || !member) notFound();
  return { ...user, sessionId, merchantId: member.merchantId, memberRole: member.role };
}

export type LenderActor = Actor & {
  lenderOrgId: string;
  lenderOrgName: string;
  lenderRole: LenderMemberRole;
};

export async function requireLender(
  request: Request,
  options: { role?: LenderMemberRole } = {},
): Promise<LenderActor> {
  const { user, sessionId, lenderMember: member } = await requireSession(request);
  if (user.role !== "LENDER" || !member || member.deactivated) notFound();
  const lenderRole = member.role as LenderMemberRole;
  if (options.role && options.role !== lenderRole) notFound();
  return {
    ...user,
    sessionId,
    lenderOrgId: member.lenderOrgId,
    lenderOrgName: member.lenderOrgName,
    lenderRole,
  };
}

export async function requireAdmin(request: Request): Promise<Actor> {
  const user = await requireUser(request);
  if (user.role !== "ADMIN") notFound();
  return user;
}
