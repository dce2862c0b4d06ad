// The signature of a webhook delivery (docs/webhooks.md tells receivers how to check it).
import { createHmac } from "node:crypto";

export const SIGNATURE_VERSION = "v1";

/** Hex HMAC-SHA256, keyed with the endpoint's secret, over "<timestamp>.<raw body>". */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The TradeLift-Webhook-Signature header: one "v1=<hex>" per secret that signs, separated by a
 * space (two during the overlap after a rotation: the new secret's first).
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => `${SIGNATURE_VERSION}=${signPayload(secret, timestamp, body)}`).join(" ");
}
