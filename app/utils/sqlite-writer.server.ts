// A second, plain better-sqlite3 connection to the app's database, for the few bulk writes where
// Prisma's per-parameter overhead dominates (a bank sync page: 500 transactions). Everything else
// goes through Prisma (db.server.ts).
//
// Each write is one synchronous SQLite transaction, so it never holds the lock across an await.
// The connection does not busy-wait (that would block the event loop, and with it the Prisma
// transaction holding the lock): a busy database is retried asynchronously, with backoff.
import Database from "better-sqlite3";
import { env } from "./env.server";

let current: { url: string; db: Database.Database } | undefined;

/** The path of the SQLite file behind DATABASE_URL. */
export function databaseFile(url = env().DATABASE_URL): string {
  return url.replace(/^file:/, "");
}

export function sqliteWriter(): Database.Database {
  const url = env().DATABASE_URL;
  if (current?.url !== url) {
    current?.db.close();
    const db = new Database(databaseFile(url), { timeout: 0 });
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // WAL with synchronous=NORMAL: a commit is not fsynced on its own (the WAL is, at checkpoints).
    // A power cut can lose the last commits but never corrupts the file. That is right for what
    // this connection writes — bank sync pages saved with their cursor, replayed if lost — and
    // it is set on this connection only: Prisma's (money, decisions) keeps synchronous=FULL.
    db.pragma("synchronous = NORMAL");
    // 64 MiB of page cache (SQLite's default is 2 MiB): a large sync updates index pages all over
    // the transaction table, and re-reading them from disk dominated the write time.
    db.pragma("cache_size = -65536");
    // Checkpoint the WAL every ~40 MiB written by this connection instead of every ~4 MiB: a long
    // sync otherwise copies the same index pages back into the database file over and over.
    db.pragma("wal_autocheckpoint = 10000");
    current = { url, db };
  }
  return current.db;
}

export class DatabaseBusyError extends Error {
  constructor() {
    super("The database stayed locked by another writer; try again in a moment.");
    this.name = "DatabaseBusyError";
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

/** Runs `write` in one transaction; while another writer holds the lock, waits and tries again. */
export async function writeWithRetry<T>(write: (db: Database.Database) => T, maxWaitMs = 5000): Promise<T> {
  const db = sqliteWriter();
  const run = db.transaction(() => write(db));
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return run.immediate();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() - started >= maxWaitMs) throw new DatabaseBusyError();
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 100)));
    }
  }
}
