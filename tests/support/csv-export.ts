// Reads a CSV export back as the tests check it: UTF-8 with a byte-order mark, CRLF line ends,
// parsed with papaparse by its header.
import Papa from "papaparse";
import { expect } from "vitest";

export type CsvExportFile = { text: string; header: string[]; rows: Record<string, string>[] };

export function readCsvExport(bytes: Buffer): CsvExportFile {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    delimiter: ",",
  });
  expect(parsed.errors).toEqual([]);
  return { text, header: parsed.meta.fields ?? [], rows: parsed.data };
}
