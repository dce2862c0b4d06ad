import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { minorToDecimalString } from "~/domain/money";
import { CSV_BOM, csvLine, csvNumber, neutraliseFormula, toCsv } from "./csv";

const parse = (text: string) =>
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter: ",", skipEmptyLines: true }).data;

describe("CSV exports", () => {
  it("put an apostrophe before every cell a spreadsheet would run as a formula", () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'],
      ["+1+2", "'+1+2"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
      ["\t=1+1", "'\t=1+1"],
      ["\r=1+1", "'\r=1+1"],
      ["Acme = Best", "Acme = Best"],
      ["O'Brien Exports", "O'Brien Exports"],
      ["", ""],
    ];
    for (const [cell, safe] of cases) {
      expect(neutraliseFormula(cell)).toBe(safe);
      expect(parse(csvLine([cell]))[0]?.[0] ?? "").toBe(safe);
    }
  });

  it("keeps numbers the app writes as numbers, negative amounts included", () => {
    const line = csvLine([csvNumber(minorToDecimalString(-125_050, "USD")), 42, 0, csvNumber("1250000.50")]);
    expect(line).toBe("-1250.50,42,0,1250000.50\r\n");
    // The same text typed by a person is neutralised.
    expect(csvLine(["-1250.50"])).toBe("'-1250.50\r\n");
    expect(() => csvNumber("=1+1")).toThrow();
    expect(() => csvNumber("1e5")).toThrow();
    expect(() => csvLine([Number.NaN])).toThrow();
  });

  it("quotes commas, quotes and line breaks, and reads back the same", () => {
    const cells = ["Smith, Jones & Co", 'The "Best" Exports', "Line one\nline two", "Crlf\r\nin", " padded "];
    const line = csvLine(cells);
    expect(line).toBe(
      '"Smith, Jones & Co","The ""Best"" Exports","Line one\nline two","Crlf\r\nin"," padded "\r\n',
    );
    expect(parse(line)[0]).toEqual(cells);
  });

  it("write empty cells for nothing, and a whole file with the byte-order mark and CRLF line ends", () => {
    expect(csvLine([null, undefined, "x"])).toBe(",,x\r\n");
    const file = toCsv(["name", "amount"], [["Ünïcödé Exports 株式会社", csvNumber("10.00")]]);
    expect(file.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(file, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file).toBe(`${CSV_BOM}name,amount\r\nÜnïcödé Exports 株式会社,10.00\r\n`);
    expect(file.replace(/\r\n/g, "").includes("\n")).toBe(false);
  });
});
