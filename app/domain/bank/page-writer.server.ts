// Writes bank sync pages on a worker thread with its own better-sqlite3 connection, so that the
// main thread keeps fetching and parsing the next pages from Plaid while a batch is written
// (docs/benchmarks.md: parsing and writing on one thread left the sync at a quarter of raw insert
// speed). Each batch — its accounts, its transactions, its removals and the cursor after its last
// page — is one SQLite transaction: a crash replays the batch, and upserts by Plaid id make the
// replay harmless. The SQL is standard (INSERT … ON CONFLICT … DO UPDATE runs on PostgreSQL).
// A batch is written only while its connection is live: the check is inside the batch's
// transaction, so a sync that outlives a disconnection writes nothing after it.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { databaseFile } from "~/utils/database-file.server";

export type AccountRow = {
  /** The id a new account row gets (an existing one keeps its own). */
  id: string;
  plaidAccountId: string;
  name: string;
  officialName: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  current: number | null;
  available: number | null;
  currency: string;
};

/** id, plaidTransactionId, plaidAccountId, postedDate, amountCents, currency, name, counterparty, category, detail, pending */
export type TransactionRow = [
  string,
  string,
  string,
  string,
  number,
  string,
  string,
  string | null,
  string | null,
  string | null,
  0 | 1,
];

export type PageBatch = {
  connectionId: string;
  merchantId: string;
  now: string;
  pages: {
    accounts: AccountRow[];
    transactions: TransactionRow[];
    removed: string[];
    nextCursor: string;
    added: number;
    /** Plaid's `transactions_update_status` as of this page (null: unknown, left as it was). */
    historyStatus: string | null;
  }[];
};

const SQL = {
  account: `INSERT INTO "BankAccount" ("id", "connectionId", "merchantId", "plaidAccountId", "name", "officialName", "mask", "type", "subtype", "currentBalanceCents", "availableBalanceCents", "currency", "balanceAsOf", "createdAt", "updatedAt")
    VALUES (@id, @connectionId, @merchantId, @plaidAccountId, @name, @officialName, @mask, @type, @subtype, @current, @available, @currency, @now, @now, @now)
    ON CONFLICT ("plaidAccountId") DO UPDATE SET
      "name" = excluded."name", "officialName" = excluded."officialName", "mask" = excluded."mask",
      "type" = excluded."type", "subtype" = excluded."subtype",
      "currentBalanceCents" = excluded."currentBalanceCents", "availableBalanceCents" = excluded."availableBalanceCents",
      "currency" = excluded."currency", "balanceAsOf" = excluded."balanceAsOf", "updatedAt" = excluded."updatedAt"
    WHERE "BankAccount"."connectionId" = excluded."connectionId"
    RETURNING "id"`,
  // Our sign: inflow positive. A transaction already stored for another merchant is left alone.
  transaction: `INSERT INTO "BankTransaction" ("id", "plaidTransactionId", "accountId", "merchantId", "postedDate", "amountCents", "currency", "name", "counterpartyName", "categoryPrimary", "categoryDetailed", "pending", "removedAt", "createdAt", "updatedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
    ON CONFLICT ("plaidTransactionId") DO UPDATE SET
      "accountId" = excluded."accountId", "postedDate" = excluded."postedDate", "amountCents" = excluded."amountCents",
      "currency" = excluded."currency", "name" = excluded."name", "counterpartyName" = excluded."counterpartyName",
      "categoryPrimary" = excluded."categoryPrimary", "categoryDetailed" = excluded."categoryDetailed",
      "pending" = excluded."pending", "removedAt" = NULL, "updatedAt" = excluded."updatedAt"
    WHERE "BankTransaction"."merchantId" = excluded."merchantId"`,
  remove: `UPDATE "BankTransaction" SET "removedAt" = ?, "updatedAt" = ? WHERE "merchantId" = ? AND "plaidTransactionId" = ?`,
  cursor: `UPDATE "BankConnection" SET "syncCursor" = ?, "historyStatus" = COALESCE(?, "historyStatus"), "syncStartedAt" = ?, "syncAddedCount" = "syncAddedCount" + ?, "updatedAt" = ? WHERE "id" = ?`,
  live: `SELECT "status" FROM "BankConnection" WHERE "id" = ?`,
};

/** The message a batch fails with when its connection was disconnected or revoked meanwhile. */
export const CONNECTION_CLOSED = "connection-closed";

// The worker's code: plain JavaScript, so that it runs the same from the built server, from tsx
// and from the tests. It receives batches in order and answers each with { id, ok } or
// { id, error, busy }.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { timeout: 0 });
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
// WAL with synchronous=NORMAL: a commit is not fsynced on its own (the WAL is, at checkpoints). A
// power cut can lose the last batches, never corrupt the file; a lost batch is replayed from its
// cursor. Set on this connection only: Prisma's (money, decisions) keeps synchronous=FULL.
db.pragma("synchronous = NORMAL");
// 64 MiB of cache and a checkpoint every ~40 MiB: a long sync updates index pages all over the
// transaction table, and re-reading or re-copying them dominated the write time.
db.pragma("cache_size = -65536");
db.pragma("wal_autocheckpoint = 10000");
const sql = workerData.sql;
const account = db.prepare(sql.account);
const transaction = db.prepare(sql.transaction);
const remove = db.prepare(sql.remove);
const cursor = db.prepare(sql.cursor);
const live = db.prepare(sql.live);
const write = db.transaction((batch) => {
  const { connectionId, merchantId, now } = batch;
  const connection = live.get(connectionId);
  if (!connection || connection.status === "REVOKED") {
    const closed = new Error(workerData.closed);
    closed.code = workerData.closed;
    throw closed;
  }
  for (const page of batch.pages) {
    const ids = new Map();
    for (const a of page.accounts) {
      const row = account.get({ id: a.id, connectionId, merchantId, now, plaidAccountId: a.plaidAccountId, name: a.name,
        officialName: a.officialName, mask: a.mask, type: a.type, subtype: a.subtype, current: a.current,
        available: a.available, currency: a.currency });
      if (!row) throw new Error("Plaid account " + a.plaidAccountId + " belongs to another connection.");
      ids.set(a.plaidAccountId, row.id);
    }
    for (const t of page.transactions) {
      const accountId = ids.get(t[2]);
      if (!accountId) throw new Error("Plaid sent a transaction for an unknown account (" + t[2] + ").");
      transaction.run(t[0], t[1], accountId, merchantId, t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], now, now);
    }
    for (const id of page.removed) remove.run(now, now, merchantId, id);
    cursor.run(page.nextCursor, page.historyStatus, now, page.added, now, connectionId);
  }
});
const pause = new Int32Array(new SharedArrayBuffer(4));
parentPort.on("message", ({ id, batch }) => {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      write.immediate(batch);
      parentPort.postMessage({ id, ok: true });
      return;
    } catch (error) {
      const busy = error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED");
      // Another writer holds the lock: wait (this thread only) and try again, up to 5 seconds.
      if (busy && Date.now() - started < 5000) {
        Atomics.wait(pause, 0, 0, Math.min(5 * 2 ** attempt, 100));
        continue;
      }
      const closed = Boolean(error && error.code === workerData.closed);
      parentPort.postMessage({ id, ok: false, busy: Boolean(busy), closed, error: String(error && error.message || error) });
      return;
    }
  }
});
`;

export class PageWriteError extends Error {
  constructor(
    message: string,
    readonly busy: boolean,
    /** The connection was disconnected or revoked: nothing of the batch was written. */
    readonly closed = false,
  ) {
    super(message);
    this.name = "PageWriteError";
  }
}

type Pending = { resolve: () => void; reject: (error: Error) => void };

class PageWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(readonly file: string) {
    const require = createRequire(import.meta.url);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        sql: SQL,
        closed: CONNECTION_CLOSED,
        betterSqlite3: require.resolve("better-sqlite3"),
      },
    });
    this.worker.unref();
    this.worker.on(
      "message",
      (message: { id: number; ok: boolean; error?: string; busy?: boolean; closed?: boolean }) => {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!waiting) return;
        if (message.ok) waiting.resolve();
        else
          waiting.reject(
            new PageWriteError(
              message.error ?? "The page could not be written.",
              Boolean(message.busy),
              Boolean(message.closed),
            ),
          );
      },
    );
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", () => this.failAll(new Error("The page writer stopped.")));
  }

  private failAll(error: Error) {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    if (writers.get(this.file) === this) writers.delete(this.file);
  }

  /** Resolves once the batch is committed; batches are written in the order they are sent. */
  write(batch: PageBatch): Promise<void> {
    const id = this.next++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, batch });
    });
  }
}

const writers = new Map<string, PageWriter>();

/** The page writer of this process for the app's database. */
export function pageWriter(): PageWriter {
  const file = databaseFile();
  let writer = writers.get(file);
  if (!writer) {
    writer = new PageWriter(file);
    writers.set(file, writer);
  }
  return writer;
}
