// Uploaded files go through this one module: a local folder now (UPLOAD_DIR), an S3-compatible
// store later (docs/design/platform.md). Keys are random; names people chose are kept only in the database.
import crypto from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "./env.server";

function pathOf(key: string): string {
  if (!/^[a-f0-9]{2}\/[a-f0-9-]{36}$/.test(key)) throw new Error("Invalid storage key.");
  return path.join(env().UPLOAD_DIR, key);
}

export async function storeFile(bytes: Uint8Array): Promise<string> {
  const id = crypto.randomUUID();
  const key = `${crypto.createHash("sha256").update(id).digest("hex").slice(0, 2)}/${id}`;
  await mkdir(path.dirname(pathOf(key)), { recursive: true });
  await writeFile(pathOf(key), bytes, { flag: "wx" });
  return key;
}

export async function readStoredFile(key: string): Promise<Buffer> {
  return readFile(pathOf(key));
}

/** Removes a stored file that no record kept (its write was refused after the upload). */
export async function deleteStoredFile(key: string): Promise<void> {
  await rm(pathOf(key), { force: true });
}
