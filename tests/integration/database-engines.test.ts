// One schema, two engines (docs/decisions/0010-two-database-engines.md). Without a PostgreSQL
// server: the generated PostgreSQL schema is prisma/schema.prisma's, every trigger SQLite's
// migrations create has its PostgreSQL twin, and the app's raw SQL stays clear of SQL that only
// one engine speaks. (`.ci/run` also checks, on a real server, that the PostgreSQL migrations
// reach the schema: `npm run db:engines -- --check`.)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  postgresSchema,
  SQLITE_SCHEMA,
} from "../../scripts/db-engines";

function migrationsSql(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => readFileSync(path.join(dir, e.name, "migration.sql"), "utf8"))
    .join("\n");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`));
}

describe("the two database engines", () => {
  it("the PostgreSQL schema is generated from prisma/schema.prisma and up to date", () => {
    expect(
      readFileSync(POSTGRES_SCHEMA, "utf8"),
      "prisma/postgres/schema.prisma is stale: run `npm run db:engines` and commit what it writes",
    ).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
    expect(readFileSync(path.join(POSTGRES_MIGRATIONS, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );
  });

  it("every trigger of the SQLite migrations exists in the PostgreSQL migrations", () => {
    const triggers = (sql: string) => [...sql.matchAll(/CREATE TRIGGER "([^"]+)"/g)].map((m) => m[1]).sort();
    const sqlite = triggers(migrationsSql("prisma/migrations"));
    expect(sqlite.length).toBeGreaterThan(0);
    expect(triggers(migrationsSql(POSTGRES_MIGRATIONS))).toEqual(expect.arrayContaining(sqlite));
  });

  it("raw SQL in app/ and scripts/ uses nothing only SQLite (or only PostgreSQL) understands", () => {
    // Dates are bound as Date values (app/utils/sql.ts), never compared or concatenated as text.
    const ONE_ENGINE_ONLY = [
      /COALESCE\(MAX\("\w+"\), ''\)/,
      /\bstrftime\(|\bjulianday\(|\bdatetime\(|\bunixepoch\(/,
      /\bPRAGMA\b/,
      /\bINSERT OR (IGNORE|REPLACE)\b/,
      /::(text|int|integer|timestamp|timestamptz|jsonb?)\b/,
      /\bILIKE\b|\bRETURNING\b.*\bINTO\b/,
    ];
    const rawCall = /\$(queryRaw|executeRaw)(Unsafe)?\s*(<[^`(]*>)?\s*(`[^`]*`|\(\s*"[^"]*")/gs;
    const offenders: string[] = [];
    for (const file of [...sourceFiles("app"), ...sourceFiles("scripts")]) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(rawCall))
        for (const pattern of ONE_ENGINE_ONLY)
          if (pattern.test(match[0])) offenders.push(`${file}: ${pattern} in ${match[0].slice(0, 80)}`);
      if (/sqlDateTime\(/.test(source) && !/bank\/(sync|page-writer)\.server\.ts$|utils\/sql\.ts$/.test(file))
        offenders.push(`${file}: sqlDateTime() in raw SQL (bind a Date instead)`);
    }
    expect(offenders).toEqual([]);
  });
});
