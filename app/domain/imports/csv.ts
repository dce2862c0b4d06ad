// CSV imports: parse with papaparse, validate every row, and report each bad row with its line,
// column and reason. Pure: the caller decides what to write (all or nothing).
import Papa from "papaparse";
import type { z } from "zod";

export type CsvColumn = {
  /** The header in the file (snake_case). */
  header: string;
  /** The field of the schema it feeds. */
  field: string;
  required: boolean;
  /** Whole numbers: "30" becomes 30 before validation. */
  integer?: boolean;
  description: string;
  example: string;
};

export type RowError = { line: number; column: string; message: string };

export type CsvParseResult<T> = {
  rows: { line: number; value: T }[];
  errors: RowError[];
  /** Problems with the file as a whole (no header, unknown columns, too many rows). */
  fileErrors: string[];
};

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function csvTemplate(columns: readonly CsvColumn[]): string {
  return `${Papa.unparse({ fields: columns.map((c) => c.header), data: [columns.map((c) => c.example)] })}\r\n`;
}

export function parseCsv<S extends z.ZodType>(
  text: string,
  columns: readonly CsvColumn[],
  schema: S,
): CsvParseResult<z.output<S>> {
  const result: CsvParseResult<z.output<S>> = { rows: [], errors: [], fileErrors: [] };
  const clean = text.replace(/^\uFEFF/, "");
  if (clean.trim() === "") {
    result.fileErrors.push("The file is empty.");
    return result;
  }
  const parsed = Papa.parse<Record<string, string>>(clean, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const headers = parsed.meta.fields ?? [];
  const known = new Set(columns.map((c) => c.header));
  const missing = columns.filter((c) => c.required && !headers.includes(c.header)).map((c) => c.header);
  const unknown = headers.filter((h) => !known.has(h));
  if (missing.length > 0)
    result.fileErrors.push(
      `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. Download the template to see the expected header.`,
    );
  if (unknown.length > 0)
    result.fileErrors.push(`Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`);
  if (parsed.data.length > MAX_IMPORT_ROWS)
    result.fileErrors.push(
      `The file has ${parsed.data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  if (parsed.data.length === 0 && missing.length === 0)
    result.fileErrors.push("The file has a header but no rows.");
  if (result.fileErrors.length > 0) return result;

  for (const error of parsed.errors) {
    if (error.row !== undefined)
      result.errors.push({ line: error.row + 2, column: "—", message: error.message });
  }
  const byField = new Map(columns.map((c) => [c.field, c]));
  parsed.data.forEach((raw, index) => {
    const line = index + 2; // line 1 is the header
    const record: Record<string, unknown> = {};
    for (const column of columns) {
      const value = (raw[column.header] ?? "").trim();
      if (value === "") continue;
      record[column.field] = column.integer && /^-?\d+$/.test(value) ? Number(value) : value;
    }
    const checked = schema.safeParse(record);
    if (checked.success) {
      result.rows.push({ line, value: checked.data });
      return;
    }
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? "");
      result.errors.push({
        line,
        column: byField.get(field)?.header ?? (field || "—"),
        message: issue.message,
      });
    }
  });
  return result;
}
