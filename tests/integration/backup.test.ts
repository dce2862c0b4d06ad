// `npm run db:backup` copies the live database consistently while another process keeps writing,
// and `npm run db:restore` puts that copy in place of a database, keeping the old one aside.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { databaseFile } from "~/utils/database-file.server";
import { databaseEngine, prisma } from "~/utils/db.server";
import { openRawDatabase } from "../setup/raw-database";
import { createTestDatabase, removeTestDatabase } from "../setup/test-database";

const run = promisify(execFile);

// Another process writing pairs of rows, each pair in one transaction, for `ms` milliseconds.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { timeout: 5000 });
const audit = db.prepare('INSERT INTO "AuditEvent" ("id","action","entityType","entityId","createdAt","updatedAt") VALUES (?,?,?,?,?,?)');
const mail = db.prepare('INSERT INTO "OutboxEmail" ("id","to","subject","text","status","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?)');
const pair = db.transaction((i) => {
  const now = new Date().toISOString().replace("Z", "+00:00");
  audit.run("pair-a-" + i, "backup.pair", "Pair", String(i), now, now);
  mail.run("pair-m-" + i, "ops@example.com", "pair-" + i, "x".repeat(500), "PENDING", now, now);
});
const end = Date.now() + Number(process.argv[2]);
let i = 0;
while (Date.now() < end) pair(i++);
console.log(i);
`;

function pairs(file: string) {
  const db = new Database(file, { readonly: true });
  const audits = (
    db.prepare(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "action" = 'backup.pair'`).get() as { n: number }
  ).n;
  const mails = (
    db.prepare(`SELECT COUNT(*) AS n FROM "OutboxEmail" WHERE "subject" LIKE 'pair-%'`).get() as { n: number }
  ).n;
  db.close();
  return { audits, mails };
}

// SQLite: `npm run db:backup` and `db:restore` copy the file (VACUUM INTO).
describe.skipIf(databaseEngine() !== "sqlite")("backup and restore", () => {
  it("backs up consistently while another process writes, and restores the copy in place", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("b")}@example.com`,
      userName: "Backup",
      password: "correct horse battery staple",
      legalName: "Backed Up Exports LLC",
    });
    const live = databaseFile();
    const scratch = createTestDatabase("backup", { engine: "sqlite" });
    const backupFile = path.join(path.dirname(scratch.file), "nightly.db");

    const writer = spawn(process.execPath, ["-e", WRITER, live, "2500"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let written = "";
    writer.stdout.on("data", (chunk: Buffer) => {
      written += chunk.toString();
    });
    const writerDone = new Promise((resolve) => writer.once("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the writer is well under way
    const backup = await run(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", backupFile], {
      env: { ...process.env, DATABASE_URL: `file:${live}` },
    });
    await writerDone;
    expect(backup.stdout).toMatch(/Backed up .* to .*nightly\.db: .* MB, \d+ tables, [\d,]+ rows/);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);

    // The copy is one consistent moment: every pair whole, taken while writes went on.
    const copied = pairs(backupFile);
    const total = Number(written.trim());
    expect(copied.audits).toBe(copied.mails);
    expect(copied.audits).toBeGreaterThan(0);
    expect(copied.audits).toBeLessThan(total);
    expect(pairs(live)).toEqual({ audits: total, mails: total });

    // Restore it over another database; the one replaced is kept aside.
    const restore = await run(process.execPath, ["--import", "tsx", "scripts/db-restore.ts", backupFile], {
      env: { ...process.env, DATABASE_URL: scratch.url },
    });
    expect(restore.stdout).toContain(`Restored ${backupFile}`);
    expect(pairs(scratch.file)).toEqual(copied);
    const restored = new Database(scratch.file, { readonly: true });
    const found = restored
      .prepare(`SELECT "legalName" FROM "Merchant" WHERE "id" = ?`)
      .get(merchant.merchantId);
    expect(found).toEqual({ legalName: "Backed Up Exports LLC" });
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    restored.close();
    expect(readdirSync(path.dirname(scratch.file)).some((name) => name.includes(".before-restore-"))).toBe(
      true,
    );

    // A file that is not a backup is refused and changes nothing.
    const refused = await run(
      process.execPath,
      ["--import", "tsx", "scripts/db-restore.ts", "package.json"],
      {
        env: { ...process.env, DATABASE_URL: scratch.url },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect("code" in refused ? refused.code : 0).toBe(1);
    expect(pairs(scratch.file)).toEqual(copied);
    removeTestDatabase(scratch.file);
  }, 60_000);
});

// The same pairs on PostgreSQL, written by a `pg` client of its own until the process is stopped.
const PG_WRITER = `
const pg = require("pg");
const client = new pg.Client({ connectionString: process.argv[1] });
(async () => {
  await client.connect();
  for (let i = 0; ; i++) {
    const now = new Date();
    await client.query("BEGIN");
    await client.query('INSERT INTO "AuditEvent" ("id","action","entityType","entityId","createdAt","updatedAt") VALUES ($1,$2,$3,$4,$5,$5)', ["pair-a-" + i, "backup.pair", "Pair", String(i), now]);
    await client.query('INSERT INTO "OutboxEmail" ("id","to","subject","text","status","createdAt","updatedAt") VALUES ($1,$2,$3,$4,$5,$6,$6)', ["pair-m-" + i, "ops@example.com", "pair-" + i, "x".repeat(500), "PENDING", now]);
    await client.query("COMMIT");
  }
})();
`;

async function pgPairs(url: string) {
  const db = await openRawDatabase(url, { readonly: true });
  const [audits] = await db.all<{ n: string }>(
    `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "action" = 'backup.pair'`,
  );
  const [mails] = await db.all<{ n: string }>(
    `SELECT COUNT(*) AS n FROM "OutboxEmail" WHERE "subject" LIKE 'pair-%'`,
  );
  await db.close();
  return { audits: Number(audits?.n), mails: Number(mails?.n) };
}

// PostgreSQL: `npm run db:backup` is pg_dump (custom format), `db:restore` pg_restore into a new
// database that takes the live one's name, the old one kept aside.
describe.skipIf(databaseEngine() !== "postgresql")("backup and restore on PostgreSQL", () => {
  it("backs up one snapshot while another process writes, and restores it in place of a database", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("b")}@example.com`,
      userName: "Backup",
      password: "correct horse battery staple",
      legalName: "Backed Up Exports LLC",
    });
    const live = process.env.DATABASE_URL ?? "";
    const scratch = createTestDatabase("backup", { engine: "postgresql" });
    const dir = mkdtempSync(path.join(tmpdir(), "tradelift-pg-backup-"));
    const backupFile = path.join(dir, "nightly.dump");

    // The writer is under way before the backup starts, and still going after it ends.
    const writer = spawn(process.execPath, ["-e", PG_WRITER, live], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const writerDone = new Promise((resolve) => writer.once("exit", resolve));
    for (let i = 0; i < 100 && (await pgPairs(live)).audits === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const backup = await run(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", backupFile], {
      env: { ...process.env, DATABASE_URL: live },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    writer.kill("SIGTERM");
    await writerDone;
    expect(backup.stdout).toMatch(/Backed up PostgreSQL database .* to .*nightly\.dump: .* MB, \d+ tables/);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    const total = await pgPairs(live);
    expect(total.mails).toBe(total.audits);

    const restore = await run(process.execPath, ["--import", "tsx", "scripts/db-restore.ts", backupFile], {
      env: { ...process.env, DATABASE_URL: scratch.url },
    });
    expect(restore.stdout).toContain(`Restored ${backupFile}`);
    const kept = /kept as (\S+)\./.exec(restore.stdout)?.[1] ?? "";
    expect(kept).toMatch(/_before_restore_/);
    // One consistent moment: every pair whole, taken while writes went on.
    const copied = await pgPairs(scratch.url);
    expect(copied.audits).toBe(copied.mails);
    expect(copied.audits).toBeGreaterThan(0);
    expect(copied.audits).toBeLessThan(total.audits);
    const restored = await openRawDatabase(scratch.url);
    expect(
      await restored.all(`SELECT "legalName" FROM "Merchant" WHERE "id" = ?`, merchant.merchantId),
    ).toEqual([{ legalName: "Backed Up Exports LLC" }]);
    // The append-only guard came back with the data.
    await expect(restored.run(`DELETE FROM "AuditEvent" WHERE "action" = 'backup.pair'`)).rejects.toThrow(
      /append-only/,
    );
    // The planner has statistics at once (a dump brings none): the restore analysed every table.
    expect(
      await restored.all(
        `SELECT "relname" FROM "pg_stat_user_tables" WHERE "relname" IN ('Referral', 'AuditEvent') AND "last_analyze" IS NOT NULL ORDER BY "relname"`,
      ),
    ).toEqual([{ relname: "AuditEvent" }, { relname: "Referral" }]);
    await restored.close();

    // A file that is not a backup is refused and changes nothing.
    const refused = await run(
      process.execPath,
      ["--import", "tsx", "scripts/db-restore.ts", "package.json"],
      {
        env: { ...process.env, DATABASE_URL: scratch.url },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect("code" in refused ? refused.code : 0).toBe(1);
    expect(await pgPairs(scratch.url)).toEqual(copied);

    const keptUrl = new URL(scratch.url);
    keptUrl.pathname = `/${kept}`;
    removeTestDatabase(keptUrl.toString());
    removeTestDatabase(scratch.url);
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});
