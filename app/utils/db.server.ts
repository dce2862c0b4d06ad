// The one Prisma client of the process, on SQLite through the better-sqlite3 driver adapter.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseTrouble, databaseTroubleResponse } from "./db-errors.server";
import { env } from "./env.server";

export type Db = PrismaClient;
export type { Prisma } from "~/generated/prisma/client";

export function createPrismaClient(
  url: string,
  busyTimeoutMs = env().DATABASE_BUSY_TIMEOUT_MS,
): PrismaClient {
  // timeout: how long a writer waits on SQLite's lock before it answers "database is busy".
  const adapter = new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs });
  const client = new PrismaClient({ adapter });
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
