// A partner's status history, read from the audit log: every move of its status table (created
// or applied, activated, suspended, reactivated, rejected) with who, when and the reason. The audit
// log is append-only, so this is the record as it happened (docs/design/audit.md).
import type { Db } from "~/utils/db.server";

export type PartnerStatusMove = {
  id: string;
  at: Date;
  /** null when the move was made through the public form (the applicant has no account). */
  actorName: string | null;
  actorRole: string | null;
  from: string | null;
  to: string;
  reason: string | null;
  action: string;
};

function reasonOf(summary: Record<string, unknown>): string | null {
  const reason = summary.reason;
  if (typeof reason === "string") return reason;
  if (reason && typeof reason === "object" && "after" in reason) {
    const after = (reason as { after: unknown }).after;
    return typeof after === "string" ? after : null;
  }
  return null;
}

export async function partnerStatusHistory(db: Db, lenderOrgId: string): Promise<PartnerStatusMove[]> {
  const events = await db.auditEvent.findMany({
    where: { entityType: "LenderOrg", entityId: lenderOrgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, createdAt: true, actorName: true, actorRole: true, action: true, summaryJson: true },
  });
  const moves: PartnerStatusMove[] = [];
  for (const event of events) {
    let summary: Record<string, unknown>;
    try {
      summary = JSON.parse(event.summaryJson) as Record<string, unknown>;
    } catch {
      continue;
    }
    // Only status moves: edits of the partner's details carry no `to`.
    if (typeof summary.to !== "string") continue;
    moves.push({
      id: event.id,
      at: event.createdAt,
      actorName: event.actorName,
      actorRole: event.actorRole,
      from: typeof summary.from === "string" ? summary.from : null,
      to: summary.to,
      reason: reasonOf(summary),
      action: event.action,
    });
  }
  return moves;
}
