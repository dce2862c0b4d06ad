// OFAC's legacy CSV files (sdn.csv, alt.csv) as published: no header, Latin-1 (Windows-1252),
// CRLF, "-0- " for an empty field and a DOS end-of-file byte at the end. Pure.
import Papa from "papaparse";
import { remarkAliases } from "./normalise";

export type SdnRow = {
  entNum: number;
  name: string;
  type: string;
  programs: string;
  title: string | null;
  remarks: string | null;
  aliases: string[];
};

export class SdnFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SdnFormatError";
  }
}

/** OFAC's files are Windows-1252; a file saved again as UTF-8 reads as UTF-8. */
export function decodeOfacFile(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  // The DOS end-of-file byte (0x1A) OFAC ends its files with.
  const eof = text.trimEnd().endsWith(String.fromCharCode(0x1a)) ? text.trimEnd().slice(0, -1) : text;
  return eof.replace(/^\ufeff/, "");
}

const field = (value: string | undefined): string | null => {
  const text = (value ?? "").trim();
  return text === "" || text === "-0-" ? null : text;
};

function rows(text: string, columns: number, file: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const bad = parsed.errors.find((e) => e.type !== "Delimiter");
  if (bad) throw new SdnFormatError(`${file}: line ${(bad.row ?? 0) + 1}: ${bad.message}`);
  const data = parsed.data.filter((row) => row.length > 1 || (row[0] ?? "").trim() !== "");
  const short = data.findIndex((row) => row.length < columns);
  if (short >= 0)
    throw new SdnFormatError(
      `${file}: line ${short + 1} has ${data[short]?.length} columns, expected ${columns} (OFAC's legacy CSV format).`,
    );
  return data;
}

/** The entries of sdn.csv, with the aliases of their remarks and of alt.csv when given. */
export function parseSdn(sdnText: string, altText?: string): { entries: SdnRow[]; aliasCount: number } {
  const entries = new Map<number, SdnRow>();
  for (const row of rows(sdnText, 12, "sdn.csv")) {
    const entNum = Number.parseInt(row[0] ?? "", 10);
    const name = field(row[1]);
    if (!Number.isInteger(entNum) || !name) throw new SdnFormatError(`sdn.csv: bad entry "${row[0]}".`);
    const remarks = field(row[11]);
    entries.set(entNum, {
      entNum,
      name,
      type: field(row[2])?.toLowerCase() ?? "entity",
      programs: (field(row[3]) ?? "")
        .split("] [")
        .map((p) => p.replace(/[[\]]/g, "").trim())
        .filter(Boolean)
        .join("; "),
      title: field(row[4]),
      remarks,
      aliases: remarkAliases(remarks),
    });
  }
  if (entries.size === 0) throw new SdnFormatError("sdn.csv has no entries.");
  if (altText) {
    for (const row of rows(altText, 4, "alt.csv")) {
      const entry = entries.get(Number.parseInt(row[0] ?? "", 10));
      const alias = field(row[3]);
      if (entry && alias && !entry.aliases.includes(alias)) entry.aliases.push(alias);
    }
  }
  const list = [...entries.values()];
  return { entries: list, aliasCount: list.reduce((n, e) => n + e.aliases.length, 0) };
}
