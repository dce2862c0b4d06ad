// Prisma CLI configuration: the WebAssembly engine with the better-sqlite3 driver adapter, so that
// nothing is downloaded from Prisma's servers (see ../docs/decisions/0001-prisma-offline.md).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

const DEFAULT_DATABASE_URL = `file:${path.resolve("prisma/data/tradelift.db")}`;
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "node --import tsx prisma/seed.ts",
  },
  async adapter() {
    const factory = new PrismaBetterSQLite3({ url });
    const connectToShadowDb = factory.connectToShadowDb.bind(factory);
    // The engine replays migrations on the shadow database with executeRaw, which better-sqlite3
    // refuses for multi-statement SQL (P3006). Send argument-less raw SQL to executeScript instead.
    factory.connectToShadowDb = async () => {
      const shadow = await connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length === 0) {
          await shadow.executeScript(query.sql);
          return 0;
        }
        return executeRaw(query);
      };
      return shadow;
    };
    return factory;
  },
});
