// A lender's webhook receiver for tests: a real HTTP server on a free local port that checks each
// delivery exactly as docs/webhooks.md tells receivers to (verifyWebhook below is the documented
// code), answers what the test planned, and records what it saw.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// ---- The documented check (docs/webhooks.md, "Verify a delivery") ------------------------------
const TOLERANCE_SECONDS = 5 * 60;

export function verifyWebhook(input: {
  secret: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  seenIds: Set<string>;
  nowSeconds?: number;
}): "ok" | "duplicate" | "stale" | "bad-signature" {
  const id = String(input.headers["tradelift-webhook-id"] ?? "");
  const timestamp = String(input.headers["tradelift-webhook-timestamp"] ?? "");
  const signatures = String(input.headers["tradelift-webhook-signature"] ?? "");
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TOLERANCE_SECONDS) return "stale";
  const expected = createHmac("sha256", input.secret).update(`${timestamp}.${input.rawBody}`).digest();
  const valid = signatures.split(" ").some((part) => {
    const [version, hex = ""] = part.split("=");
    const given = Buffer.from(hex, "hex");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) return "bad-signature";
  if (!id || input.seenIds.has(id)) return "duplicate";
  return "ok";
}
// -------------------------------------------------------------------------------------------------

export type Received = {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  verdict: ReturnType<typeof verifyWebhook>;
  answered: number;
};

export type Receiver = {
  url: (path: string) => string;
  received: Received[];
  /** Requests to `path`, in order. */
  at: (path: string) => Received[];
  /** The secret each path checks signatures with. */
  secrets: Map<string, string>;
  /** Answers the next requests to `path` with these statuses (then 200). */
  plan: (path: string, statuses: number[]) => void;
  /** Waits this long before answering (to let two runners race). */
  delayMs: number;
  /** The receiver's clock in seconds, for tests that move the sender's clock hours ahead. */
  clock: (() => number) | null;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const plans = new Map<string, number[]>();
  const seen = new Map<string, Set<string>>();
  const receiver: Receiver = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path) => received.filter((r) => r.path === path),
    secrets,
    plan: (path, statuses) => plans.set(path, [...statuses]),
    delayMs: 0,
    clock: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const seenIds = seen.get(path) ?? new Set<string>();
      seen.set(path, seenIds);
      const verdict = verifyWebhook({
        secret: secrets.get(path) ?? "",
        headers: req.headers,
        rawBody,
        seenIds,
        nowSeconds: receiver.clock?.(),
      });
      const planned = plans.get(path)?.shift();
      // A delivery is remembered only once it was processed: a failed one is retried.
      const answered = verdict === "ok" || verdict === "duplicate" ? (planned ?? 200) : 400;
      if (verdict === "ok" && answered < 300) seenIds.add(String(req.headers["tradelift-webhook-id"]));
      received.push({ path, headers: req.headers, rawBody, body: JSON.parse(rawBody), verdict, answered });
      setTimeout(() => {
        res.statusCode = answered;
        res.end();
      }, receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return receiver;
}
