// `npm run bench`: speed figures, each measured side by side with its reference in the same run
// and printed as a table with the ratio and the target of docs/design/platform.md. Never a test.
//
//   npm run bench                          every benchmark
//   npm run bench -- --only=ingest,http    some of them (scoring, matching, sanctions, ingest, submit, http)
//   npm run bench -- --json                also writes bench-results.json
//   npm run bench -- --compare=old.json    also prints each figure's change against an earlier run
//   npm run bench -- --only=http --connections=1 --seconds=3 --applications=1000   a smaller load
//   npm run bench -- --only=sanctions --merchants=1000   re-screen fewer merchants than 10,000
//   npm run bench -- --only=http --processes=1,2   server processes (WEB_CONCURRENCY) to measure; default 1 and one per core
//   npm run bench -- --db=postgresql       the database suites (ingest, submit, http) on PostgreSQL: on the
//                                          server of POSTGRES_ADMIN_URL or TEST_POSTGRES_URL, else a throwaway one
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { startPostgres } from "../postgres-server";
import { createBenchDatabase } from "./bench-env";
import { matchingBenchmarks } from "./matching";
import type { BenchRow } from "./row";
import { scoringBenchmarks } from "./scoring";

const ALL = ["scoring", "matching", "sanctions", "ingest", "submit", "http"] as const;
type Suite = (typeof ALL)[number];

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option("only")?.split(",") ?? [...ALL];
const unknown = only.filter((name) => !(ALL as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; choose from ${ALL.join(", ")}.`);
  process.exit(2);
}
const wants = (suite: Suite) => only.includes(suite);
const engine = option("db") ?? "sqlite";
if (engine !== "sqlite" && engine !== "postgresql") {
  console.error(`Unknown --db=${engine}; choose sqlite or postgresql.`);
  process.exit(2);
}

const rows: BenchRow[] = [];
if (wants("scoring")) rows.push(...scoringBenchmarks());
if (wants("matching")) rows.push(...matchingBenchmarks());
if (wants("sanctions")) {
  const { sanctionsBenchmarks } = await import("./sanctions");
  rows.push(...sanctionsBenchmarks());
}
if (wants("ingest") || wants("submit") || wants("http") || wants("sanctions")) {
  let stopServer: (() => void) | null = null;
  if (engine === "postgresql") {
    const admin = process.env.POSTGRES_ADMIN_URL || process.env.TEST_POSTGRES_URL;
    if (admin) {
      process.env.TEST_POSTGRES_URL = admin;
    } else {
      const server = await startPostgres();
      process.env.TEST_POSTGRES_URL = server.url;
      stopServer = server.stop;
    }
  }
  const database = createBenchDatabase(engine);
  // After the database's own removal (registered first): the throwaway server goes last.
  if (stopServer) process.once("exit", stopServer);
  if (wants("ingest")) {
    const { ingestBenchmark } = await import("./ingest");
    rows.push(await ingestBenchmark(database));
  }
  if (wants("submit")) {
    const { submitBenchmark } = await import("./submit");
    rows.push(await submitBenchmark());
  }
  if (wants("http")) {
    const { httpBenchmarks } = await import("./http");
    rows.push(
      ...(await httpBenchmarks({
        connections: Number(option("connections") ?? 50),
        seconds: Number(option("seconds") ?? 8),
        applications: Number(option("applications") ?? 10_000),
        ...(option("processes") ? { processes: String(option("processes")).split(",").map(Number) } : {}),
      })),
    );
  }
  if (wants("sanctions")) {
    // Last: the suites above must not find its 10,000 merchants in the database.
    const { rescreenBenchmark } = await import("./rescreen");
    rows.push(await rescreenBenchmark({ merchants: Number(option("merchants") ?? 10_000) }));
  }
}

const format = (value: number, unit: BenchRow["unit"]) =>
  unit === "ms"
    ? `${value < 1 ? value.toFixed(3) : value.toFixed(2)} ms`
    : `${Math.round(value).toLocaleString("en-US")} ${unit}`;
const referenceUnit = (row: BenchRow) => row.unit;

console.info(`Database suites on ${engine === "postgresql" ? "PostgreSQL" : "SQLite"}.`);
console.table(
  rows.map((row) => ({
    benchmark: row.name,
    figure: format(row.figure, row.unit),
    reference: row.referenceName,
    "reference figure": format(row.referenceFigure, referenceUnit(row)),
    ratio: row.ratioLabel,
    target: row.target ?? "—",
    met: row.pass === null ? "" : row.pass ? "✓" : "✗",
  })),
);
for (const row of rows.filter((r) => r.detail)) console.info(`${row.name}: ${row.detail}`);

const compareWith = option("compare");
if (compareWith) {
  if (!existsSync(compareWith)) {
    console.error(`No earlier results at ${compareWith}.`);
  } else {
    const earlier = JSON.parse(readFileSync(compareWith, "utf8")) as { commit?: string; rows: BenchRow[] };
    console.info(
      `\nAgainst ${compareWith}${earlier.commit ? ` (commit ${earlier.commit.slice(0, 9)})` : ""}:`,
    );
    console.table(
      rows.map((row) => {
        const before = earlier.rows.find((r) => r.name === row.name);
        return {
          benchmark: row.name,
          before: before ? format(before.figure, before.unit) : "—",
          now: format(row.figure, row.unit),
          change: before ? `${(((row.figure - before.figure) / before.figure) * 100).toFixed(1)}%` : "new",
        };
      }),
    );
  }
}

if (args.includes("--json")) {
  let commit: string | null = null;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    commit = null;
  }
  writeFileSync(
    "bench-results.json",
    `${JSON.stringify({ at: new Date().toISOString(), commit, node: process.version, engine, rows }, null, 2)}\n`,
  );
  console.info("Wrote bench-results.json");
}
process.exit(0);
