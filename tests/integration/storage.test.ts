// Uploaded files behind app/utils/storage.server.ts: the disk (SQLite's default) and the database
// (PostgreSQL's default, what several app servers share), chosen by STORAGE or by the engine; a key
// stays readable after STORAGE changes; sizes are capped; a blob no document kept is swept.
import { readdir } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { runJobsOnce } from "~/domain/jobs/jobs.server";
import { databaseEngine, prisma } from "~/utils/db.server";
import { env, overrideEnvForTests } from "~/utils/env.server";
import {
  deleteStoredFile,
  MAX_STORED_BYTES,
  readStoredFile,
  storageBackend,
  storeFile,
} from "~/utils/storage.server";

const bytes = (text: string) => new TextEncoder().encode(text);

async function diskFiles(): Promise<number> {
  const entries = await readdir(env().UPLOAD_DIR, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

afterEach(() => {
  overrideEnvForTests({ STORAGE: undefined });
});

describe("file storage", () => {
  it("defaults to the database on PostgreSQL and to the disk on SQLite", () => {
    expect(storageBackend()).toBe(databaseEngine() === "postgresql" ? "database" : "disk");
  });

  it.each(["disk", "database"] as const)("stores, reads and deletes a file on the %s", async (backend) => {
    overrideEnvForTests({ STORAGE: backend });
    const filesBefore = await diskFiles();
    const key = await storeFile(bytes(`hello from ${backend}`));
    expect(key).toMatch(backend === "database" ? /^db\/[0-9a-f-]{36}$/ : /^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect((await readStoredFile(key)).toString()).toBe(`hello from ${backend}`);
    expect(await prisma.storedBlob.count({ where: { key } })).toBe(backend === "database" ? 1 : 0);
    expect(await diskFiles()).toBe(filesBefore + (backend === "disk" ? 1 : 0));
    await deleteStoredFile(key);
    await expect(readStoredFile(key)).rejects.toThrow();
    expect(await prisma.storedBlob.count({ where: { key } })).toBe(0);
    expect(await diskFiles()).toBe(filesBefore);
  });

  it("reads files stored before STORAGE changed, and refuses bad keys and oversized files", async () => {
    overrideEnvForTests({ STORAGE: "disk" });
    const onDisk = await storeFile(bytes("kept on disk"));
    overrideEnvForTests({ STORAGE: "database" });
    const inDatabase = await storeFile(bytes("kept in the database"));
    expect((await readStoredFile(onDisk)).toString()).toBe("kept on disk");
    overrideEnvForTests({ STORAGE: "disk" });
    expect((await readStoredFile(inDatabase)).toString()).toBe("kept in the database");
    await expect(readStoredFile("../../etc/passwd")).rejects.toThrow("Invalid storage key.");
    await expect(readStoredFile("db/../x")).rejects.toThrow("Invalid storage key.");
    const blobs = await prisma.storedBlob.count();
    await expect(storeFile(new Uint8Array(MAX_STORED_BYTES + 1))).rejects.toThrow();
    overrideEnvForTests({ STORAGE: "database" });
    await expect(storeFile(new Uint8Array(MAX_STORED_BYTES + 1))).rejects.toThrow();
    expect(await prisma.storedBlob.count()).toBe(blobs);
    await deleteStoredFile(onDisk);
    await deleteStoredFile(inDatabase);
  });

  it("the jobs remove database blobs no document kept after an hour, never a document's", async () => {
    overrideEnvForTests({ STORAGE: "database" });
    const merchant = await createMerchant(prisma, {
      email: `${unique("blob")}@example.com`,
      userName: "Blob Owner",
      password: "correct horse battery staple",
      legalName: "Blob Exports LLC",
    });
    const kept = await storeFile(bytes("a document's file"));
    await prisma.document.create({
      data: {
        merchantId: merchant.merchantId,
        type: "OTHER",
        fileName: "kept.pdf",
        contentType: "application/pdf",
        sizeBytes: 17,
        sha256: "0".repeat(64),
        storageKey: kept,
        uploadedById: merchant.userId,
      },
    });
    const orphan = await storeFile(bytes("nobody kept me"));
    const young = await storeFile(bytes("still being uploaded"));
    const hourAgo = new Date(Date.now() - 61 * 60_000);
    await prisma.storedBlob.updateMany({
      where: { key: { in: [kept, orphan] } },
      data: { createdAt: hourAgo },
    });

    const run = await runJobsOnce(prisma);
    expect(run.orphanUploadsRemoved).toBe(1);
    const left = await prisma.storedBlob.findMany({ where: { key: { in: [kept, orphan, young] } } });
    expect(left.map((blob) => blob.key).sort()).toEqual([kept, young].sort());
    expect((await readStoredFile(kept)).toString()).toBe("a document's file");
    expect((await runJobsOnce(prisma)).orphanUploadsRemoved).toBe(0);
  });
});
