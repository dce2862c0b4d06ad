// `npm run db:reset`: deletes the local database, applies every migration and seeds the demo data.
// It refuses when the database may hold real data: in production, or when any account's address is
// outside the reserved `.example` domains the demo and the tests use (RFC 2606). `-- --force`
// overrides the second check only, for a developer who knows the file is theirs to lose.
import "./load-env";
import { existsSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { databasePath, migrate, seedIfEmpty } from "./setup";

const force = process.argv.includes("--force");

if (process.env.NODE_ENV === "production") {
  console.error("db:reset refuses to run with NODE_ENV=production: it deletes the whole database.");
  process.exit(1);
}

const file = databasePath();
if (existsSync(file) && !force) {
  const realAccounts = countRealAccounts(file);
  if (realAccounts > 0) {
    console.error(
      `db:reset refuses: ${file} has ${realAccounts} account(s) with real e-mail addresses, so it is not demo data. ` +
        "Back it up with `npm run db:backup` first; then `npm run db:reset -- --force` deletes it.",
    );
    process.exit(1);
  }
}

for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:${file}`;
migrate();
await seedIfEmpty();
console.info(`Reset ${file}.`);

/** Accounts whose address is not in a reserved example domain; 0 when the file has no User table yet. */
function countRealAccounts(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'User'").get();
    if (!table) return 0;
    const row = db
      .prepare(
        "SELECT COUNT(*) AS n FROM \"User\" WHERE lower(email) NOT LIKE '%.example' AND lower(email) NOT LIKE '%@example.com' AND lower(email) NOT LIKE '%@example.org'",
      )
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
