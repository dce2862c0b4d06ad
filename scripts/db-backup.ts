// `npm run db:backup [-- <file>]`: a consistent copy of the live SQLite database, taken while the
// app keeps serving. VACUUM INTO reads one snapshot (WAL lets writers carry on) and writes a
// compact copy; it goes to a temporary name first and is renamed only once it passed SQLite's
// integrity check, so a backup file is always whole. Default: backups/tradelift-<UTC time>.db.
import "./load-env";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath } from "./setup";

const source = databasePath();
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
const target = path.resolve(process.argv[2] ?? path.join("backups", `tradelift-${stamp}.db`));
const partial = `${target}.partial`;

mkdirSync(path.dirname(target), { recursive: true });
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
