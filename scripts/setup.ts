// Prepares a working TradeLift on this machine: a .env with fresh secrets (first run only), the
// database with every migration applied (SQLite by default; PostgreSQL when DATABASE_URL is a
// postgresql:// URL), and the demo data when the database is empty.
//   npm run setup        (npm start runs it first)
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl, migrateDeploy } from "./db-migrate";

export function ensureEnvFile(): boolean {
  if (existsSync(".env")) return false;
  const lines = [
    "# Written by `npm run setup` on first run. See README.md, Configuration, for every variable.",
    `SESSION_SECRET=${crypto.randomBytes(32).toString("base64url")}`,
    `ENCRYPTION_KEY=${crypto.randomBytes(32).toString("base64")}`,
    "APP_URL=http://localhost:3000",
    "",
  ];
  writeFileSync(".env", lines.join("\n"), { mode: 0o600 });
  return true;
}

export function databasePath(): string {
  const url = process.env.DATABASE_URL ?? `file:${path.resolve("prisma/data/tradelift.db")}`;
  // db:backup, db:restore and db:reset work on SQLite's file; a PostgreSQL database is backed up,
  // restored and recreated with PostgreSQL's own tools (pg_dump, pg_restore, dropdb/createdb).
  if (isPostgresUrl(url))
    throw new Error(
      "This command works on the SQLite database; DATABASE_URL names PostgreSQL: use pg_dump, pg_restore or dropdb/createdb.",
    );
  return path.resolve(url.replace(/^file:/, ""));
}

export function migrate(): void {
  if (isPostgresUrl(process.env.DATABASE_URL)) {
    migrateDeploy(process.env.DATABASE_URL, true);
    return;
  }
  const file = databasePath();
  mkdirSync(path.dirname(file), { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: `file:${file}` },
  });
  // WAL lets readers go on while a writer commits; the setting is kept in the database file.
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}

export async function seedIfEmpty(): Promise<boolean> {
  const { prisma } = await import("~/utils/db.server");
  const { printDemoAccounts, seedDemo } = await import("../tests/factories/demo");
  const users = await prisma.user.count();
  if (users === 0) {
    await seedDemo(prisma);
    printDemoAccounts();
  }
  // Screening works out of the box: the shipped SDN list is loaded when none is.
  const { ensureShippedList } = await import("~/domain/sanctions/lists.server");
  const loaded = await ensureShippedList(prisma);
  if (loaded) console.info(`Loaded the shipped OFAC SDN list (${loaded.list.entryCount} entries).`);
  await prisma.$disconnect();
  return users === 0;
}

export async function setup(): Promise<void> {
  if (ensureEnvFile()) console.info("Created .env with fresh secrets.");
  process.loadEnvFile(".env");
  process.env.DATABASE_URL ??= `file:${databasePath()}`;
  migrate();
  const where = isPostgresUrl(process.env.DATABASE_URL)
    ? `${new URL(process.env.DATABASE_URL).pathname.slice(1)} (PostgreSQL)`
    : databasePath();
  console.info(`Database ready: ${where}`);
  if (await seedIfEmpty()) console.info("Seeded the demo marketplace (first run).");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await setup();
}
