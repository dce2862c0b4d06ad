// A fresh database with every migration applied, for one test file or one browser run: a SQLite
// file by default, or a PostgreSQL database when TEST_POSTGRES_URL names a server to make them on
// (an administrator's URL, e.g. postgresql://postgres@127.0.0.1:55432/postgres; `.ci/run` starts
// a throwaway server and runs the suites a second time that way).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const SQLITE_MIGRATIONS = path.resolve("prisma/migrations");
const POSTGRES_MIGRATIONS = path.resolve("prisma/postgres/migrations");

function migrationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => path.join(dir, e.name, "migration.sql"));
}

export type TestDatabase = { url: string; file: string; engine: "sqlite" | "postgresql" };

/** The server the tests make their PostgreSQL databases on, or null: the tests run on SQLite. */
export function testPostgresUrl(): string | null {
  return process.env.TEST_POSTGRES_URL || null;
}

export function createTestDatabase(
  label = "test",
  options: { engine?: "sqlite" | "postgresql" } = {},
): TestDatabase {
  const admin = testPostgresUrl();
  const engine = options.engine ?? (admin ? "postgresql" : "sqlite");
  if (engine === "postgresql") {
    if (!admin) throw new Error("TEST_POSTGRES_URL is not set.");
    return createPostgresDatabase(admin, label);
  }
  const dir = mkdtempSync(path.join(tmpdir(), `tradelift-${label}-`));
  const file = path.join(dir, "tradelift.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  for (const migration of migrationFiles(SQLITE_MIGRATIONS)) db.exec(readFileSync(migration, "utf8"));
  db.close();
  return { file, url: `file:${file}`, engine };
}

/** Deletes a database made by createTestDatabase (a SQLite file with its WAL and folder, or a PostgreSQL database). */
export function removeTestDatabase(fileOrUrl: string): void {
  if (/^postgres(ql)?:\/\//.test(fileOrUrl)) {
    const url = new URL(fileOrUrl);
    const name = url.pathname.slice(1);
    url.pathname = "/postgres";
    psql(url.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return;
  }
  rmSync(path.dirname(fileOrUrl.replace(/^file:/, "")), { recursive: true, force: true });
}

// Synchronous, like the SQLite path (callers make their database at import time): psql, which
// Debian's postgresql package installs with the server.
function psql(url: string, sql: string, file?: string): void {
  execFileSync("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", ...(file ? ["-f", file] : ["-c", sql])], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, PGOPTIONS: "-c client_min_messages=warning" },
  });
}

function withDatabase(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

// Migrating a database costs about a second; copying a migrated template costs a few
// milliseconds. One template per set of migrations (named by their hash), made by whichever
// process comes first: it is built under a name of its own and renamed, so a race only wastes one.
function postgresTemplate(admin: string): string {
  const files = migrationFiles(POSTGRES_MIGRATIONS);
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(file));
  const template = `tradelift_template_${hash.digest("hex").slice(0, 12)}`;
  const exists = execFileSync(
    "psql",
    [admin, "-X", "-At", "-c", `SELECT 1 FROM pg_database WHERE datname = '${template}'`],
    { encoding: "utf8" },
  ).trim();
  if (exists === "1") return template;
  const building = `${template}_${randomBytes(4).toString("hex")}`;
  psql(admin, `CREATE DATABASE "${building}"`);
  for (const file of files) psql(withDatabase(admin, building), "", file);
  try {
    psql(admin, `ALTER DATABASE "${building}" RENAME TO "${template}"`);
  } catch {
    psql(admin, `DROP DATABASE IF EXISTS "${building}"`);
  }
  return template;
}

function createPostgresDatabase(admin: string, label: string): TestDatabase {
  const template = postgresTemplate(admin);
  const name = `tradelift_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(6).toString("hex")}`;
  // Copies from one template at the same moment can collide ("source database is being
  // accessed by other users"): try again shortly.
  for (let attempt = 0; ; attempt++) {
    try {
      psql(admin, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 + attempt * 25);
    }
  }
  const url = withDatabase(admin, name);
  return { url, file: url, engine: "postgresql" };
}
