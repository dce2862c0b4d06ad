// Writes bank sync pages. On SQLite (the default), on a worker thread with its own better-sqlite3
// connection, so that the
// main thread keeps fetching and parsing the next pages from Plaid while a batch is written
// (docs/benchmarks.md: parsing and writing on one thread left the sync at a quarter of raw insert
// speed). Each batch — its accounts, its transactions, its removals and the cursor after its last
// page — is one SQLite transaction: a crash replays the batch, and upserts by Plaid id make the
// replay harmless. The SQL is standard (INSERT … ON CONFLICT … DO UPDATE runs on PostgreSQL).
// A batch is written only while its connection is live: the check is inside the batch's
// transaction, so a sync that outlives a disconnection writes nothing after it.
//
// On PostgreSQL there is no worker: the pool of the main client is the connection, and the server,
// not this process, does the writing, so the event loop is free while a batch is written. Each
// batch is one transaction there too, with multi-row INSERT … ON CONFLICT statements (one per
// thousand rows) instead of a statement per row (docs/decisions/0010-two-database-engines.md).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { databaseFile } from "~/utils/database-file.server";
import { databaseEngine, prisma } from "~/utils/db.server";

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

/** Rows per multi-row statement on PostgreSQL: 14 parameters a row, far below its 65,535. */
const POSTGRES_ROWS_PER_STATEMENT = 1000;

const POSTGRES_SQL = {
  // SQLite's statements with numbered parameters; the live check also locks the connection's row,
  // so a disconnection waits for the batch in flight (and the batch after it sees the new status).
  live: `SELECT "status" FROM "BankConnection" WHERE "id" = $1 FOR UPDATE`,
  account: `INSERT INTO "BankAccount" ("id", "connectionId", "merchantId", "plaidAccountId", "name", "officialName", "mask", "type", "subtype", "currentBalanceCents", "availableBalanceCents", "currency", "balanceAsOf", "createdAt", "updatedAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamp(3), $13::timestamp(3), $13::timestamp(3))
    ON CONFLICT ("plaidAccountId") DO UPDATE SET
      "name" = excluded."name", "officialName" = excluded."officialName", "mask" = excluded."mask",
      "type" = excluded."type", "subtype" = excluded."subtype",
      "currentBalanceCents" = excluded."currentBalanceCents", "availableBalanceCents" = excluded."availableBalanceCents",
      "currency" = excluded."currency", "balanceAsOf" = excluded."balanceAsOf", "updatedAt" = excluded."updatedAt"
    WHERE "BankAccount"."connectionId" = excluded."connectionId"
    RETURNING "id"`,
  transactions: (rows: number) => {
    const values = Array.from({ length: rows }, (_, i) => {
      const p = (n: number) => `$${i * 13 + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::timestamp(3), ${p(6)}::integer, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}::integer <> 0, NULL, ${p(13)}::timestamp(3), ${p(13)}::timestamp(3))`;
    });
    return `INSERT INTO "BankTransaction" ("id", "plaidTransactionId", "accountId", "merchantId", "postedDate", "amountCents", "currency", "name", "counterpartyName", "categoryPrimary", "categoryDetailed", "pending", "removedAt", "createdAt", "updatedAt")
    VALUES ${values.join(", ")}
    ON CONFLICT ("plaidTransactionId") DO UPDATE SET
      "accountId" = excluded."accountId", "postedDate" = excluded."postedDate", "amountCents" = excluded."amountCents",
      "currency" = excluded."currency", "name" = excluded."name", "counterpartyName" = excluded."counterpartyName",
      "categoryPrimary" = excluded."categoryPrimary", "categoryDetailed" = excluded."categoryDetailed",
      "pending" = excluded."pending", "removedAt" = NULL, "updatedAt" = excluded."updatedAt"
    WHERE "BankTransaction"."merchantId" = excluded."merchantId"`;
  },
  remove: (ids: number) =>
    `UPDATE "BankTransaction" SET "removedAt" = $1::timestamp(3), "updatedAt" = $1::timestamp(3) WHERE "merchantId" = $2 AND "plaidTransactionId" IN (${Array.from({ length: ids }, (_, i) => `$${i + 3}`).join(", ")})`,
  cursor: `UPDATE "BankConnection" SET "syncCursor" = $1, "historyStatus" = COALESCE($2, "historyStatus"), "syncStartedAt" = $3::timestamp(3), "syncAddedCount" = "syncAddedCount" + $4::integer, "updatedAt" = $3::timestamp(3) WHERE "id" = $5`,
};

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The PostgreSQL page writer: each batch one transaction through the app's pool. */
const postgresPageWriter = {
  async write(batch: PageBatch): Promise<void> {
    const { connectionId, merchantId, now } = batch;
    try {
      await prisma.$transaction(
        async (tx) => {
          const [connection] = await tx.$queryRawUnsafe<{ status: string }[]>(
            POSTGRES_SQL.live,
            connectionId,
          );
          if (!connection || connection.status === "REVOKED")
            throw new PageWriteError(CONNECTION_CLOSED, false, true);
          for (const page of batch.pages) {
            const ids = new Map<string, string>();
            for (const a of page.accounts) {
              const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
                POSTGRES_SQL.account,
                a.id,
                connectionId,
                merchantId,
                a.plaidAccountId,
                a.name,
                a.officialName,
                a.mask,
                a.type,
                a.subtype,
                a.current,
                a.available,
                a.currency,
                now,
              );
              if (!row) throw new Error(`Plaid account ${a.plaidAccountId} belongs to another connection.`);
              ids.set(a.plaidAccountId, row.id);
            }
            // One statement cannot update a row twice: a transaction Plaid lists twice in a page
            // (added, then modified) is written once, as last listed, like the row-by-row path.
            const latest = new Map<string, TransactionRow>();
            for (const t of page.transactions) latest.set(t[1], t);
            for (const rows of chunks([...latest.values()], POSTGRES_ROWS_PER_STATEMENT)) {
              const params: unknown[] = [];
              for (const t of rows) {
                const accountId = ids.get(t[2]);
                if (!accountId) throw new Error(`Plaid sent a transaction for an unknown account (${t[2]}).`);
                params.push(
                  t[0],
                  t[1],
                  accountId,
                  merchantId,
                  t[3],
                  t[4],
                  t[5],
                  t[6],
                  t[7],
                  t[8],
                  t[9],
                  t[10],
                  now,
                );
              }
              await tx.$executeRawUnsafe(POSTGRES_SQL.transactions(rows.length), ...params);
            }
            for (const removed of chunks(page.removed, POSTGRES_ROWS_PER_STATEMENT))
              await tx.$executeRawUnsafe(POSTGRES_SQL.remove(removed.length), now, merchantId, ...removed);
            await tx.$executeRawUnsafe(
              POSTGRES_SQL.cursor,
              page.nextCursor,
              page.historyStatus,
              now,
              page.added,
              connectionId,
            );
          }
        },
        { maxWait: 10_000, timeout: 120_000 },
      );
    } catch (error) {
      if (error instanceof PageWriteError) throw error;
      // db.server.ts turns a lock that outlasted its wait into a 503 Response: "busy", as on SQLite.
      if (error instanceof Response && error.status === 503)
        throw new PageWriteError("The database is busy.", true);
      throw new PageWriteError(error instanceof Error ? error.message : String(error), false);
    }
  },
};

/** The page writer of this process for the app's database. */
export function pageWriter(): Pick<PageWriter, "write"> {
  if (databaseEngine() === "postgresql") return postgresPageWriter;
  const file = databaseFile();
  let writer = writers.get(file);
  if (!writer) {
    writer = new PageWriter(file);
    writers.set(file, writer);
  }
  return writer;
}
