// Transaction ingest through the real sync path — the app's Plaid client fetching
// /transactions/sync pages from the local sandbox (in its own process) and syncConnection writing
// them — against raw inserts of the same rows into the same schema in one transaction, on the same
// engine: better-sqlite3 prepared statements on SQLite, multi-row INSERTs of a `pg` client on
// PostgreSQL. Target (docs/design/platform.md): the sync path reaches ≥ 30% of the raw insert speed.
import Database from "better-sqlite3";
import pg from "pg";
import { openRawDatabase } from "../../tests/setup/raw-database";
import { createTestDatabase, removeTestDatabase } from "../../tests/setup/test-database";
import { largeHistory } from "../plaid-sandbox/personas";
import { type BenchDatabase, startBenchSandbox } from "./bench-env";
import type { BenchRow } from "./row";
import { median } from "./timing";

type Row = Record<string, unknown>;

/** Raw inserts of `rows` into a fresh copy of the schema, parents copied first; milliseconds. */
function rawInsertMs(sourceFile: string, rows: Row[]): number {
  const { file } = createTestDatabase("bench-raw", { engine: "sqlite" });
  const target = new Database(file);
  target.exec(`ATTACH DATABASE '${sourceFile.replaceAll("'", "''")}' AS src`);
  for (const table of ["User", "Merchant", "BankConnection", "BankAccount"])
    target.exec(`INSERT INTO main."${table}" SELECT * FROM src."${table}"`);
  target.exec("DETACH DATABASE src");
  const columns = Object.keys(rows[0] ?? {});
  const insert = target.prepare(
    `INSERT INTO "BankTransaction" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  const insertAll = target.transaction((all: Row[]) => {
    for (const row of all) insert.run(...columns.map((c) => row[c]));
  });
  const start = performance.now();
  insertAll(rows);
  const ms = performance.now() - start;
  target.close();
  removeTestDatabase(file);
  return ms;
}

/**
 * PostgreSQL's reference: the same rows inserted again into the table they came from (after the
 * sync's copies are deleted), 1,000 rows a statement, in one transaction; milliseconds.
 */
async function rawPostgresInsertMs(url: string, merchantId: string, rows: Row[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DELETE FROM "BankTransaction" WHERE "merchantId" = $1`, [merchantId]);
    const columns = Object.keys(rows[0] ?? {});
    const start = performance.now();
    await client.query("BEGIN");
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const values = chunk.map(
        (_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(", ")})`,
      );
      await client.query(
        `INSERT INTO "BankTransaction" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`,
        chunk.flatMap((row) => columns.map((c) => row[c])),
      );
    }
    await client.query("COMMIT");
    return performance.now() - start;
  } finally {
    await client.end();
  }
}

export async function ingestBenchmark(
  database: BenchDatabase,
  options: { transactions?: number; runs?: number } = {},
): Promise<BenchRow> {
  const count = options.transactions ?? 100_000;
  const runs = options.runs ?? 3;
  const sandbox = await startBenchSandbox();
  process.env.PLAID_BASE_PATH = sandbox.url;
  process.env.PLAID_SYNC_RETRY_BASE_MS = "1";
  const { prisma } = await import("~/utils/db.server");
  const { connectBank, syncConnection } = await import("~/domain/bank/sync.server");
  const { createMerchant, unique } = await import("../../tests/factories");
  const user = JSON.stringify(largeHistory(count));
  const syncMs: number[] = [];
  const rawMs: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const merchant = await createMerchant(prisma, {
        email: `${unique("ingest")}@bench.example`,
        userName: "Ingest Bench",
        password: "bench password 2026",
        legalName: unique("Ingest Bench LLC "),
        complete: true,
      });
      const response = await fetch(`${sandbox.url}/sandbox/public_token/create`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          client_id: "local-client-id",
          secret: "local-secret",
          institution_id: "ins_109508",
          initial_products: ["transactions"],
          options: {
            override_username: "user_custom",
            override_password: user,
            transactions: { days_requested: 730 },
          },
        }),
      });
      const { public_token } = (await response.json()) as { public_token: string };
      const { connectionId } = await connectBank(prisma, {
        merchantId: merchant.merchantId,
        publicToken: public_token,
        actor: { id: merchant.userId, role: "MERCHANT" },
        ip: "127.0.0.1",
      });
      const start = performance.now();
      const outcome = await syncConnection(prisma, connectionId);
      syncMs.push(performance.now() - start);
      if (outcome.status !== "synced" || outcome.added !== count)
        throw new Error(`The sync did not bring all ${count} transactions: ${JSON.stringify(outcome)}`);

      const source = await openRawDatabase(database.url, { readonly: true });
      const rows = await source.all<Row>(
        `SELECT * FROM "BankTransaction" WHERE "merchantId" = ?`,
        merchant.merchantId,
      );
      await source.close();
      if (rows.length !== count) throw new Error(`Expected ${count} stored rows, found ${rows.length}.`);
      // The reference is short and noisy: measured three times per run.
      for (let i = 0; i < 3; i++)
        rawMs.push(
          database.engine === "postgresql"
            ? await rawPostgresInsertMs(database.url, merchant.merchantId, rows)
            : rawInsertMs(database.file, rows),
        );
      // Every run starts from an empty table, as the raw inserts do.
      const cleanup = await openRawDatabase(database.url);
      await cleanup.run(`DELETE FROM "BankTransaction" WHERE "merchantId" = ?`, merchant.merchantId);
      await cleanup.close();
    }
  } finally {
    await sandbox.stop();
  }
  const sync = median(syncMs);
  const raw = median(rawMs);
  const share = raw / sync;
  return {
    name: `ingest ${count.toLocaleString("en-US")} transactions through the sync path`,
    figure: (count / sync) * 1000,
    unit: "rows/s",
    detail: `${(sync / 1000).toFixed(2)} s for ${count.toLocaleString("en-US")} rows, ${runs} runs`,
    referenceName:
      database.engine === "postgresql"
        ? "raw pg multi-row inserts, one transaction"
        : "raw better-sqlite3 inserts, one transaction",
    referenceFigure: (count / raw) * 1000,
    ratio: share,
    ratioLabel: `${(share * 100).toFixed(0)}% of raw`,
    target: "≥ 30% of raw",
    pass: share >= 0.3,
  };
}
