// The one place that writes a `status` column. Every workflow's move goes through `transition`
// (or `createInStatus` for a record's first status): it checks the move against the workflow's
// table, writes the status with a conditional update (so of two racing moves exactly one wins)
// and appends the audit event, in the caller's transaction. A test
// (tests/integration/status-writes.test.ts) fails when any other code writes a status.

import { type AuditActor, recordAudit } from "~/domain/audit/audit.server";
import { recordActionTaken } from "~/domain/section1071/action-taken.server";
import type { Prisma } from "~/utils/db.server";
import { canMove, isFinal, isStatus, type Machine, TransitionError, type WorkflowEntity } from "./machine";

type Tx = Prisma.TransactionClient;

/** The part of a Prisma model delegate the guard uses; every governed model has these. */
type StatusDelegate = {
  findFirst(args: {
    where: Record<string, unknown>;
    select: { status: true };
  }): Promise<{ status: string } | null>;
  updateMany(args: {
    where: Record<string, unknown>;
    data: Record<string, unknown>;
  }): Promise<{ count: number }>;
  create(args: { data: Record<string, unknown>; select: { id: true } }): Promise<{ id: string }>;
};

const DELEGATES: Record<WorkflowEntity, keyof Tx> = {
  Application: "application",
  Referral: "referral",
  Offer: "offer",
  Funding: "funding",
  ExportOrder: "exportOrder",
  InfoRequest: "infoRequest",
  BankConnection: "bankConnection",
  LenderOrg: "lenderOrg",
  LenderProduct: "lenderProduct",
  OutboxEmail: "outboxEmail",
  ScreeningHit: "screeningHit",
  Deal: "deal",
  WebhookDelivery: "webhookDelivery",
};

function delegate(tx: Tx, entity: WorkflowEntity): StatusDelegate {
  return tx[DELEGATES[entity]] as unknown as StatusDelegate;
}

/** Columns written with the status: anything but the status itself. */
export type MoveData = Record<string, unknown> & { status?: never };

export type AuditOf = {
  actor: AuditActor;
  ip?: string | null;
  /** Defaults to `<entity>.<to>` in lower case, e.g. `offer.withdrawn`. */
  action?: string;
  /** Fields that matter, before and after, or anything else worth keeping with the event. */
  summary?: Record<string, unknown>;
};

export type Move<S extends string> = AuditOf & {
  id: string;
  /** Extra conditions the record must meet, such as its owner: a record that fails them is "not found". */
  scope?: Record<string, unknown>;
  /** The statuses this action starts from (a subset of the table's); any the table allows when absent. */
  from?: readonly S[];
  to: S;
  data?: MoveData;
};

export type MoveResult<S extends string> =
  | { ok: true; from: S }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; from: string; message: string };

function actionName(entity: WorkflowEntity, to: string): string {
  return `${entity.charAt(0).toLowerCase()}${entity.slice(1)}.${to.toLowerCase()}`;
}

function conflictMessage(machine: Machine<string>, from: string, to: string): string {
  return new TransitionError(machine.entity, from, to, machine.noun).message;
}

/**
 * Moves one record to `to` when its table allows it from the record's current status (and that
 * status is among `from`), writing `data` with it and the audit event with `{ from, to }`.
 */
export async function transition<S extends string>(
  tx: Tx,
  machine: Machine<S>,
  move: Move<S>,
): Promise<MoveResult<S>> {
  const rows = delegate(tx, machine.entity);
  const current = await rows.findFirst({ where: { id: move.id, ...move.scope }, select: { status: true } });
  if (!current) return { ok: false, reason: "not-found" };
  const from = current.status;
  if (
    !isStatus(machine, from) ||
    (move.from && !move.from.includes(from)) ||
    !canMove(machine, from, move.to)
  ) {
    return { ok: false, reason: "conflict", from, message: conflictMessage(machine, from, move.to) };
  }
  const changed = await rows.updateMany({
    where: { id: move.id, status: from },
    data: { ...move.data, status: move.to },
  });
  if (changed.count !== 1) {
    return {
      ok: false,
      reason: "conflict",
      from,
      message: `Someone else changed this ${machine.noun} in the meantime; reload the page.`,
    };
  }
  await recordAudit(tx, {
    actor: move.actor,
    action: move.action ?? actionName(machine.entity, move.to),
    entityType: machine.entity,
    entityId: move.id,
    summary: { from, to: move.to, ...move.summary },
    ip: move.ip ?? null,
  });
  // However an application ends, its Section 1071 action taken follows in the same transaction:
  // one rule, whichever path ended it (docs/design/section-1071.md).
  if (machine.entity === "Application" && isFinal(machine, move.to)) await recordActionTaken(tx, move.id);
  return { ok: true, from };
}

/** `transition`, for callers to which a refusal is a bug (the caller checked the state already). */
export async function mustTransition<S extends string>(
  tx: Tx,
  machine: Machine<S>,
  move: Move<S>,
): Promise<S> {
  const moved = await transition(tx, machine, move);
  if (!moved.ok) {
    throw moved.reason === "not-found"
      ? new Error(`${machine.entity} ${move.id} not found`)
      : new TransitionError(machine.entity, moved.from, move.to, machine.noun);
  }
  return moved.from;
}

/**
 * Creates a record in one of its table's initial statuses, with the audit event
 * (`<entity>.created` unless another action is given, summary `{ to }`).
 */
export async function createInStatus<S extends string>(
  tx: Tx,
  machine: Machine<S>,
  input: AuditOf & { status: S; data: MoveData },
): Promise<{ id: string }> {
  if (!machine.initial.includes(input.status))
    throw new TransitionError(machine.entity, null, input.status, machine.noun);
  const created = await delegate(tx, machine.entity).create({
    data: { ...input.data, status: input.status },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: input.actor,
    action: input.action ?? actionName(machine.entity, "created"),
    entityType: machine.entity,
    entityId: created.id,
    summary: { to: input.status, ...input.summary },
    ip: input.ip ?? null,
  });
  return created;
}

/**
 * Creates many records at once in one initial status (an import), with one audit event for the
 * batch: `<entity>.imported` unless another action is given, summary `{ to, count }`.
 */
export async function createManyInStatus<S extends string>(
  tx: Tx,
  machine: Machine<S>,
  input: AuditOf & { status: S; rows: MoveData[]; entityId?: string | null },
): Promise<number> {
  if (!machine.initial.includes(input.status))
    throw new TransitionError(machine.entity, null, input.status, machine.noun);
  const rows = tx[DELEGATES[machine.entity]] as unknown as {
    createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
  };
  const created = await rows.createMany({
    data: input.rows.map((row) => ({ ...row, status: input.status })),
  });
  await recordAudit(tx, {
    actor: input.actor,
    action: input.action ?? actionName(machine.entity, "imported"),
    entityType: machine.entity,
    entityId: input.entityId ?? null,
    summary: { to: input.status, count: created.count, ...input.summary },
    ip: input.ip ?? null,
  });
  return created.count;
}
