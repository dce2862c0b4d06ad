// A connection of its own to the test database, as another process would open one: better-sqlite3
// on SQLite, a `pg` client on PostgreSQL. Statements use `?` placeholders on both engines.
import Database from "better-sqlite3";
import pg from "pg";

export type RawDatabase = {
  engine: "sqlite" | "postgresql";
  run(sql: string, ...params: unknown[]): Promise<void>;
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function openRawDatabase(
  url = process.env.DATABASE_URL ?? "",
  options: { readonly?: boolean } = {},
): Promise<RawDatabase> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      engine: "postgresql",
      async run(sql, ...params) {
        await client.query(numbered(sql), params);
      },
      async all<T>(sql: string, ...params: unknown[]) {
        return (await client.query(numbered(sql), params)).rows as T[];
      },
      close: () => client.end(),
    };
  }
  const db = new Database(url.replace(/^file:/, ""), { readonly: options.readonly ?? false });
  return {
    engine: "sqlite",
    async run(sql, ...params) {
      // BEGIN and friends take no parameters; better-sqlite3 runs them through exec.
      if (params.length === 0) db.exec(sql);
      else db.prepare(sql).run(...params);
    },
    async all<T>(sql: string, ...params: unknown[]) {
      return db.prepare(sql).all(...params) as T[];
    },
    async close() {
      db.close();
    },
  };
}
