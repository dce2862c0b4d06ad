// CSV exports people open in a spreadsheet: UTF-8 with a byte-order mark (Excel reads the file as
// UTF-8 only with one), CRLF line ends (RFC 4180), quoting by papaparse. Text from people can never
// run as a formula: a cell beginning with = + - @, a tab or a carriage return gets a leading
// apostrophe (OWASP, "CSV Injection"). Numbers the app writes itself (amounts as exact decimals,
// scores, counts) are not text and stay numbers. Pure: no database, no clock.
import Papa from "papaparse";

/** Put first in the file so Excel reads it as UTF-8. */
export const CSV_BOM = "\uFEFF";

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A number the app writes (an amount as an exact decimal string, "1250000.50"): never neutralised. */
export type CsvNumber = { readonly decimal: string };

/** A cell: text (neutralised), a number the app computed, or empty. */
export type CsvCell = string | number | CsvNumber | null | undefined;

/** An amount in exact decimal form (from `minorToDecimalString`), kept a number in the file. */
export function csvNumber(decimal: string): CsvNumber {
  if (!DECIMAL.test(decimal)) throw new Error(`Not a decimal number: ${decimal}`);
  return { decimal };
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) gets
 * a leading apostrophe, so that free text typed by anyone can never execute.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw new Error(`Not a finite number: ${cell}`);
    return String(cell);
  }
  if (typeof cell === "object") return cell.decimal;
  return neutraliseFormula(cell);
}

/** One line of the file, CRLF included. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${Papa.unparse([cells.map(cellText)], { newline: "\r\n", header: false })}\r\n`;
}

/** A whole (small) file: the mark, the header and the rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join("");
}
