// Lender and admin users are never self-made: they arrive by a one-time, expiring link that an
// admin (or a lender admin, for its underwriters) creates. Only the token's hash is stored.
import { recordAudit } from "~/domain/audit/audit.server";
import { formatDayTime } from "~/domain/dates";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { invitationEmail } from "~/domain/notifications/templates";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hashPassword } from "./password.server";
import type { LenderMemberRole } from "./roles";
import { LENDER_MEMBER_ROLE_LABELS } from "./roles";

export type InvitationTarget =
  | { kind: "admin" }
  | { kind: "lender"; lenderOrgId: string; lenderRole: LenderMemberRole };

export class InviteeExistsError extends Error {
  constructor() {
    super("This person already has a TradeLift account.");
    this.name = "InviteeExistsError";
  }
}

export function invitationUrl(token: string): string {
  return new URL(`/invitations/${token}`, env().APP_URL).toString();
}

export async function createInvitation(
  db: Db,
  input: {
    name: string;
    email: string;
    target: InvitationTarget;
    actor: { id: string; role: string };
    ip: string;
    now?: Date;
  },
): Promise<{ invitationId: string; url: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new InviteeExistsError();
  const token = randomToken();
  const url = invitationUrl(token);
  const expiresAt = new Date(now.getTime() + env().INVITATION_TTL_HOURS * 3_600_000);
  const invitationId = await db.$transaction(async (tx) => {
    let where = "TradeLift as a platform administrator";
    if (input.target.kind === "lender") {
      const org = await tx.lenderOrg.findUniqueOrThrow({
        where: { id: input.target.lenderOrgId },
        select: { name: true },
      });
      where = `${org.name} on TradeLift as ${LENDER_MEMBER_ROLE_LABELS[input.target.lenderRole].toLowerCase()}`;
    }
    const invitation = await tx.invitation.create({
      data: {
        tokenHash: sha256Hex(token),
        email: input.email,
        name: input.name,
        role: input.target.kind === "admin" ? "ADMIN" : "LENDER",
        lenderOrgId: input.target.kind === "lender" ? input.target.lenderOrgId : null,
        lenderRole: input.target.kind === "lender" ? input.target.lenderRole : null,
        invitedById: input.actor.id,
        expiresAt,
      },
      select: { id: true },
    });
    await enqueueEmail(tx, {
      to: input.email,
      template: invitationEmail({
        name: input.name,
        where,
        link: url,
        expiresAt: formatDayTime(expiresAt),
      }),
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "auth.invitation_created",
      entityType: "Invitation",
      entityId: invitation.id,
      summary: {
        email: input.email,
        role: input.target.kind === "admin" ? "ADMIN" : "LENDER",
        lenderOrgId: input.target.kind === "lender" ? input.target.lenderOrgId : null,
        lenderRole: input.target.kind === "lender" ? input.target.lenderRole : null,
      },
      ip: input.ip,
    });
    return invitation.id;
  });
  return { invitationId, url, expiresAt };
}

/** The open invitation behind a token, or null when it is unknown, used, revoked or expired. */
export async function findOpenInvitation(db: Db, token: string, now: Date = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return db.invitation.findFirst({
    where: { tokenHash: sha256Hex(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      lenderRole: true,
      expiresAt: true,
      lenderOrg: { select: { name: true } },
    },
  });
}

export type AcceptOutcome =
  | { ok: true; userId: string; role: string }
  | { ok: false; reason: "gone" | "exists" };

/**
 * Accepts an invitation once: the conditional update on acceptedAt makes a second use (or two at
 * the same moment) fail, and the user is created in the same transaction.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; password: string; ip: string; now?: Date },
): Promise<AcceptOutcome> {
  const now = input.now ?? new Date();
  const invitation = await findOpenInvitation(db, input.token, now);
  if (!invitation) return { ok: false, reason: "gone" };
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) return { ok: false as const, reason: "gone" as const };
      const full = await tx.invitation.findUniqueOrThrow({
        where: { id: invitation.id },
        select: { email: true, role: true, lenderOrgId: true, lenderRole: true },
      });
      const taken = await tx.user.findUnique({ where: { email: full.email }, select: { id: true } });
      if (taken) throw new InviteeExistsError();
      const user = await tx.user.create({
        data: { email: full.email, name: input.name, passwordHash, role: full.role },
        select: { id: true },
      });
      if (full.role === "LENDER" && full.lenderOrgId && full.lenderRole) {
        await tx.lenderMember.create({
          data: { userId: user.id, lenderOrgId: full.lenderOrgId, role: full.lenderRole },
        });
      }
      await recordAudit(tx, {
        actor: { id: user.id, role: full.role },
        action: "auth.invitation_accepted",
        entityType: "Invitation",
        entityId: invitation.id,
        summary: {
          email: full.email,
          role: full.role,
          lenderOrgId: full.lenderOrgId,
          lenderRole: full.lenderRole,
        },
        ip: input.ip,
      });
      return { ok: true as const, userId: user.id, role: full.role };
    });
  } catch (error) {
    if (error instanceof InviteeExistsError) return { ok: false, reason: "exists" };
    throw error;
  }
}

export async function revokeInvitation(
  db: Db,
  input: {
    invitationId: string;
    scope: { lenderOrgId?: string };
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const revoked = await tx.invitation.updateMany({
      where: { id: input.invitationId, acceptedAt: null, revokedAt: null, ...input.scope },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) return false;
    await recordAudit(tx, {
      actor: input.actor,
      action: "auth.invitation_revoked",
      entityType: "Invitation",
      entityId: input.invitationId,
      ip: input.ip,
    });
    return true;
  });
}
