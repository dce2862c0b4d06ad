// `npm run db:restore -- <backup file>`: puts a backup made by `npm run db:backup` in place of the
// database, on either engine. Stop the app first. The backup is checked before anything moves; the
// current database is kept beside it (SQLite: <name>.before-restore-<UTC time>, with its WAL;
// PostgreSQL: the database <name>_before_restore_<UTC time>, scripts/postgres-backup.ts), so a
// restore can be undone; then the project's migrations are applied, in case the backup predates
// some of them.
import "./load-env";
import { copyFileSync, existsSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "./db-migrate";
import { restorePostgres } from "./postgres-backup";
import { databasePath, migrate } from "./setup";

const backup = process.argv[2];
if (!backup || !existsSync(backup)) {
  console.error("Usage: npm run db:restore -- <backup file>   (made by npm run db:backup)");
  process.exit(2);
}

if (isPostgresUrl(process.env.DATABASE_URL)) {
  try {
    await restorePostgres(process.env.DATABASE_URL ?? "", backup);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
} else {
  restoreSqlite(backup);
}

function restoreSqlite(file: string) {
  let integrity: unknown = "not a database";
  let tables = new Set<string>();
  try {
    const check = new Database(file, { readonly: true, fileMustExist: true });
    integrity = check.pragma("integrity_check", { simple: true });
    tables = new Set(
      (check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    check.close();
  } catch {
    // Not a SQLite file at all: refused below like any other unsound backup.
  }
  if (integrity !== "ok" || !["User", "Merchant", "Application"].every((t) => tables.has(t))) {
    console.error(
      `${file} is not a sound TradeLift backup (integrity: ${String(integrity)}); nothing changed.`,
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
  copyFileSync(file, `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
  // A backup made before some of this version's migrations is brought up to date.
  if (tables.has("_prisma_migrations")) migrate();
  console.info(`Restored ${file} to ${target}.`);
}
