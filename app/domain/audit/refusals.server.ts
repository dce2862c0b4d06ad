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
  const limit = await hitRateLimit(`refusal:${who}`, REFUSAL_LIMIT, REFUSAL_WINDOW_MS, now);
  if (!limit.allowed) {
    await addToCount(`refusal-suppressed:${who}`, now);
    return "suppressed";
  }
  const suppressed = await takeCount(`refusal-suppressed:${who}`);
  await recordAudit(db, {
    actor: refusal.actor,
    action: refusal.status === 409 ? "transition.refused" : "access.refused",
    entityType: refusal.entity?.type ?? "Request",
    entityId: refusal.entity?.id ?? null,
    summary: {
      status: refusal.status,
      method: refusal.method,
      path: refusal.path,
      ...(refusal.message ? { message: refusal.message.slice(0, 300) } : {}),
      // Refusals of this actor the limit kept out of the trail since its last recorded one.
      ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}),
    },
    ip: refusal.ip,
  });
  return "recorded";
}
