// Sanctions list versions (docs/design/sanctions.md, list versions): loading OFAC's published
// files as a new version (every version is kept, with its date, hash and counts), the version
// screenings use (the newest list date, then the latest loaded), and its in-memory index.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db, Prisma } from "~/utils/db.server";
import { type ListEntry, SanctionsIndex } from "./matcher";
import { decodeOfacFile, parseSdn } from "./sdn-csv";

type Reader = Db | Prisma.TransactionClient;

export const SDN_SOURCE = "OFAC_SDN";
/** The list shipped with TradeLift, loaded by `npm run setup` when no list is loaded yet. */
export const SHIPPED_SDN_FILE = path.resolve("app/domain/reference/sanctions/ofac-sdn-2024-05-03.csv");
export const SHIPPED_SDN_DATE = "2024-05-03";

export type ListVersion = {
  id: string;
  listDate: Date;
  sha256: string;
  altSha256: string | null;
  entryCount: number;
  aliasCount: number;
  loadedAt: Date;
};

const VERSION_SELECT = {
  id: true,
  listDate: true,
  sha256: true,
  altSha256: true,
  entryCount: true,
  aliasCount: true,
  loadedAt: true,
} as const;

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export type LoadOutcome = { status: "loaded" | "already-loaded"; list: ListVersion };

/**
 * Stores one published version of the SDN list. The same files (same hashes) load once; a
 * version is never changed or deleted afterwards, since screenings name it.
 */
export async function loadSdnList(
  db: Db,
  input: { sdn: Uint8Array; alt?: Uint8Array; listDate: Date; fileName: string },
): Promise<LoadOutcome> {
  const sha256 = sha256Of(input.sdn);
  const altSha256 = input.alt ? sha256Of(input.alt) : null;
  const known = await db.sanctionsList.findFirst({
    where: { source: SDN_SOURCE, sha256, altSha256 },
    select: VERSION_SELECT,
  });
  if (known) return { status: "already-loaded", list: known };
  const { entries, aliasCount } = parseSdn(
    decodeOfacFile(input.sdn),
    input.alt ? decodeOfacFile(input.alt) : undefined,
  );
  const list = await db.$transaction(
    async (tx) => {
      const created = await tx.sanctionsList.create({
        data: {
          source: SDN_SOURCE,
          listDate: input.listDate,
          sha256,
          altSha256,
          entryCount: entries.length,
          aliasCount,
          fileName: input.fileName,
        },
        select: VERSION_SELECT,
      });
      for (let start = 0; start < entries.length; start += 2000) {
        await tx.sanctionsEntry.createMany({
          data: entries.slice(start, start + 2000).map((e) => ({
            listId: created.id,
            entNum: e.entNum,
            name: e.name,
            type: e.type,
            programs: e.programs,
            title: e.title,
            remarks: e.remarks,
            aliasesJson: JSON.stringify(e.aliases),
          })),
        });
      }
      await tx.auditEvent.create({
        data: {
          action: "sanctions.list_loaded",
          entityType: "SanctionsList",
          entityId: created.id,
          summaryJson: JSON.stringify({
            source: SDN_SOURCE,
            listDate: input.listDate.toISOString().slice(0, 10),
            sha256,
            altSha256,
            entries: entries.length,
            aliases: aliasCount,
            fileName: input.fileName,
          }),
        },
      });
      return created;
    },
    { timeout: 60_000 },
  );
  return { status: "loaded", list };
}

/** Loads the shipped list when no SDN list is loaded at all (a fresh install). */
export async function ensureShippedList(db: Db): Promise<LoadOutcome | null> {
  if ((await db.sanctionsList.count({ where: { source: SDN_SOURCE } })) > 0) return null;
  return loadSdnList(db, {
    sdn: readFileSync(SHIPPED_SDN_FILE),
    listDate: new Date(`${SHIPPED_SDN_DATE}T00:00:00.000Z`),
    fileName: path.basename(SHIPPED_SDN_FILE),
  });
}

/** The version screenings use: the newest list date, and of two with that date the latest loaded. */
export async function currentList(db: Reader): Promise<ListVersion | null> {
  return db.sanctionsList.findFirst({
    where: { source: SDN_SOURCE },
    orderBy: [{ listDate: "desc" }, { loadedAt: "desc" }, { id: "desc" }],
    select: VERSION_SELECT,
  });
}

export async function listVersions(db: Reader): Promise<ListVersion[]> {
  return db.sanctionsList.findMany({
    where: { source: SDN_SOURCE },
    orderBy: [{ listDate: "desc" }, { loadedAt: "desc" }],
    select: VERSION_SELECT,
  });
}

// A version never changes once loaded, so its index is built once per process.
const INDEXES = new Map<string, Promise<SanctionsIndex>>();

export function indexOf(db: Reader, listId: string): Promise<SanctionsIndex> {
  let index = INDEXES.get(listId);
  if (!index) {
    index = (async () => {
      const rows = await db.sanctionsEntry.findMany({
        where: { listId },
        select: { id: true, entNum: true, name: true, type: true, aliasesJson: true },
      });
      const entries: ListEntry[] = rows.map((r) => ({
        id: r.id,
        entNum: r.entNum,
        name: r.name,
        type: r.type,
        aliases: JSON.parse(r.aliasesJson) as string[],
      }));
      return new SanctionsIndex(entries);
    })();
    index.catch(() => INDEXES.delete(listId));
    // One or two versions are in use at a time; older ones are let go.
    if (INDEXES.size >= 3) INDEXES.delete(INDEXES.keys().next().value as string);
    INDEXES.set(listId, index);
  }
  return index;
}
