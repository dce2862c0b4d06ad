// The one request a webhook attempt makes (docs/design/webhooks.md). In production no attempt may
// reach inside a network: the address is checked when the connection is made, on the very
// addresses the socket is given, so a name that resolved to a public address when the endpoint was
// registered (or a moment ago) and resolves to a private one now is refused as well (DNS
// rebinding). Redirects are never followed: one could lead anywhere.
import { type LookupAddress, type LookupAllOptions, lookup } from "node:dns";
import { isIP } from "node:net";
import { Agent, fetch } from "undici";
import { isPrivateAddress } from "./events";

export type Attempt = { ok: true; code: number } | { ok: false; code: number | null; error: string };

const PRIVATE_TARGET = "The address resolves to a private network; not sent.";

class PrivateTargetError extends Error {
  constructor() {
    super(PRIVATE_TARGET);
    this.name = "PrivateTargetError";
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup, refusing a name any of whose addresses is private (all of them are checked). */
function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean; family?: number },
  callback: LookupCallback,
) {
  const all: LookupAllOptions = { ...options, all: true };
  lookup(hostname, all, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address)))
      return callback(new PrivateTargetError(), []);
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    return callback(null, first?.address ?? "", first?.family);
  });
}

/** Connections for production: every name is looked up through the check above. */
const publicOnly = new Agent({ connect: { lookup: publicOnlyLookup as never } });

/** Why this error happened, in words for the delivery log. */
function failureOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `No answer within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}.`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof PrivateTargetError) return PRIVATE_TARGET;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `Could not reach the endpoint: ${message}`.slice(0, 500);
}

/**
 * POSTs one signed delivery. `production` applies production's address rules: nothing private,
 * whether the address is written in the URL or a name resolves to it when connecting.
 */
export async function postWebhook(
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number; production: boolean },
): Promise<Attempt> {
  if (request.production) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    // An address written as such is never looked up: it is checked here.
    if (isIP(host) !== 0 && isPrivateAddress(host)) return { ok: false, code: null, error: PRIVATE_TARGET };
  }
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
      ...(request.production ? { dispatcher: publicOnly } : {}),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, code: response.status };
    return { ok: false, code: response.status, error: `The endpoint answered ${response.status}.` };
  } catch (error) {
    return { ok: false, code: null, error: failureOf(error, request.timeoutMs) };
  }
}
