// `npm run db:backup [-- <file>]`: a consistent copy of the live database, taken while the app
// keeps serving, on either engine (docs/deploy.md).
// - SQLite: VACUUM INTO reads one snapshot (WAL lets writers carry on) and writes a compact copy;
//   it goes to a temporary name first and is renamed only once it passed SQLite's integrity check,
//   so a backup file is always whole. Default: backups/tradelift-<UTC time>.db.
// - PostgreSQL: pg_dump's custom format, one snapshot too, checked by reading back its table of
//   contents before it gets its name (scripts/postgres-backup.ts). Default: backups/tradelift-<UTC time>.dump.
import "./load-env";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "./db-migrate";
import { backupPostgres } from "./postgres-backup";
import { databasePath } from "./setup";

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
const postgres = isPostgresUrl(process.env.DATABASE_URL);
const target = path.resolve(
  process.argv[2] ?? path.join("backups", `tradelift-${stamp}.${postgres ? "dump" : "db"}`),
);
mkdirSync(path.dirname(target), { recursive: true });

if (postgres) {
  try {
    await backupPostgres(process.env.DATABASE_URL ?? "", target);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
} else {
  backupSqlite();
}

function backupSqlite() {
  const source = databasePath();
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const started = performance.now();
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare("VACUUM INTO ?").run(partial);
  } finally {
    db.close();
  }
  const copy = new Database(partial, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  const tables = copy
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'`,
    )
    .all() as { name: string }[];
  const rows = tables.reduce(
    (sum, { name }) =>
      sum + Number((copy.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n),
    0,
  );
  copy.close();
  if (check !== "ok") {
    rmSync(partial, { force: true });
    console.error(`The backup failed SQLite's integrity check (${String(check)}); nothing was kept.`);
    process.exit(1);
  }
  renameSync(partial, target);
  const megabytes = (statSync(target).size / 1024 / 1024).toFixed(1);
  console.info(
    `Backed up ${source} to ${target}: ${megabytes} MB, ${tables.length} tables, ${rows.toLocaleString("en-US")} rows, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}
