// Secrets at rest (EIN, Plaid access tokens): AES-256-GCM with a random 96-bit IV per value and
// the key from ENCRYPTION_KEY. The stored form is "v1.<iv>.<tag>.<ciphertext>", base64url parts, so
// a later key rotation can add "v2" without guessing. Tampering fails authentication and throws.
import crypto from "node:crypto";
import { env } from "./env.server";

const VERSION = "v1";

function key(explicit?: Buffer): Buffer {
  return explicit ?? Buffer.from(env().ENCRYPTION_KEY, "base64");
}

export function encryptSecret(plaintext: string, explicitKey?: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(explicitKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString("base64url"),
    tag.toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

export class DecryptionError extends Error {
  constructor(message = "The encrypted value could not be authenticated.") {
    super(message);
    this.name = "DecryptionError";
  }
}

export function decryptSecret(stored: string, explicitKey?: Buffer): string {
  const [version, ivPart, tagPart, dataPart, ...rest] = stored.split(".");
  if (version !== VERSION || !ivPart || !tagPart || dataPart === undefined || rest.length > 0) {
    throw new DecryptionError("The encrypted value is not in a known format.");
  }
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new DecryptionError("The encrypted value is malformed.");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(explicitKey), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataPart, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError();
  }
}

/** SHA-256 hex digest, for tokens that are stored only as a hash. */
export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** A random URL-safe token with 256 bits of entropy. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}
