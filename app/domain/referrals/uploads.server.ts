import crypto from "node:crypto";
import type { Db } from "~/utils/db.server";
import { storeFile } from "~/utils/storage.server";
import { MAX_DOCUMENT_BYTES, sniffDocument } from "./documents";

export type StoredUpload = {
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  type: string;
};

/** Checks an uploaded document (type by content, size) and stores it; a message when refused. */
export async function acceptUpload(
  file: File,
  type: string,
): Promise<{ ok: true; document: StoredUpload } | { ok: false; message: string }> {
  if (file.size === 0) return { ok: false, message: "The file is empty." };
  if (file.size > MAX_DOCUMENT_BYTES) return { ok: false, message: "The file is larger than 10 MB." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = sniffDocument(bytes);
  if (!sniffed) return { ok: false, message: "Upload a PDF, PNG, JPEG or CSV file." };
  const storageKey = await storeFile(bytes);
  const baseName =
    file.name
      .replace(/[^A-Za-z0-9 ._-]+/g, "_")
      .slice(0, 100)
      .replace(/\.[A-Za-z0-9]{1,5}$/, "") || "document";
  return {
    ok: true,
    document: {
      storageKey,
      fileName: `${baseName}.${sniffed.extension}`,
      contentType: sniffed.contentType,
      sizeBytes: bytes.length,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      type,
    },
  };
}

/** How long a stored blob may wait for its document's record before the jobs call it orphaned. */
const ORPHAN_AFTER_MS = 60 * 60_000;

/**
 * Removes files stored in the database that no document kept: the upload was refused after the
 * file was stored and its process died before deleting it. Only database blobs: a file on one
 * server's disk is that server's to clean. An hour's grace covers an upload still in flight.
 */
export async function sweepOrphanUploads(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ORPHAN_AFTER_MS);
  // One statement: a document written meanwhile keeps its blob.
  return db.$executeRaw`
    DELETE FROM "StoredBlob"
    WHERE "createdAt" < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM "Document" d WHERE d."storageKey" = "StoredBlob"."key")`;
}
