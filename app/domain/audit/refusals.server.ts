// Refused attempts in the audit trail: a signed-in user asking for another owner's data or another
// role's page (404), or for a move a workflow's table forbids (409). Each actor (or, signed out,
// each IP) gets at most REFUSAL_LIMIT such events per window, so that a flood of refusals cannot
// flood the trail; what the limit turns away is counted, and the count is written with that
// actor's next recorded refusal.
import type { Db } from "~/utils/db.server";
import { addToCount, hitRateLimit, takeCount } from "~/utils/rate-limit.server";
import { type AuditActor, recordAudit } from "./audit.server";

export const REFUSAL_LIMIT = 20;
export const REFUSAL_WINDOW_MS = 10 * 60_000;

export type Refusal = {
  actor: AuditActor;
  ip: string;
  method: string;
  path: string;
  status: number;
  /** The record asked for, when the URL names one. */
  entity?: { type: string; id: string } | null;
  message?: string | null;
};

/** Records a refusal unless its actor's limit is reached; says which happened. */
export async function recordRefusal(
  db: Db,
  refusal: Refusal,
  now: Date = new Date(),
): Promise<"recorded" | "suppressed"> {
  const who = refusal.actor ? `user:${refusal.actor.id}` : `ip:${refusal.ip}`;
  return recordLimited(
    db,
    { key: `refusal:${who}`, limit: REFUSAL_LIMIT, windowMs: REFUSAL_WINDOW_MS, now },
    {
      actor: refusal.actor,
      action: refusal.status === 409 ? "transition.refused" : "access.refused",
      entityType: refusal.entity?.type ?? "Request",
      entityId: refusal.entity?.id ?? null,
      summary: {
        status: refusal.status,
        method: refusal.method,
        path: refusal.path,
        ...(refusal.message ? { message: refusal.message.slice(0, 300) } : {}),
      },
      ip: refusal.ip,
    },
  );
}

/**
 * Writes an audit event unless `limit` events of this key were written in the window; what the
 * limit keeps out is counted, and the count is written with the key's next recorded event as
 * `suppressedBefore`, so the trail says how many there were without holding each one.
 */
export async function recordLimited(
  db: Db,
  limit: { key: string; limit: number; windowMs: number; now?: Date },
  event: Parameters<typeof recordAudit>[1],
): Promise<"recorded" | "suppressed"> {
  const now = limit.now ?? new Date();
  const allowed = await hitRateLimit(limit.key, limit.limit, limit.windowMs, now);
  if (!allowed.allowed) {
    await addToCount(`${limit.key}:suppressed`, now);
    return "suppressed";
  }
  const suppressed = await takeCount(`${limit.key}:suppressed`);
  await recordAudit(db, {
    ...event,
    summary: { ...event.summary, ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}) },
  });
  return "recorded";
}
