// Uploaded files go through this one module, which has two backends (docs/deploy.md):
// - disk: a local folder (UPLOAD_DIR), the default on SQLite, where one machine serves everything;
// - database: the StoredBlob table, the default on PostgreSQL, so that every app server behind a
//   load balancer reads what any of them stored, and backups of the database hold the files too.
// STORAGE=disk|database overrides the default. A key says which backend holds it ("db/<uuid>" or
// "<2 hex>/<uuid>" on disk), so files stored before a change of STORAGE stay readable.
// Keys are random; names people chose are kept only in the database.
import crypto from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { databaseEngine, prisma } from "./db.server";
import { env } from "./env.server";

export type StorageBackend = "disk" | "database";

/** The largest file this module keeps: callers refuse larger uploads first, with their own message. */
export const MAX_STORED_BYTES = 10 * 1024 * 1024;

const DISK_KEY = /^[a-f0-9]{2}\/[a-f0-9-]{36}$/;
const DATABASE_KEY = /^db\/[a-f0-9-]{36}$/;

/** Where new files go: STORAGE when set, else the database on PostgreSQL and the disk on SQLite. */
export function storageBackend(): StorageBackend {
  return env().STORAGE ?? (databaseEngine() === "postgresql" ? "database" : "disk");
}

function backendOf(key: string): StorageBackend {
  if (DATABASE_KEY.test(key)) return "database";
  if (DISK_KEY.test(key)) return "disk";
  throw new Error("Invalid storage key.");
}

function pathOf(key: string): string {
  return path.join(env().UPLOAD_DIR, key);
}

export async function storeFile(bytes: Uint8Array): Promise<string> {
  if (bytes.length > MAX_STORED_BYTES) throw new Error("The file is larger than storage accepts.");
  const id = crypto.randomUUID();
  if (storageBackend() === "database") {
    const key = `db/${id}`;
    await prisma.storedBlob.create({
      data: { key, content: Buffer.from(bytes), sizeBytes: bytes.length },
      select: { key: true },
    });
    return key;
  }
  const key = `${crypto.createHash("sha256").update(id).digest("hex").slice(0, 2)}/${id}`;
  await mkdir(path.dirname(pathOf(key)), { recursive: true });
  await writeFile(pathOf(key), bytes, { flag: "wx" });
  return key;
}

export async function readStoredFile(key: string): Promise<Buffer> {
  if (backendOf(key) === "database") {
    const blob = await prisma.storedBlob.findUnique({ where: { key }, select: { content: true } });
    if (!blob) throw new Error(`Stored file ${key} is missing.`);
    return Buffer.from(blob.content);
  }
  return readFile(pathOf(key));
}

/** Removes a stored file that no record kept (its write was refused after the upload). */
export async function deleteStoredFile(key: string): Promise<void> {
  if (backendOf(key) === "database") {
    await prisma.storedBlob.deleteMany({ where: { key } });
    return;
  }
  await rm(pathOf(key), { force: true });
}
