// Webhooks to lenders, the pure part: the event types a lender admin subscribes to, the body of
// each event, the retry schedule and the check of an endpoint's address
// (docs/webhooks.md for receivers, docs/design/webhooks.md for how it works).
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "referral.created",
  "info_request.answered",
  "offer.accepted",
  "offer.declined",
  "application.withdrawn",
  "application.ended",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "referral.created": "Referral created: a new application in your queue",
  "info_request.answered": "Information request answered by the merchant",
  "offer.accepted": "Offer accepted by the merchant",
  "offer.declined": "Offer declined by the merchant",
  "application.withdrawn": "Application withdrawn by the merchant",
  "application.ended": "Application ended without you (another offer accepted, or expired)",
};

/**
 * What each event carries: ids the lender can look up and the few facts it may see anyway on its
 * referral page. Never the merchant's Section 1071 answers, never another lender's terms.
 */
export type WebhookEventData = {
  "referral.created": {
    referralId: string;
    applicationId: string;
    lenderProductId: string;
    requestedAmountCents: number;
    currency: "USD";
    tenorDays: number;
    score: number | null;
    grade: string | null;
  };
  "info_request.answered": {
    referralId: string;
    applicationId: string;
    infoRequestId: string;
    withDocument: boolean;
  };
  "offer.accepted": {
    referralId: string;
    applicationId: string;
    offerId: string;
    fundsProvidedCents: number;
    currency: "USD";
    acceptedAt: string;
  };
  "offer.declined": { referralId: string; applicationId: string; offerId: string; declinedAt: string };
  "application.withdrawn": { referralId: string; applicationId: string; withdrawnAt: string };
  "application.ended": {
    referralId: string;
    applicationId: string;
    reason: "OTHER_OFFER_ACCEPTED" | "APPLICATION_EXPIRED";
    endedAt: string;
  };
};

export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = {
  type: T;
  data: WebhookEventData[T];
};

/** The exact body sent and signed, the same on every attempt. */
export function webhookBody(input: {
  id: string;
  type: WebhookEventType;
  createdAt: Date;
  data: object;
}): string {
  return JSON.stringify({
    id: input.id,
    type: input.type,
    createdAt: input.createdAt.toISOString(),
    data: input.data,
  });
}

export function eventTypesOf(stored: string): WebhookEventType[] {
  return stored
    .split(",")
    .filter((t): t is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
}

// ---- Retries -----------------------------------------------------------------------------------

/** Attempts before a delivery is FAILED (about an hour of retries in all). */
export const MAX_WEBHOOK_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** How long to wait after the n-th failed attempt (n ≥ 1): 30 s, 1 min, 2 min, … at most 1 hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_WAIT_MS);
}

/** Deliveries on one page of an endpoint's delivery log. */
export const DELIVERIES_PAGE_SIZE = 25;

// ---- Endpoint addresses ------------------------------------------------------------------------

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a host name is this machine's own (a trailing dot, `localhost.`, is the same name). */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname.toLowerCase().replace(/\.$/, ""));
}

/**
 * Production's address rules apply to a server in production mode, unless its own address is
 * localhost: an installation only this machine reaches (`webhookAddressRules`).
 */
export function addressRulesFor(server: { NODE_ENV: string; APP_URL: string }): { production: boolean } {
  return { production: server.NODE_ENV === "production" && !isLocalHost(new URL(server.APP_URL).hostname) };
}

function ipv4Private(ip: string): boolean {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/**
 * Whether an IP address is one a webhook must never reach in production: loopback, private,
 * link-local (cloud metadata lives there), shared, multicast or reserved.
 */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ipv4Private(ip);
  if (!ip.includes(":")) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped?.[1]) return ipv4Private(mapped[1]);
  return (
    ip === "::" ||
    ip === "::1" ||
    /^f[cd][0-9a-f]{0,2}:/.test(ip) ||
    /^fe[89ab][0-9a-f]?:/.test(ip) ||
    /^ff[0-9a-f]{0,2}:/.test(ip) ||
    ip.startsWith("::ffff:")
  );
}

/**
 * Why an endpoint's address is refused, or null. Only https://, except http://localhost and
 * http://127.0.0.1 outside production (development, tests, and an installation that only this
 * machine reaches: see `webhookAddressRules`); in production, no name or address that points
 * inside a network (the address a name resolves to is checked again at each send).
 */
export function endpointUrlProblem(raw: string, options: { production: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter the full address, starting with https://.";
  }
  if (url.username || url.password) return "Leave the user name and password out of the address.";
  // A fully qualified name may end in a dot (`localhost.`): it names the same host.
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const local = LOCAL_HOSTS.has(host);
  if (url.protocol === "http:") {
    if (options.production || !local)
      return options.production
        ? "Use an https:// address."
        : "Use an https:// address (http:// only for localhost or 127.0.0.1, on a machine of your own).";
  } else if (url.protocol !== "https:") return "Use an https:// address.";
  if (options.production) {
    const internalName =
      local || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal");
    if (internalName || isPrivateAddress(host))
      return "This address points inside a private network; use a public https:// address.";
  }
  return null;
}

// ---- Forms -------------------------------------------------------------------------------------

const EndpointFields = /* @__PURE__ */ (() =>
  z.object({
    url: z
      .string({ error: "Enter the endpoint's address." })
      .trim()
      .min(1, "Enter the endpoint's address.")
      .max(2000, "Use an address of at most 2,000 characters."),
    description: z.string().trim().max(200, "Use at most 200 characters.").optional().default(""),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose among the listed events." }), {
        error: "Choose at least one event.",
      })
      .min(1, "Choose at least one event."),
  }))();

export const CreateEndpointSchema = /* @__PURE__ */ (() =>
  EndpointFields.extend({ intent: z.literal("create") }))();

export const UpdateEndpointSchema = /* @__PURE__ */ (() =>
  EndpointFields.extend({ intent: z.literal("update") }))();

export const EndpointActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    UpdateEndpointSchema,
    z.object({ intent: z.literal("rotate"), confirmed: z.literal("yes") }),
    z.object({ intent: z.literal("set-enabled"), enabled: z.enum(["true", "false"]) }),
    z.object({ intent: z.literal("delete"), confirmed: z.literal("yes") }),
    z.object({ intent: z.literal("resend"), deliveryId: z.string().min(1).max(40) }),
  ]))();
