// Lenders' API keys (docs/design/api.md): what a key looks like and what a lender admin types to
// create one. Pure.
import { z } from "zod";
import { organisationName } from "~/domain/text";

export const API_KEY_PREFIX = "tl_live_";
export const API_SCOPES = ["read", "decide"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Requests a key may make per window; every app server counts in the same database row. */
export const API_RATE_LIMIT = { limit: 120, windowMs: 60_000 };

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  read: "Read: referrals, application packages, documents, products",
  decide: "Decide (includes read): request information, decline, make and withdraw offers, record funding",
};

/** `tl_live_<publicId>_<secret>`: the public id names the key in lists; the secret is 256 random bits. */
const KEY_PATTERN = /^tl_live_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export function formatApiKey(publicId: string, secret: string): string {
  return `${API_KEY_PREFIX}${publicId}_${secret}`;
}

/** The public id of a well-formed key, or null for anything else. */
export function publicIdOf(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** How a key is shown in lists: its prefix and public id, never its secret. */
export const shownPrefix = (publicId: string) => `${API_KEY_PREFIX}${publicId}`;

/**
 * What a key may do. `decide` includes `read`: every decision answers with the referral it was
 * made on (its package too), so a deciding key reads whatever it decides about.
 */
export function scopesOf(stored: string): ApiScope[] {
  const scopes = stored
    .split(",")
    .filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
  return scopes.includes("decide") && !scopes.includes("read") ? ["read", ...scopes] : scopes;
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const CreateApiKeySchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("create"),
    name: organisationName("a name for the key, such as the system that will use it", 60),
    scopes: z
      .array(z.enum(API_SCOPES), { error: "Choose what the key may do." })
      .min(1, "Choose what the key may do."),
  }))();

export const RevokeApiKeySchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.literal("revoke-api-key"),
    keyId: z.string().min(1).max(40),
    confirmed: z.literal("yes", { error: "Confirm that you revoke the key." }),
  }))();
