import Papa from "papaparse";
import type { RowError } from "./csv";

export const PREVIEW_ROWS = 10;
export const PREVIEW_ERRORS = 200;

/** What the preview shows: counts, the first problems and the first rows as they are in the file. */
export function buildPreview(input: {
  fileName: string;
  text: string;
  total: number;
  errors: RowError[];
  fileErrors: string[];
}) {
  const parsed = Papa.parse<string[]>(input.text.replace(/^\uFEFF/, ""), {
    skipEmptyLines: "greedy",
    preview: PREVIEW_ROWS + 1,
  });
  const [headers = [], ...rows] = parsed.data;
  return {
    fileName: input.fileName,
    csvText: input.text,
    total: input.total,
    errorCount: input.errors.length,
    errors: input.errors.slice(0, PREVIEW_ERRORS),
    fileErrors: input.fileErrors,
    sampleHeaders: headers.map((h) => h.slice(0, 40)),
    sample: rows.map((row) => row.map((cell) => cell.slice(0, 80))),
  };
}
