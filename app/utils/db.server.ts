// The one Prisma client of the process, on SQLite through the better-sqlite3 driver adapter.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

export type Db = PrismaClient;
export type { Prisma } from "~/generated/prisma/client";

export function createPrismaClient(url: string): PrismaClient {
  // timeout: how long a writer waits on SQLite's lock before it answers "database is busy".
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __tradeliftPrisma?: PrismaClient };

globalForPrisma.__tradeliftPrisma ??= createPrismaClient(env().DATABASE_URL);
export const prisma: PrismaClient = globalForPrisma.__tradeliftPrisma;
