// `npm run db:reset` deletes the database it is pointed at, so it refuses where that could be real
// data: in production, and on a file holding any account outside the reserved example domains.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { createPrismaClient, databaseEngine } from "~/utils/db.server";
import { createTestDatabase, removeTestDatabase } from "../setup/test-database";

const run = promisify(execFile);

function reset(url: string, extra: { args?: string[]; env?: Record<string, string> } = {}) {
  return run(process.execPath, ["--import", "tsx", "scripts/db-reset.ts", ...(extra.args ?? [])], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "development", ...extra.env },
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function accounts(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare(`SELECT "email" FROM "User" ORDER BY "email"`).all() as { email: string }[];
  db.close();
  return rows.map((row) => row.email);
}

// The command works on SQLite's file; on PostgreSQL it refuses outright (see scripts/setup.ts).
describe.skipIf(databaseEngine() !== "sqlite")("db:reset", () => {
  const scratch = createTestDatabase("reset", { engine: "sqlite" });
  afterAll(() => removeTestDatabase(scratch.file));

  it("refuses a database with a real person's account, unless forced, and always in production", async () => {
    const db = createPrismaClient(scratch.url);
    const email = `${unique("owner")}@realexporter.com`;
    await createMerchant(db, {
      email,
      userName: "Real Owner",
      password: "correct horse battery staple",
      legalName: "Real Exporter LLC",
    });
    await db.$disconnect();

    const refused = await reset(scratch.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("1 account(s) with real e-mail addresses");
    expect(accounts(scratch.file)).toContain(email);

    const production = await reset(scratch.url, { args: ["--force"], env: { NODE_ENV: "production" } });
    expect(production.code).toBe(1);
    expect(production.stderr).toContain("NODE_ENV=production");
    expect(accounts(scratch.file)).toContain(email);

    const forced = await reset(scratch.url, { args: ["--force"] });
    expect(forced.code).toBe(0);
    const after = accounts(scratch.file);
    expect(after).not.toContain(email);
    expect(after).toContain("admin@tradelift.example");

    // Demo data alone is reset without asking.
    const again = await reset(scratch.url);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Reset ${scratch.file}`);
  }, 60_000);
});
