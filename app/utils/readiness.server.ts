// Readiness: may a load balancer send this server requests? Yes when the database answers and
// has every migration this version of the app was built with (docs/deploy.md). A server started
// before `npm run db:migrate` finished, or pointed at the wrong database, says so instead of
// failing on its first query of a new column. Liveness (/healthz) stays simpler: the process and
// its database connection.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { databaseEngine, prisma } from "./db.server";

export type Readiness = { ready: true } | { ready: false; problem: string; pending?: string[] };

let expected: string[] | undefined;

/** The migrations this version ships for the running engine (the folder names Prisma records). */
function expectedMigrations(): string[] {
  if (!expected) {
    const dir = path.resolve(
      databaseEngine() === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations",
    );
    expected = existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => entry.name)
          .sort()
      : [];
  }
  return expected;
}

export async function checkReadiness(): Promise<Readiness> {
  let applied: { migration_name: string }[];
  try {
    applied = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT "migration_name" FROM "_prisma_migrations"
      WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  } catch (error) {
    // Unreachable, or never migrated (no _prisma_migrations table): either way, not ready.
    // (A database in trouble arrives as the 503 response db.server.ts makes of it.)
    const message =
      error instanceof Response
        ? `unavailable (${error.status})`
        : error instanceof Error
          ? error.message
          : String(error);
    return { ready: false, problem: `database: ${message.split("\n")[0]?.slice(0, 200)}` };
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = expectedMigrations().filter((name) => !done.has(name));
  if (pending.length > 0) return { ready: false, problem: "migrations not applied", pending };
  return { ready: true };
}
