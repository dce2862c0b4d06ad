// The append-only audit trail. Every state change, log-in, permission failure and export is one
// row, written in the same transaction as the change it records. Database triggers refuse UPDATE
// and DELETE on these rows, and each row keeps its actor's name, so the trail reads the same
// whatever later happens to the account.
import type { Db, Prisma } from "~/utils/db.server";

export type AuditActor = { id: string; role: string; name?: string } | null;

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: Record<string, unknown>;
  ip?: string | null;
};

type Writer = Db | Prisma.TransactionClient;

async function actorName(db: Writer, actor: AuditActor): Promise<string | null> {
  if (!actor) return null;
  if (actor.name) return actor.name;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  return user?.name ?? null;
}

export async function recordAudit(db: Writer, input: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorName: await actorName(db, input.actor),
      actorRole: input.actor?.role ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      summaryJson: JSON.stringify(input.summary ?? {}, (_key, value) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
      ip: input.ip ?? null,
    },
  });
}

/** The fields whose value differs between two versions of a record, each before and after. */
export function changedFields<K extends string>(
  fields: readonly K[],
  before: Record<K, unknown>,
  after: Record<K, unknown>,
): Partial<Record<K, { before: unknown; after: unknown }>> {
  const changes: Partial<Record<K, { before: unknown; after: unknown }>> = {};
  for (const field of fields) {
    const was = before[field];
    const now = after[field];
    if (String(was ?? "") !== String(now ?? "")) changes[field] = { before: was ?? null, after: now ?? null };
  }
  return changes;
}
