// One line of the benchmark table: a figure, the reference it is measured against in the same
// run, their ratio, and the target from docs/design/platform.md when there is one.

export type BenchRow = {
  name: string;
  figure: number;
  unit: "ms" | "rows/s" | "req/s";
  /** Further figures of the same measurement (percentiles, sizes). */
  detail?: string;
  referenceName: string;
  referenceFigure: number;
  ratio: number;
  ratioLabel: string;
  target: string | null;
  /** Whether the target is met; null without a target. */
  pass: boolean | null;
};

/** A timing against a reference timing, with an optional limit in milliseconds. */
export function timingRow(input: {
  name: string;
  medianMs: number;
  referenceName: string;
  referenceMedianMs: number;
  targetMs: number | null;
  detail?: string;
}): BenchRow {
  const ratio = input.medianMs / input.referenceMedianMs;
  return {
    name: input.name,
    figure: input.medianMs,
    unit: "ms",
    detail: input.detail,
    referenceName: input.referenceName,
    referenceFigure: input.referenceMedianMs,
    ratio,
    ratioLabel: `${ratio.toFixed(1)}×`,
    target: input.targetMs === null ? null : `≤ ${input.targetMs} ms`,
    pass: input.targetMs === null ? null : input.medianMs <= input.targetMs,
  };
}

/** Percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
