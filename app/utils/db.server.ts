// The one Prisma client of the process. The engine follows DATABASE_URL (docs/decisions/
// 0010-two-database-engines.md): a file: URL is SQLite through the better-sqlite3 driver adapter
// (the default), a postgresql:// URL is PostgreSQL through the `pg` driver adapter.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { databaseTrouble, databaseTroubleResponse } from "./db-errors.server";
import { env } from "./env.server";

export type Db = PrismaClient;
export type { Prisma } from "~/generated/prisma/client";

export type Engine = "sqlite" | "postgresql";

/** The engine a DATABASE_URL names. */
export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** The engine of this process's database: where SQL must differ, the one place that decides. */
export function databaseEngine(): Engine {
  return engineOf(env().DATABASE_URL);
}

/**
 * A "contains" filter that ignores case on either engine: SQLite's LIKE ignores ASCII case by
 * itself, PostgreSQL's needs Prisma's mode "insensitive" (ILIKE), which the SQLite client's types
 * do not know.
 */
export function containsText(value: string): { contains: string } {
  return databaseEngine() === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as { contains: string })
    : { contains: value };
}

/**
 * Options of the transaction that writes a whole import (up to tens of thousands of rows). Prisma
 * cancels an interactive transaction after 5 s; on SQLite the writes run synchronously, so that
 * clock never interrupts them, but on PostgreSQL it would cancel a large import half-way.
 */
export const BULK_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

function connect(url: string, busyTimeoutMs: number): PrismaClient {
  if (engineOf(url) === "postgresql") {
    // The PostgreSQL client is generated from the very same models (scripts/db-engines.ts), so its
    // model types, delegates and methods are the SQLite client's; only the provider inside differs.
    // Typed once, here, as the SQLite client, the rest of the app imports one set of types
    // (~/generated/prisma/client) whichever engine runs. lock_timeout is PostgreSQL's counterpart
    // of SQLite's busy timeout: a write waiting longer on a row lock answers "busy" (503).
    const adapter = new PrismaPg({
      connectionString: url,
      max: env().DATABASE_POOL_SIZE,
      options: `-c lock_timeout=${Math.max(1, busyTimeoutMs)}`,
    });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // timeout: how long a writer waits on SQLite's lock before it answers "database is busy".
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs }) });
}

export function createPrismaClient(
  url: string,
  busyTimeoutMs = env().DATABASE_BUSY_TIMEOUT_MS,
): PrismaClient {
  const client = connect(url, busyTimeoutMs);
  // A locked, full or failing database becomes a clear 503 (db-errors.server.ts) wherever the
  // query ran; the extended client behaves as a PrismaClient in every other respect.
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          const trouble = databaseTrouble(error);
          if (trouble) {
            console.error(`Database ${trouble}:`, error instanceof Error ? error.message : error);
            throw databaseTroubleResponse(trouble);
          }
          throw error;
        }
      },
    },
  }) as unknown as PrismaClient;
}

const globalForPrisma = globalThis as unknown as { __tradeliftPrisma?: PrismaClient };

globalForPrisma.__tradeliftPrisma ??= createPrismaClient(env().DATABASE_URL);
export const prisma: PrismaClient = globalForPrisma.__tradeliftPrisma;
