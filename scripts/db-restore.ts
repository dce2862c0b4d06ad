// `npm run db:restore -- <backup file>`: puts a backup made by `npm run db:backup` in place of the
// database. Stop the app first. The backup is checked before anything moves; the current database
// is kept beside it as <name>.before-restore-<UTC time> (with its WAL), so a restore can be undone;
// then the project's migrations are applied, in case the backup predates some of them.
import "./load-env";
import { copyFileSync, existsSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath, migrate } from "./setup";

const backup = process.argv[2];
if (!backup || !existsSync(backup)) {
  console.error("Usage: npm run db:restore -- <backup file>   (made by npm run db:backup)");
  process.exit(2);
}
const check = new Database(backup, { readonly: true, fileMustExist: true });
const integrity = check.pragma("integrity_check", { simple: true });
const tables = new Set(
  (check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
    (t) => t.name,
  ),
);
check.close();
if (integrity !== "ok" || !["User", "Merchant", "Application"].every((t) => tables.has(t))) {
  console.error(
    `${backup} is not a sound TradeLift backup (integrity: ${String(integrity)}); nothing changed.`,
  );
  process.exit(1);
}

const target = databasePath();
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
if (existsSync(target)) {
  for (const suffix of ["", "-wal", "-shm"]) {
    if (existsSync(`${target}${suffix}`))
      renameSync(`${target}${suffix}`, `${target}.before-restore-${stamp}${suffix}`);
  }
  console.info(`The previous database is kept as ${target}.before-restore-${stamp}.`);
}
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(backup, `${target}.restoring`);
renameSync(`${target}.restoring`, target);
// A backup made before some of this version's migrations is brought up to date.
if (tables.has("_prisma_migrations")) migrate();
console.info(`Restored ${backup} to ${target}.`);
