// Plaid webhook verification: the `Plaid-Verification` header is an ES256 JWT signed with a key
// fetched from /webhook_verification_key/get; it must be fresh (iat within 5 minutes) and carry
// the SHA-256 of the exact raw body.
import crypto from "node:crypto";
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import type { Db } from "~/utils/db.server";
import { getWebhookVerificationKey } from "./plaid.server";
import { markLoginRepaired, markLoginRequired, markRevokedAtBank, startSync } from "./sync.server";

const MAX_AGE_SECONDS = 5 * 60;
const keyCache = new Map<string, { jwk: JWK; expiredAt: number | null }>();

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

async function keyFor(kid: string) {
  const cached = keyCache.get(kid);
  if (cached) return cached;
  const { key } = await getWebhookVerificationKey(kid);
  const entry = {
    jwk: { kty: key.kty, crv: key.crv, x: key.x, y: key.y, alg: key.alg, kid: key.kid, use: key.use } as JWK,
    expiredAt: key.expired_at ?? null,
  };
  keyCache.set(kid, entry);
  return entry;
}

export async function verifyPlaidWebhook(
  rawBody: string,
  token: string | null,
  now: Date = new Date(),
): Promise<WebhookVerdict> {
  if (!token) return { ok: false, reason: "missing Plaid-Verification header" };
  let kid: string;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== "ES256") return { ok: false, reason: "unexpected algorithm" };
    if (typeof header.kid !== "string" || header.kid.length === 0 || header.kid.length > 100) {
      return { ok: false, reason: "missing key id" };
    }
    kid = header.kid;
  } catch {
    return { ok: false, reason: "malformed token" };
  }
  let key: Awaited<ReturnType<typeof keyFor>>;
  try {
    key = await keyFor(kid);
  } catch {
    return { ok: false, reason: "unknown key" };
  }
  if (key.expiredAt !== null && key.expiredAt * 1000 < now.getTime())
    return { ok: false, reason: "expired key" };
  try {
    const { payload } = await jwtVerify(token, await importJWK(key.jwk, "ES256"), {
      algorithms: ["ES256"],
      currentDate: now,
      maxTokenAge: MAX_AGE_SECONDS,
    });
    const expected = crypto.createHash("sha256").update(rawBody, "utf8").digest("hex");
    const claimed = typeof payload.request_body_sha256 === "string" ? payload.request_body_sha256 : "";
    if (!sameHex(claimed, expected)) return { ok: false, reason: "body does not match its signature" };
    return { ok: true };
  } catch {
    return { ok: false, reason: "invalid or expired signature" };
  }
}

export type PlaidWebhook = {
  webhook_type?: unknown;
  webhook_code?: unknown;
  item_id?: unknown;
  initial_update_complete?: unknown;
  historical_update_complete?: unknown;
  new_transactions?: unknown;
  error?: { error_code?: unknown; display_message?: unknown } | null;
};

export type WebhookOutcome = "sync-started" | "login-required" | "revoked" | "ignored";

/**
 * Acts on a verified webhook; returns what it did, for the log and the tests. Every move it causes
 * goes through the connection's table (sync.server.ts), so a webhook cannot revive a disconnected
 * or revoked connection.
 */
export async function handlePlaidWebhook(db: Db, webhook: PlaidWebhook): Promise<WebhookOutcome> {
  if (typeof webhook.item_id !== "string") return "ignored";
  const connection = await db.bankConnection.findUnique({
    where: { plaidItemId: webhook.item_id },
    select: { id: true, status: true },
  });
  if (!connection || connection.status === "REVOKED") return "ignored";
  const type = webhook.webhook_type;
  const code = webhook.webhook_code;
  // With /transactions/sync, SYNC_UPDATES_AVAILABLE announces every change, the history's arrival
  // included (initial_update_complete, historical_update_complete); the sync reads Plaid's
  // transactions_update_status itself. Plaid also sends the older INITIAL_UPDATE,
  // HISTORICAL_UPDATE and DEFAULT_UPDATE for /transactions/get: they add nothing here.
  if (type === "TRANSACTIONS" && code === "SYNC_UPDATES_AVAILABLE") {
    void startSync(db, connection.id);
    return "sync-started";
  }
  if (type === "ITEM" && code === "ERROR" && webhook.error?.error_code === "ITEM_LOGIN_REQUIRED") {
    const message = typeof webhook.error.display_message === "string" ? webhook.error.display_message : null;
    return (await markLoginRequired(db, webhook.item_id, message)) ? "login-required" : "ignored";
  }
  if (type === "ITEM" && code === "LOGIN_REPAIRED") {
    const repaired = await markLoginRepaired(db, webhook.item_id);
    if (!repaired) return "ignored";
    void startSync(db, repaired);
    return "sync-started";
  }
  if (type === "ITEM" && (code === "USER_PERMISSION_REVOKED" || code === "USER_ACCOUNT_REVOKED")) {
    return (await markRevokedAtBank(db, webhook.item_id, code)) ? "revoked" : "ignored";
  }
  return "ignored";
}
