// A fresh SQLite database file with every migration applied, for one test file or one browser run.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS = path.resolve("prisma/migrations");

export function createTestDatabase(label = "test"): { file: string; url: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `tradelift-${label}-`));
  const file = path.join(dir, "tradelift.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  for (const entry of readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    db.exec(readFileSync(path.join(MIGRATIONS, entry.name, "migration.sql"), "utf8"));
  }
  db.close();
  return { file, url: `file:${file}` };
}

/** Deletes a database made by createTestDatabase, with its WAL and its folder. */
export function removeTestDatabase(file: string): void {
  rmSync(path.dirname(file), { recursive: true, force: true });
}
