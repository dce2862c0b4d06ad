// Prisma CLI configuration for PostgreSQL: the schema, client and migrations that
// `npm run db:engines` generates from prisma/schema.prisma, through the `pg` driver adapter, so
// that nothing is downloaded from Prisma's servers (docs/decisions/0001-prisma-offline.md,
// docs/decisions/0010-two-database-engines.md). `npm run db:migrate` picks this file when
// DATABASE_URL is a postgresql:// URL.
//
// Three things in the CLI's path need help; the app's runtime client needs none of them.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "";
// Without a URL of the schema's provider the CLI falls back to downloading an engine, even to
// generate the client; that needs no database, so a placeholder does (adapter() refuses it).
if (!/^postgres(ql)?:\/\//.test(url))
  process.env.DATABASE_URL = "postgresql://generate-only.invalid/tradelift";

// 1. The schema engine reads pg_catalog columns of type `name` (oid 19) and `"char"` (oid 18),
//    which the adapter cannot deserialize ("Column type 'name' could not be deserialized"): report
//    them as text (oid 25). pg-pool calls client.query with a callback, so both forms are wrapped.
const TEXT_OID = 25;
type Fielded = { fields?: { dataTypeID: number }[] };
function asText<T>(result: T): T {
  for (const part of Array.isArray(result) ? result : [result]) {
    for (const field of (part as Fielded | undefined)?.fields ?? [])
      if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = TEXT_OID;
  }
  return result;
}
const clientPrototype = pg.Client.prototype as unknown as {
  query: (...args: unknown[]) => unknown;
  __textNames?: boolean;
};
if (!clientPrototype.__textNames) {
  clientPrototype.__textNames = true;
  const query = clientPrototype.query;
  clientPrototype.query = function (this: unknown, ...args: unknown[]) {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        (last as (e: unknown, r: unknown) => void)(error, error ? result : asText(result));
      return query.apply(this, args);
    }
    const returned = query.apply(this, args);
    return returned instanceof Promise ? returned.then(asText) : returned;
  };
}

// 2. `migrate diff --from-migrations` replays on a shadow database chosen by overriding `database`
//    in the pool's configuration, which a connectionString would silently win over: discrete fields.
function poolConfig(database?: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: database ?? decodeURIComponent(parsed.pathname.slice(1)),
  };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// The adapter runs a migration script by splitting it at every ";", which cuts the PL/pgSQL
// functions of the triggers apart. A script without parameters is one simple query for PostgreSQL.
function wholeScripts(adapter: Adapter): Adapter {
  const driver = adapter.underlyingDriver() as pg.Pool;
  adapter.executeScript = async (script: string) => {
    await driver.query(script);
  };
  return adapter;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgres/schema.prisma",
  migrations: {
    path: "prisma/postgres/migrations",
    seed: "node --import tsx prisma/seed.ts",
  },
  async adapter() {
    // `prisma generate` needs no database; everything else needs a PostgreSQL URL.
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error(
        "prisma.postgres.config.ts needs DATABASE_URL=postgresql://user:password@host:port/database",
      );
    const factory = new PrismaPg(poolConfig());
    const connect = factory.connect.bind(factory);
    factory.connect = async () => wholeScripts(await connect());
    // 3. The adapter drops its shadow database before closing the shadow's pool, so the DROP fails
    //    and shadow databases pile up: close the pool first, then drop.
    factory.connectToShadowDb = async () => {
      const admin = await connect();
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = wholeScripts(await new PrismaPg(poolConfig(database)).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    };
    return factory;
  },
});
