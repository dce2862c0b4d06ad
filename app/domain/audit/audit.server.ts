// The append-only audit trail. Every state change, log-in, permission failure and export is one
// row, written in the same transaction as the change it records.
import type { Db, Prisma } from "~/utils/db.server";

export type AuditActor = { id: string; role: string } | null;

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: Record<string, unknown>;
  ip?: string | null;
};

type Writer = Db | Prisma.TransactionClient;

export async function recordAudit(db: Writer, input: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorRole: input.actor?.role ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      summaryJson: JSON.stringify(input.summary ?? {}),
      ip: input.ip ?? null,
    },
  });
}
