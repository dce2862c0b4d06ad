import bcrypt from "bcrypt";
import { env } from "~/utils/env.server";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, env().BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, so that an unknown e-mail cannot be told
 * apart from a wrong password by how long the answer takes.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash("tradelift-timing-equaliser", env().BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
