// `npm run db:backup` and `db:restore` on PostgreSQL (scripts/db-backup.ts, db-restore.ts), with
// PostgreSQL's own tools from the server's major version (Debian: /usr/lib/postgresql/<major>/bin,
// or PG_BIN_DIR). A backup is `pg_dump --format=custom`: one consistent snapshot while the app keeps
// writing. A restore goes into a new database, which then takes the live one's name; the live one is
// kept beside it under another name, so a restore can be undone (docs/deploy.md). For recovery to a
// moment between backups, use base backups with WAL archiving (docs/deploy.md), not these.
import { execFileSync } from "node:child_process";
import { renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDeploy } from "./db-migrate";
import { postgresBinDir } from "./postgres-server";

/** Query parameters Prisma understands and libpq (pg_dump, pg_restore) refuses. */
const PRISMA_ONLY = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "pgbouncer",
  "socket_timeout",
  "statement_cache_size",
];

/** The URL as libpq takes it: without Prisma's own parameters. */
export function libpqUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of PRISMA_ONLY) parsed.searchParams.delete(name);
  return parsed.toString();
}

function tool(name: string): string {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`${name} is not installed (Debian: apt-get install postgresql-client).`);
  return path.join(bin, name);
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(libpqUrl(url));
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A name of at most 63 bytes (PostgreSQL's limit) made of the database's and a suffix. */
function besideName(name: string, suffix: string): string {
  return `${name.slice(0, 63 - suffix.length)}${suffix}`;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  // The server's maintenance database: a database cannot be created or renamed from inside itself.
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The tables a custom-format dump holds, from its table of contents (`pg_restore --list`). */
function tablesIn(file: string): Set<string> {
  const list = execFileSync(tool("pg_restore"), ["--list", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tables = new Set<string>();
  for (const line of list.split("\n")) {
    const match = /^\d+; \d+ \d+ TABLE \S+ (\S+) /.exec(line);
    if (match?.[1]) tables.add(match[1]);
  }
  return tables;
}

export async function backupPostgres(url: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const started = performance.now();
  execFileSync(tool("pg_dump"), ["--format=custom", "--no-owner", "--file", partial, libpqUrl(url)], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const tables = tablesIn(partial);
  if (!["User", "Merchant", "Application"].every((t) => tables.has(t))) {
    rmSync(partial, { force: true });
    throw new Error(`The dump of ${databaseName(url)} does not hold TradeLift's tables; nothing was kept.`);
  }
  // The statistics' row count: an estimate, for the operator's eye, not a check.
  const client = new pg.Client({ connectionString: libpqUrl(url) });
  await client.connect();
  const rows = await client
    .query<{ n: string }>(`SELECT COALESCE(SUM("n_live_tup"), 0) AS n FROM "pg_stat_user_tables"`)
    .then((result) => Number(result.rows[0]?.n ?? 0))
    .finally(() => client.end());
  renameSync(partial, target);
  const megabytes = (statSync(target).size / 1024 / 1024).toFixed(1);
  console.info(
    `Backed up PostgreSQL database ${databaseName(url)} to ${target}: ${megabytes} MB, ${tables.size} tables, about ${rows.toLocaleString("en-US")} rows, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

export async function restorePostgres(url: string, file: string): Promise<void> {
  let tables: Set<string>;
  try {
    tables = tablesIn(file);
  } catch {
    tables = new Set();
  }
  if (!["User", "Merchant", "Application"].every((t) => tables.has(t)))
    throw new Error(`${file} is not a TradeLift backup made by npm run db:backup; nothing changed.`);

  const name = databaseName(url);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
  const restoring = besideName(name, `_restoring_${stamp}`);
  const kept = besideName(name, `_before_restore_${stamp}`);
  await onServer(url, (client) => client.query(`CREATE DATABASE ${quoted(restoring)}`));
  try {
    execFileSync(
      tool("pg_restore"),
      [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        withDatabase(url, restoring),
        file,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
  } catch (error) {
    await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(restoring)}`));
    throw new Error(`pg_restore failed (${String(error)}); the live database is unchanged.`);
  }
  // pg_restore brings no planner statistics: until autovacuum's first ANALYZE the busiest pages
  // would be planned as for empty tables (docs/benchmarks.md: the queue at 45 ms instead of 0.6).
  const analyze = new pg.Client({ connectionString: withDatabase(url, restoring) });
  await analyze.connect();
  try {
    await analyze.query("ANALYZE");
  } finally {
    await analyze.end();
  }
  // The swap: two renames, refused while anyone is connected to the live database (stop the app).
  await onServer(url, async (client) => {
    const exists = await client.query(`SELECT 1 FROM "pg_database" WHERE "datname" = $1`, [name]);
    if (exists.rowCount) {
      try {
        await client.query(`ALTER DATABASE ${quoted(name)} RENAME TO ${quoted(kept)}`);
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS ${quoted(restoring)}`);
        throw new Error(
          `The live database ${name} is in use (${error instanceof Error ? error.message : String(error)}): stop the app servers first. Nothing changed.`,
        );
      }
      console.info(`The previous database is kept as ${kept}.`);
    }
    await client.query(`ALTER DATABASE ${quoted(restoring)} RENAME TO ${quoted(name)}`);
  });
  // A backup made before some of this version's migrations is brought up to date.
  if (tables.has("_prisma_migrations")) migrateDeploy(url, true);
  console.info(`Restored ${file} to PostgreSQL database ${name}.`);
}
