// Webhooks to lenders: a lender admin's endpoints (create, change, switch off, rotate the secret,
// delete; each audited), the events written as deliveries in the transaction of the change that
// caused them (the outbox pattern), the delivery log and the resend (docs/design/webhooks.md).
// Sending is delivery.server.ts, run by the jobs.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { createReveal } from "~/domain/accounts/one-time-reveal.server";
import { type AuditActor, recordAudit } from "~/domain/audit/audit.server";
import { createInStatus, transition } from "~/domain/workflow/transition.server";
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { filledParams, pageParam } from "~/utils/list-query";
import {
  addressRulesFor,
  DELIVERIES_PAGE_SIZE,
  endpointUrlProblem,
  eventTypesOf,
  type WebhookEventData,
  type WebhookEventType,
  webhookBody,
} from "./events";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DELIVERY_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;
type Actor = NonNullable<AuditActor>;

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;
/** Endpoints one lender may register. */
export const MAX_ENDPOINTS = 10;

function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The one-time reveal purpose of an endpoint's new secret: a reveal made for one endpoint is
 * shown on that endpoint's page only.
 */
export function webhookSecretPurpose(endpointId: string): string {
  return `webhook-secret:${endpointId}`;
}

function newEventId(): string {
  return `evt_${randomBytes(16).toString("hex")}`;
}

/**
 * Whether endpoint addresses get production's rules (https only, nothing inside a network). A
 * server in production mode whose own address (APP_URL) is localhost is an installation only this
 * machine reaches (`npm start` on a laptop): it may call a receiver on the same machine, as the
 * quick start in docs/api.md does. A real deployment has a public APP_URL and the strict rules.
 */
export function webhookAddressRules(): { production: boolean } {
  return addressRulesFor(env());
}

/** The endpoint address check, with this server's environment. */
export function urlProblem(url: string): string | null {
  return endpointUrlProblem(url, webhookAddressRules());
}

/**
 * The secrets that sign a delivery now: the endpoint's own and, during the overlap after a
 * rotation, the one before it.
 */
export function signingSecrets(
  endpoint: {
    secretEncrypted: string;
    previousSecretEncrypted: string | null;
    previousSecretExpiresAt: Date | null;
  },
  now: Date,
): string[] {
  const secrets = [decryptSecret(endpoint.secretEncrypted)];
  if (
    endpoint.previousSecretEncrypted &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime()
  )
    secrets.push(decryptSecret(endpoint.previousSecretEncrypted));
  return secrets;
}

// ---- Events ------------------------------------------------------------------------------------

/**
 * Writes the event as one PENDING delivery per enabled endpoint of the lender subscribed to its
 * type, in the caller's transaction: if the change rolls back, no webhook is ever sent. Every
 * endpoint of the lender gets the same event id.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  tx: Tx,
  input: { lenderOrgId: string; type: T; data: WebhookEventData[T]; now?: Date },
): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { lenderOrgId: input.lenderOrgId, disabledAt: null },
    select: { id: true, events: true },
    orderBy: { createdAt: "asc" },
  });
  const subscribed = endpoints.filter((e) => eventTypesOf(e.events).includes(input.type));
  if (subscribed.length === 0) return 0;
  const now = input.now ?? new Date();
  const eventId = newEventId();
  const payloadJson = webhookBody({ id: eventId, type: input.type, createdAt: now, data: input.data });
  for (const endpoint of subscribed) {
    await createInStatus(tx, WEBHOOK_DELIVERY_WORKFLOW, {
      status: "PENDING",
      data: { endpointId: endpoint.id, eventId, type: input.type, payloadJson, nextAttemptAt: now },
      actor: null,
      action: "webhook.queued",
      summary: { endpointId: endpoint.id, eventId, type: input.type },
    });
  }
  return subscribed.length;
}

/** The same event for each referral's lender (an application withdrawn or ended reaches each). */
export async function emitForReferrals<T extends "application.withdrawn" | "application.ended">(
  tx: Tx,
  referrals: readonly { id: string; lenderOrgId: string }[],
  type: T,
  data: (referralId: string) => WebhookEventData[T],
): Promise<void> {
  for (const referral of referrals)
    await emitWebhookEvent(tx, { lenderOrgId: referral.lenderOrgId, type, data: data(referral.id) });
}

// ---- Endpoints ---------------------------------------------------------------------------------

export type EndpointInput = { url: string; description: string; events: readonly WebhookEventType[] };

export type EndpointOutcome<T = object> =
  | ({ ok: true } & T)
  | { ok: false; reason: "invalid"; field: "url" | "events"; message: string }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string };

type Invalid = { ok: false; reason: "invalid"; field: "url" | "events"; message: string };

function checked(input: EndpointInput): Invalid | null {
  const problem = urlProblem(input.url);
  if (problem) return { ok: false, reason: "invalid", field: "url", message: problem };
  return null;
}

const ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  disabledAt: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} as const;

export async function listEndpoints(db: Db, lenderOrgId: string) {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { lenderOrgId },
    orderBy: { createdAt: "asc" },
    select: {
      ...ENDPOINT_SELECT,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { status: true, createdAt: true },
      },
    },
  });
  return endpoints.map(({ deliveries, ...e }) => ({
    ...e,
    events: eventTypesOf(e.events),
    lastDelivery: deliveries[0] ?? null,
  }));
}

/**
 * Creates an endpoint. Its secret is returned to the caller and kept, in the same transaction, as
 * a one-time reveal for the acting user (revealId): the page after the redirect shows it once.
 */
export async function createEndpoint(
  db: Db,
  input: EndpointInput & { lenderOrgId: string; actor: Actor; ip: string },
): Promise<EndpointOutcome<{ endpointId: string; secret: string; revealId: string }>> {
  const refused = checked(input);
  if (refused) return refused;
  const secret = newSecret();
  return db.$transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { lenderOrgId: input.lenderOrgId } });
    if (count >= MAX_ENDPOINTS)
      return {
        ok: false as const,
        reason: "conflict" as const,
        message: `A lender may register at most ${MAX_ENDPOINTS} endpoints; delete one you no longer use.`,
      };
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        lenderOrgId: input.lenderOrgId,
        url: input.url,
        description: input.description,
        events: input.events.join(","),
        secretEncrypted: encryptSecret(secret),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "webhook_endpoint.created",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      summary: { lenderOrgId: input.lenderOrgId, url: input.url, events: input.events },
      ip: input.ip,
    });
    const revealId = await createReveal(tx, {
      userId: input.actor.id,
      purpose: webhookSecretPurpose(endpoint.id),
      value: secret,
    });
    return { ok: true as const, endpointId: endpoint.id, secret, revealId };
  });
}

type Scoped = { lenderOrgId: string; endpointId: string; actor: Actor; ip: string };

async function ownEndpoint(tx: Tx, input: { lenderOrgId: string; endpointId: string }) {
  return tx.webhookEndpoint.findFirst({
    where: { id: input.endpointId, lenderOrgId: input.lenderOrgId },
    select: { ...ENDPOINT_SELECT, lenderOrgId: true },
  });
}

/** Changes the address, description and events of an endpoint (its secret stays). */
export async function updateEndpoint(db: Db, input: EndpointInput & Scoped): Promise<EndpointOutcome> {
  const refused = checked(input);
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const before = await ownEndpoint(tx, input);
    if (!before) return { ok: false as const, reason: "not-found" as const };
    const events = input.events.join(",");
    await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: { url: input.url, description: input.description, events },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "webhook_endpoint.changed",
      entityType: "WebhookEndpoint",
      entityId: before.id,
      summary: {
        before: { url: before.url, description: before.description, events: eventTypesOf(before.events) },
        after: { url: input.url, description: input.description, events: input.events },
      },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

/** Switches an endpoint off (no new deliveries; waiting ones wait) or on again. */
export async function setEndpointEnabled(
  db: Db,
  input: Scoped & { enabled: boolean },
): Promise<EndpointOutcome> {
  return db.$transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, input);
    if (!endpoint) return { ok: false as const, reason: "not-found" as const };
    if ((endpoint.disabledAt === null) === input.enabled) return { ok: true as const };
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { disabledAt: input.enabled ? null : new Date() },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: input.enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      summary: { url: endpoint.url },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

/**
 * A new secret, kept as a one-time reveal for the acting user (like createEndpoint's); the one it
 * replaces keeps signing beside it for ROTATION_OVERLAP_MS, so the receiver can switch without
 * losing a delivery.
 */
export async function rotateEndpointSecret(
  db: Db,
  input: Scoped & { now?: Date },
): Promise<EndpointOutcome<{ secret: string; previousValidUntil: Date; revealId: string }>> {
  const now = input.now ?? new Date();
  const secret = newSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({
      where: { id: input.endpointId, lenderOrgId: input.lenderOrgId },
      select: { id: true, secretEncrypted: true },
    });
    if (!endpoint) return { ok: false as const, reason: "not-found" as const };
    const previousValidUntil = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    // The old secret is re-encrypted as it is: a rotation never leaves it in the clear.
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretEncrypted: encryptSecret(secret),
        previousSecretEncrypted: endpoint.secretEncrypted,
        previousSecretExpiresAt: previousValidUntil,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "webhook_endpoint.secret_rotated",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      summary: { previousSecretValidUntil: previousValidUntil.toISOString() },
      ip: input.ip,
    });
    const revealId = await createReveal(tx, {
      userId: input.actor.id,
      purpose: webhookSecretPurpose(endpoint.id),
      value: secret,
      now,
    });
    return { ok: true as const, secret, previousValidUntil, revealId };
  });
}

/** Deletes an endpoint and its delivery log; the audit keeps that it existed. */
export async function deleteEndpoint(db: Db, input: Scoped): Promise<EndpointOutcome> {
  return db.$transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, input);
    if (!endpoint) return { ok: false as const, reason: "not-found" as const };
    const deliveries = await tx.webhookDelivery.count({ where: { endpointId: endpoint.id } });
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, {
      actor: input.actor,
      action: "webhook_endpoint.deleted",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      summary: { url: endpoint.url, events: eventTypesOf(endpoint.events), deliveries },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

const DeliveryLogFilterSchema = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional().catch(undefined),
  page: pageParam(),
});

export type DeliveryLogFilter = z.infer<typeof DeliveryLogFilterSchema>;

/** The delivery log's filter from its query string: a value that does not parse is ignored. */
export function parseDeliveryLogFilter(params: URLSearchParams): DeliveryLogFilter {
  return DeliveryLogFilterSchema.parse(filledParams(params));
}

/**
 * One endpoint of the lender with a page of its deliveries, newest first (all of them, or those
 * in one status), or null when it is not the lender's.
 */
export async function endpointWithDeliveries(
  db: Db,
  input: { lenderOrgId: string; endpointId: string; filter?: DeliveryLogFilter },
) {
  const filter = input.filter ?? { page: 1 };
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: input.endpointId, lenderOrgId: input.lenderOrgId },
    select: ENDPOINT_SELECT,
  });
  if (!endpoint) return null;
  const where = { endpointId: endpoint.id, ...(filter.status ? { status: filter.status } : {}) };
  const [deliveries, total] = await Promise.all([
    db.webhookDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * DELIVERIES_PAGE_SIZE,
      take: DELIVERIES_PAGE_SIZE,
      select: {
        id: true,
        eventId: true,
        type: true,
        status: true,
        attempts: true,
        lastResponseCode: true,
        lastError: true,
        lastAttemptAt: true,
        nextAttemptAt: true,
        deliveredAt: true,
        createdAt: true,
        payloadJson: true,
      },
    }),
    db.webhookDelivery.count({ where }),
  ]);
  return {
    ...endpoint,
    events: eventTypesOf(endpoint.events),
    deliveries,
    deliveryPages: { total, pages: Math.max(1, Math.ceil(total / DELIVERIES_PAGE_SIZE)) },
  };
}

/**
 * Sends a delivered or failed delivery again: the same event id and body, a fresh count of
 * attempts, sent by the next job run. Audited with who asked.
 */
export async function resendDelivery(
  db: Db,
  input: Scoped & { deliveryId: string; now?: Date },
): Promise<EndpointOutcome> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const moved = await transition(tx, WEBHOOK_DELIVERY_WORKFLOW, {
      id: input.deliveryId,
      scope: { endpointId: input.endpointId, endpoint: { lenderOrgId: input.lenderOrgId } },
      from: ["DELIVERED", "FAILED"],
      to: "PENDING",
      data: { attempts: 0, nextAttemptAt: now, claimedUntil: null, lastError: null },
      actor: input.actor,
      ip: input.ip,
      action: "webhook.resent",
      summary: { endpointId: input.endpointId },
    });
    if (moved.ok) return { ok: true as const };
    if (moved.reason === "not-found") return moved;
    return {
      ok: false as const,
      reason: "conflict" as const,
      message: moved.from === "PENDING" ? "This delivery is already waiting to be sent." : moved.message,
    };
  });
}
