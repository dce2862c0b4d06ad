// Lenders' API keys (docs/design/api.md): created and revoked by the lender's admins (and revoked
// by TradeLift's admins), each change audited. Only a SHA-256 hash of the key is stored: the key
// is 256 random bits, so a fast hash is enough and lets every request find its key by an index.
import { randomBytes } from "node:crypto";
import { createReveal } from "~/domain/accounts/one-time-reveal.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { Db } from "~/utils/db.server";
import { type ApiScope, formatApiKey, publicIdOf, scopesOf, shownPrefix } from "./keys";

type Actor = { id: string; role: string };

const PUBLIC_ID_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

function newPublicId(): string {
  return [...randomBytes(10)].map((b) => PUBLIC_ID_ALPHABET[b % PUBLIC_ID_ALPHABET.length]).join("");
}

const KEY_SELECT = {
  id: true,
  publicId: true,
  name: true,
  scopes: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const;

type KeyRow = {
  id: string;
  publicId: string;
  name: string;
  scopes: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: { name: string };
};

const shown = (row: KeyRow) => ({
  id: row.id,
  name: row.name,
  prefix: shownPrefix(row.publicId),
  scopes: scopesOf(row.scopes),
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
  createdAt: row.createdAt,
  createdBy: row.createdBy.name,
});

export type ApiKeyListed = ReturnType<typeof shown>;

/** A lender's keys, live ones first, newest first. */
export async function listApiKeys(db: Db, lenderOrgId: string): Promise<ApiKeyListed[]> {
  const rows = await db.apiKey.findMany({
    where: { lenderOrgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: KEY_SELECT,
  });
  return rows.map(shown).sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)));
}

/** What a key's one-time reveal is for: the keys page asks for this purpose only. */
export function apiKeyRevealPurpose(keyId: string): string {
  return `api-key:${keyId}`;
}

/**
 * Creates a key and returns it whole: the only time it exists outside the caller's systems. The
 * same transaction keeps it in a one-time reveal for the creating user (revealId): the keys page
 * the POST redirects to shows it once (docs/design/accounts.md, "One-time reveal").
 */
export async function createApiKey(
  db: Db,
  input: { lenderOrgId: string; name: string; scopes: ApiScope[]; actor: Actor; ip: string },
): Promise<{ id: string; key: string; prefix: string; revealId: string }> {
  const publicId = newPublicId();
  const key = formatApiKey(publicId, randomToken());
  const scopes = [...new Set(input.scopes)].sort();
  return db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        lenderOrgId: input.lenderOrgId,
        publicId,
        secretHash: sha256Hex(key),
        name: input.name,
        scopes: scopes.join(","),
        createdById: input.actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "api_key.created",
      entityType: "ApiKey",
      entityId: created.id,
      summary: { lenderOrgId: input.lenderOrgId, name: input.name, prefix: shownPrefix(publicId), scopes },
      ip: input.ip,
    });
    const revealId = await createReveal(tx, {
      userId: input.actor.id,
      purpose: apiKeyRevealPurpose(created.id),
      value: key,
    });
    return { id: created.id, key, prefix: shownPrefix(publicId), revealId };
  });
}

/**
 * Revokes a key at once (the next request with it is refused). `lenderOrgId` scopes it to a
 * lender's own keys; TradeLift's admins pass the partner they are looking at. A key already
 * revoked (a double click, a stale page) says so; one that is not the lender's is "not-found".
 */
export async function revokeApiKey(
  db: Db,
  input: { lenderOrgId: string; keyId: string; actor: Actor; ip: string; now?: Date },
): Promise<"revoked" | "already-revoked" | "not-found"> {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: input.keyId, lenderOrgId: input.lenderOrgId },
      select: { id: true, name: true, publicId: true, revokedAt: true },
    });
    if (!key) return "not-found";
    if (key.revokedAt) return "already-revoked";
    const revoked = await tx.apiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt: input.now ?? new Date(), revokedById: input.actor.id },
    });
    if (revoked.count !== 1) return "already-revoked";
    await recordAudit(tx, {
      actor: input.actor,
      action: "api_key.revoked",
      entityType: "ApiKey",
      entityId: key.id,
      summary: { lenderOrgId: input.lenderOrgId, name: key.name, prefix: shownPrefix(key.publicId) },
      ip: input.ip,
    });
    return "revoked";
  });
}

export type ApiKeyHolder = {
  keyId: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  lenderOrgId: string;
  /** Whose name the domain's audit events carry: the key, on behalf of its organisation. */
  actor: { id: string; role: string; name: string };
};

/** The live key a bearer token is, or null (malformed, unknown or revoked: all the same to the caller). */
export async function authenticateApiKey(db: Db, token: string): Promise<ApiKeyHolder | null> {
  const publicId = publicIdOf(token);
  if (!publicId) return null;
  const key = await db.apiKey.findUnique({
    where: { secretHash: sha256Hex(token) },
    select: {
      id: true,
      publicId: true,
      name: true,
      scopes: true,
      revokedAt: true,
      lenderOrgId: true,
      createdById: true,
    },
  });
  if (!key || key.revokedAt || key.publicId !== publicId) return null;
  const prefix = shownPrefix(key.publicId);
  return {
    keyId: key.id,
    name: key.name,
    prefix,
    scopes: scopesOf(key.scopes),
    lenderOrgId: key.lenderOrgId,
    // The key acts for the admin who created it (whose account the audit log links to), under
    // the key's own name.
    actor: { id: key.createdById, role: "LENDER", name: `API key “${key.name}” (${prefix})` },
  };
}

/** Records one call of the API: the key's last use and an audit event with its name. */
export async function recordApiCall(
  db: Db,
  holder: ApiKeyHolder,
  call: { method: string; path: string; status: number; ip: string; now?: Date },
): Promise<void> {
  const now = call.now ?? new Date();
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: holder.keyId }, data: { lastUsedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      actor: holder.actor,
      action: "api.call",
      entityType: "ApiKey",
      entityId: holder.keyId,
      summary: {
        key: holder.name,
        prefix: holder.prefix,
        method: call.method,
        path: call.path,
        status: call.status,
      },
      ip: call.ip,
    });
  });
}
