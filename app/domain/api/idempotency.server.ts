// Idempotency of the API's writes (docs/design/api.md): the first answer to a request with an
// Idempotency-Key is stored under the key id and that key, with a hash of the request; a repeat of
// the same request gets the same answer without doing the work again. The row is claimed before
// the work starts (its unique index decides between two requests racing on two app servers), so
// a repeat that arrives while the first is still running is told so instead of running twice.
import type { Db } from "~/utils/db.server";

export type StoredAnswer = { status: number; body: string };

export type Claim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; answer: StoredAnswer }
  | { kind: "in-flight" }
  | { kind: "mismatch" };

/** Claims the key for this request, or says what an earlier request with the same key left. */
export async function claimIdempotencyKey(
  db: Db,
  input: { apiKeyId: string; key: string; requestHash: string },
): Promise<Claim> {
  try {
    const row = await db.apiIdempotencyKey.create({
      data: { apiKeyId: input.apiKeyId, key: input.key, requestHash: input.requestHash },
      select: { id: true },
    });
    return { kind: "claimed", id: row.id };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  const earlier = await db.apiIdempotencyKey.findUnique({
    where: { apiKeyId_key: { apiKeyId: input.apiKeyId, key: input.key } },
    select: { requestHash: true, responseStatus: true, responseBody: true },
  });
  // Released meanwhile (the first request failed): the caller may try again.
  if (!earlier) return { kind: "in-flight" };
  if (earlier.requestHash !== input.requestHash) return { kind: "mismatch" };
  if (earlier.responseStatus === null || earlier.responseBody === null) return { kind: "in-flight" };
  return { kind: "replay", answer: { status: earlier.responseStatus, body: earlier.responseBody } };
}

export async function storeIdempotentAnswer(db: Db, id: string, answer: StoredAnswer): Promise<void> {
  await db.apiIdempotencyKey.update({
    where: { id },
    data: { responseStatus: answer.status, responseBody: answer.body },
    select: { id: true },
  });
}

/** Lets the key go when the first request failed without an answer worth keeping. */
export async function releaseIdempotencyKey(db: Db, id: string): Promise<void> {
  await db.apiIdempotencyKey.deleteMany({ where: { id, responseStatus: null } });
}

/** How long a first answer is kept for replay: a client retries within minutes or hours, not days. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

/** Forgets the answers older than a day (run by the jobs), so the table does not grow for ever. */
export async function sweepIdempotencyKeys(db: Db, now: Date = new Date()): Promise<number> {
  const { count } = await db.apiIdempotencyKey.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) } },
  });
  return count;
}
