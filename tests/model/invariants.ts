// The deal's invariants, read straight from the database after every step of the model-based
// test (tests/integration/deal-model.test.ts). Each returns the violations it found, in words.
import { createHash } from "node:crypto";
import { canMove, isStatus } from "~/domain/workflow/machine";
import { WORKFLOWS } from "~/domain/workflow/workflows";
import type { Db } from "~/utils/db.server";

const ENDED = ["DECLINED", "WITHDRAWN", "EXPIRED", "DISCARDED"];
const OPEN_REFERRAL = ["NEW", "IN_REVIEW", "INFO_REQUESTED", "OFFERED"];
const LIVE_OR_FUNDED = ["SUBMITTED", "IN_REVIEW", "OFFERED", "ACCEPTED", "FUNDED"];

/** What the model remembers between steps: each package's hash as first seen. */
export type Memory = { packages: Map<string, string> };

export function newMemory(): Memory {
  return { packages: new Map() };
}

export async function violations(db: Db, memory: Memory): Promise<string[]> {
  const found: string[] = [];
  const applications = await db.application.findMany({
    select: {
      id: true,
      status: true,
      offers: { select: { id: true, status: true, referralId: true, fundsProvidedCents: true } },
      referrals: { select: { id: true, status: true } },
      package: { select: { packageJson: true, sha256: true } },
      orders: { select: { exportOrderId: true } },
    },
  });
  for (const a of applications) {
    const accepted = a.offers.filter((o) => o.status === "ACCEPTED");
    if (accepted.length > 1) found.push(`application ${a.id} has ${accepted.length} accepted offers`);
    const pending = a.offers.filter((o) => o.status === "PENDING");
    if (ENDED.includes(a.status) || a.status === "ACCEPTED" || a.status === "FUNDED") {
      if (pending.length > 0) found.push(`application ${a.id} is ${a.status} with a pending offer`);
      const acceptedReferral = accepted[0]?.referralId;
      for (const r of a.referrals) {
        if (r.id === acceptedReferral) continue;
        if (OPEN_REFERRAL.includes(r.status))
          found.push(`application ${a.id} is ${a.status} but referral ${r.id} is still ${r.status}`);
      }
    }
    if ((a.status === "ACCEPTED" || a.status === "FUNDED") && accepted.length !== 1)
      found.push(`application ${a.id} is ${a.status} without exactly one accepted offer`);
    if (a.package) {
      const hash = createHash("sha256").update(a.package.packageJson).digest("hex");
      if (hash !== a.package.sha256) found.push(`application ${a.id}'s package does not match its hash`);
      const first = memory.packages.get(a.id);
      if (first === undefined) memory.packages.set(a.id, hash);
      else if (first !== hash) found.push(`application ${a.id}'s package changed after submission`);
    } else if (memory.packages.has(a.id)) {
      found.push(`application ${a.id}'s package disappeared`);
    }
    if (a.status !== "DRAFT" && a.status !== "DISCARDED" && a.referrals.length > 0 && !a.package)
      found.push(`application ${a.id} was sent without a package`);
  }

  const inUse = new Map<string, string[]>();
  for (const a of applications) {
    if (!LIVE_OR_FUNDED.includes(a.status)) continue;
    for (const o of a.orders) inUse.set(o.exportOrderId, [...(inUse.get(o.exportOrderId) ?? []), a.id]);
  }
  for (const [orderId, users] of inUse) {
    if (users.length > 1) found.push(`order ${orderId} is in ${users.length} live or funded applications`);
  }

  const fundings = await db.funding.findMany({
    select: {
      amountCents: true,
      deal: { select: { _count: { select: { instalments: true } } } },
      offer: {
        select: {
          id: true,
          status: true,
          fundsProvidedCents: true,
          paymentCount: true,
          application: { select: { status: true } },
        },
      },
    },
  });
  for (const f of fundings) {
    if (f.amountCents !== f.offer.fundsProvidedCents)
      found.push(
        `offer ${f.offer.id} was funded ${f.amountCents} for ${f.offer.fundsProvidedCents} provided`,
      );
    if (f.offer.status !== "ACCEPTED") found.push(`offer ${f.offer.id} is funded but ${f.offer.status}`);
    if (f.offer.application.status !== "FUNDED")
      found.push(`offer ${f.offer.id} is funded but its application is ${f.offer.application.status}`);
    // Servicing starts with the funding: its deal has one instalment per scheduled payment.
    if (f.deal?._count.instalments !== f.offer.paymentCount)
      found.push(`offer ${f.offer.id} is funded without a deal of ${f.offer.paymentCount} instalments`);
  }

  found.push(...(await statusHistoryViolations(db)));
  return found;
}

type Event = { entityType: string; entityId: string | null; summaryJson: string };

/**
 * Every status was reached through its table, one audit event per move: for each record, its
 * audit events with a `to` form a chain of allowed moves that ends at the record's status.
 */
async function statusHistoryViolations(db: Db): Promise<string[]> {
  const found: string[] = [];
  const events = await db.auditEvent.findMany({
    where: { entityType: { in: Object.keys(WORKFLOWS) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { entityType: true, entityId: true, summaryJson: true },
  });
  const chains = new Map<string, { from?: string; to: string }[]>();
  for (const e of events as Event[]) {
    const summary = JSON.parse(e.summaryJson) as { from?: unknown; to?: unknown };
    if (typeof summary.to !== "string" || !e.entityId) continue;
    const key = `${e.entityType}:${e.entityId}`;
    chains.set(key, [
      ...(chains.get(key) ?? []),
      { from: typeof summary.from === "string" ? summary.from : undefined, to: summary.to },
    ]);
  }
  for (const [entity, machine] of Object.entries(WORKFLOWS)) {
    type Rows = {
      findMany(args: { select: { id: true; status: true } }): Promise<{ id: string; status: string }[]>;
    };
    const delegate = (db as unknown as Record<string, Rows | undefined>)[
      `${entity.charAt(0).toLowerCase()}${entity.slice(1)}`
    ];
    if (!delegate) continue;
    const rows = await delegate.findMany({ select: { id: true, status: true } });
    for (const row of rows) {
      if (!isStatus(machine, row.status)) found.push(`${entity} ${row.id} has unknown status ${row.status}`);
      const chain = chains.get(`${entity}:${row.id}`) ?? [];
      if (chain.length === 0) {
        if (!machine.initial.includes(row.status))
          found.push(`${entity} ${row.id} is ${row.status} with no recorded move`);
        continue;
      }
      let at: string | undefined;
      for (const step of chain) {
        if (step.from === undefined) {
          // a creation event: the record starts here
          if (at !== undefined) found.push(`${entity} ${row.id} was created twice`);
          if (!machine.initial.includes(step.to)) found.push(`${entity} ${row.id} started as ${step.to}`);
        } else {
          if (at !== undefined && step.from !== at)
            found.push(`${entity} ${row.id} moved from ${step.from} while it was ${at}`);
          if (!canMove(machine, step.from, step.to))
            found.push(`${entity} ${row.id} moved ${step.from} → ${step.to}, which its table forbids`);
        }
        at = step.to;
      }
      if (at !== row.status)
        found.push(`${entity} ${row.id} is ${row.status} but its last recorded move was to ${at}`);
    }
  }
  return found;
}
