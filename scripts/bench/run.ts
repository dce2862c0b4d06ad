// `npm run bench`: speed figures measured side by side with their reference in the same run,
// printed as a table (and with --json, written to bench-results.json). Never a test.
import { writeFileSync } from "node:fs";
import { matchingBenchmarks } from "./matching";
import { scoringBenchmarks } from "./scoring";

export type BenchRow = {
  name: string;
  medianMs: number;
  referenceName: string;
  referenceMedianMs: number;
  targetMs: number | null;
};

const json = process.argv.includes("--json");
const rows: BenchRow[] = [...scoringBenchmarks(), ...matchingBenchmarks()];

const table = rows.map((row) => ({
  benchmark: row.name,
  "median ms": row.medianMs.toFixed(2),
  reference: row.referenceName,
  "reference ms": row.referenceMedianMs.toFixed(3),
  ratio: `${(row.medianMs / row.referenceMedianMs).toFixed(1)}×`,
  target: row.targetMs === null ? "—" : `≤ ${row.targetMs} ms ${row.medianMs <= row.targetMs ? "✓" : "✗"}`,
}));
console.table(table);
if (json) {
  writeFileSync(
    "bench-results.json",
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
  console.info("Wrote bench-results.json");
}
