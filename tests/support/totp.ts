// Two-factor authentication in tests: each staff account of a test gets a secret derived from its
// address, so any test can compute its current code the way an authenticator app would.
import crypto from "node:crypto";
import * as OTPAuth from "otpauth";
import { encryptSecret } from "~/utils/crypto.server";
import type { Db } from "~/utils/db.server";

/** The secret a test enrols for this address (base32, as an app would take it). */
export function knownTotpSecret(email: string): string {
  const bytes = crypto.createHash("sha256").update(`tradelift-test-totp:${email}`).digest().subarray(0, 20);
  return new OTPAuth.Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 20) }).base32;
}

/** The code an authenticator app shows for the secret at this time. */
export function totpCode(secret: string, at: Date | number = Date.now()): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, "")), period: 30 });
  return totp.generate({ timestamp: typeof at === "number" ? at : at.getTime() });
}

/** Turns 2FA on for the user with the known secret of its address (no recovery codes). */
export async function enrolKnownTotp(db: Db, user: { id: string; email: string }): Promise<string> {
  const secret = knownTotpSecret(user.email);
  await db.twoFactor.upsert({
    where: { userId: user.id },
    create: { userId: user.id, secretEncrypted: encryptSecret(secret), enabledAt: new Date() },
    update: {},
  });
  return secret;
}
