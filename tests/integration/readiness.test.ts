// /readyz tells a load balancer (and a deploy) whether this server may take traffic: the database
// answers and has every migration this version ships; /healthz only that the process and its
// database connection live (docs/deploy.md). On a database migrated by `npm run db:migrate`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { databaseEngine } from "~/utils/db.server";
import { migrateDeploy } from "../../scripts/db-migrate";
import { type AppServer, startAppServer } from "../setup/app-server";
import { openRawDatabase } from "../setup/raw-database";
import { removeTestDatabase, testPostgresUrl } from "../setup/test-database";
import { request } from "./app";

let server: AppServer | null = null;
const cleanups: (() => void | Promise<void>)[] = [];

afterAll(async () => {
  await server?.stop();
  for (const cleanup of cleanups) await cleanup();
});

/** An empty database of this run's engine, migrated the way a deploy does it. */
async function migratedDatabase(): Promise<string> {
  if (databaseEngine() === "postgresql") {
    const admin = new URL(testPostgresUrl() ?? "");
    const name = `tradelift_ready_${Date.now().toString(36)}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    admin.pathname = `/${name}`;
    const url = admin.toString();
    cleanups.push(() => removeTestDatabase(url));
    migrateDeploy(url, true);
    return url;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tradelift-ready-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const url = `file:${path.join(dir, "tradelift.db")}`;
  migrateDeploy(url, true);
  return url;
}

describe("health and readiness", () => {
  it("is not ready on a database that was never migrated", async () => {
    // The tests' own databases are built from the migration files directly, with no record of them.
    const response = await request("/readyz");
    expect(response.status).toBe(503);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      ready: false,
      problem: expect.stringMatching(/^database: /),
    });
    expect((await request("/healthz")).status).toBe(200);
  });

  it("is ready once every migration is applied, and says which one is missing otherwise", async () => {
    const url = await migratedDatabase();
    server = await startAppServer({ DATABASE_URL: url, JOBS_INTERVAL_SECONDS: "0" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // As if this version shipped a migration the database has not had yet.
    const db = await openRawDatabase(url);
    const [latest] = await db.all<{ migration_name: string }>(
      `SELECT "migration_name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`,
    );
    await db.run(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ?`, latest?.migration_name);
    await db.close();
    const behind = await fetch(`${server.url}/readyz`);
    expect(behind.status).toBe(503);
    expect(await behind.json()).toEqual({
      ready: false,
      problem: "migrations not applied",
      pending: [latest?.migration_name],
    });
    // Alive all the same: a load balancer keeps it out of rotation, an orchestrator does not kill it.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
