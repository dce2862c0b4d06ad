// Sends pending webhook deliveries, run by the jobs on every app server (docs/design/webhooks.md).
// Each delivery is first claimed (claimRow, then a conditional update of its attempt count with a
// claim that lapses), in a short transaction of its own: two runners never send one attempt twice,
// and no database lock is held while the receiver answers.
import { claimRow } from "~/domain/jobs/claims.server";
import { transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { MAX_WEBHOOK_ATTEMPTS, retryDelayMs } from "./events";
import { signatureHeader } from "./signature.server";
import { postWebhook } from "./transport.server";
import { signingSecrets, webhookAddressRules } from "./webhooks.server";
import { WEBHOOK_DELIVERY_WORKFLOW } from "./workflow";

/** How long one request may take before it counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How long a runner holds a delivery it is sending (far longer than a request may take). */
const CLAIM_MS = 5 * 60_000;

/**
 * Writes an attempt's outcome in a transaction that claims the row first: on SQLite that takes the
 * write lock before any read, so a runner on another connection that wrote meanwhile never makes
 * this transaction's read-then-write fail (on PostgreSQL the update waits for the row as usual).
 */
function recordOutcome(db: Db, id: string, write: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  return db.$transaction(async (tx) => {
    await claimRow(tx, "WebhookDelivery", id);
    await write(tx);
  });
}

export async function deliverPendingWebhooks(
  db: Db,
  options: { now?: () => Date; limit?: number; timeoutMs?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const unclaimed = () => ({ OR: [{ claimedUntil: null }, { claimedUntil: { lte: now() } }] });
  const due = await db.webhookDelivery.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now() },
      endpoint: { disabledAt: null },
      ...unclaimed(),
    },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: options.limit ?? 50,
    select: { id: true, attempts: true },
  });
  let delivered = 0;
  let failed = 0;
  for (const candidate of due) {
    const claimed = await db.$transaction(async (tx) => {
      if (!(await claimRow(tx, "WebhookDelivery", candidate.id))) return null;
      const taken = await tx.webhookDelivery.updateMany({
        where: {
          id: candidate.id,
          status: "PENDING",
          attempts: candidate.attempts,
          nextAttemptAt: { lte: now() },
          ...unclaimed(),
        },
        data: {
          attempts: { increment: 1 },
          claimedUntil: new Date(now().getTime() + CLAIM_MS),
          lastAttemptAt: now(),
        },
      });
      if (taken.count !== 1) return null;
      return tx.webhookDelivery.findUniqueOrThrow({
        where: { id: candidate.id },
        select: {
          eventId: true,
          payloadJson: true,
          attempts: true,
          endpoint: {
            select: {
              url: true,
              secretEncrypted: true,
              previousSecretEncrypted: true,
              previousSecretExpiresAt: true,
            },
          },
        },
      });
    });
    if (!claimed) continue;
    const sentAt = now();
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    const body = claimed.payloadJson;
    const result = await postWebhook(claimed.endpoint.url, {
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "TradeLift-Webhooks/1",
        "TradeLift-Webhook-Id": claimed.eventId,
        "TradeLift-Webhook-Timestamp": String(timestamp),
        "TradeLift-Webhook-Signature": signatureHeader(
          signingSecrets(claimed.endpoint, sentAt),
          timestamp,
          body,
        ),
      },
      body,
      timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
      production: webhookAddressRules().production,
    });
    if (result.ok) {
      await recordOutcome(db, candidate.id, (tx) =>
        transition(tx, WEBHOOK_DELIVERY_WORKFLOW, {
          id: candidate.id,
          from: ["PENDING"],
          to: "DELIVERED",
          data: { deliveredAt: now(), lastResponseCode: result.code, lastError: null, claimedUntil: null },
          actor: null,
          action: "webhook.delivered",
          summary: { attempts: claimed.attempts, responseCode: result.code },
        }),
      );
      delivered += 1;
      continue;
    }
    failed += 1;
    if (claimed.attempts >= MAX_WEBHOOK_ATTEMPTS) {
      await recordOutcome(db, candidate.id, (tx) =>
        transition(tx, WEBHOOK_DELIVERY_WORKFLOW, {
          id: candidate.id,
          from: ["PENDING"],
          to: "FAILED",
          data: { lastResponseCode: result.code, lastError: result.error, claimedUntil: null },
          actor: null,
          action: "webhook.failed",
          summary: { attempts: claimed.attempts, responseCode: result.code, error: result.error },
        }),
      );
      continue;
    }
    // Still PENDING: the next attempt waits longer after each failure.
    await db.webhookDelivery.updateMany({
      where: { id: candidate.id, status: "PENDING" },
      data: {
        lastResponseCode: result.code,
        lastError: result.error,
        claimedUntil: null,
        nextAttemptAt: new Date(now().getTime() + retryDelayMs(claimed.attempts)),
      },
    });
  }
  return { delivered, failed };
}
