// Documents people keep (offer disclosures, signed acceptances, adverse-action notices) are laid
// out by the domain as a PrintableDocument (headings, paragraphs, lists, tables) and rendered here
// to PDF with PDFKit, so every document shares one look and no domain code deals with page
// geometry (docs/design/documents.md).
import PDFDocument from "pdfkit";
import { downloadResponse } from "./http.server";

export type DocumentBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string; small?: boolean }
  | { kind: "list"; items: readonly string[]; numbered?: boolean }
  /** Label and value pairs, the value right of the label (a disclosure's boxes, a signature record). */
  | { kind: "facts"; rows: readonly (readonly [string, string])[] }
  | {
      kind: "table";
      columns: readonly string[];
      rows: readonly (readonly string[])[];
      /** Per column; numbers read best right-aligned. */
      align?: readonly ("left" | "right")[];
    };

export type PrintableDocument = {
  title: string;
  /** Under the title: who it is for and when it was issued. */
  subtitle?: string;
  blocks: readonly DocumentBlock[];
  /** Printed at the foot of every page (the document's reference). */
  footer?: string;
  /** The document's own date, written as its creation date so the same document renders the same bytes. */
  issuedAt: Date;
};

const MARGIN = 56;
const PAGE = { width: 612, height: 792 }; // US Letter, points
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const INK = "#1a1f2b";
const MUTED = "#4d5566";
const RULE = "#c4c9d4";

// The standard PDF fonts only cover Windows-1252. Typographic marks the app writes have plain
// equivalents; anything else outside the code page (a buyer's name in Chinese, say) prints as "?"
// rather than as a wrong glyph.
const PLAIN: Record<string, string> = {
  "≤": "<=",
  "≥": ">=",
  "→": "->",
  "←": "<-",
  "×": "x",
  "−": "-",
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
};
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0) ?? 0;
    if (PLAIN[char] !== undefined) out += PLAIN[char];
    else if (code === 10 || (code >= 32 && code <= 126) || (code >= 160 && code <= 255)) out += char;
    else if (WIN_ANSI_EXTRA.has(char)) out += char;
    else out += "?";
  }
  return out;
}

/** Renders the document to PDF bytes. */
export function renderPdf(document: PrintableDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "LETTER",
    margins: { top: MARGIN, bottom: MARGIN + 18, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: toWinAnsi(document.title),
      Author: "TradeLift",
      Creator: "TradeLift",
      Producer: "TradeLift",
      CreationDate: document.issuedAt,
      ModDate: document.issuedAt,
    },
    lang: "en-US",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf
    .font("Helvetica-Bold")
    .fontSize(17)
    .fillColor(INK)
    .text(toWinAnsi(document.title), { width: CONTENT_WIDTH });
  if (document.subtitle)
    pdf.moveDown(0.2).font("Helvetica").fontSize(10).fillColor(MUTED).text(toWinAnsi(document.subtitle));
  rule(pdf);
  for (const block of document.blocks) drawBlock(pdf, block);

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    const footer = `${document.footer ? `${toWinAnsi(document.footer)} · ` : ""}Page ${i + 1} of ${range.count}`;
    // Writing in the bottom margin must not start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font("Helvetica")
      .fontSize(8)
      .fillColor(MUTED)
      .text(footer, MARGIN, PAGE.height - MARGIN + 4, {
        width: CONTENT_WIDTH,
        align: "center",
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

type Pdf = InstanceType<typeof PDFDocument>;

function rule(pdf: Pdf) {
  pdf.moveDown(0.5);
  const y = pdf.y;
  pdf
    .moveTo(MARGIN, y)
    .lineTo(PAGE.width - MARGIN, y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  pdf.moveDown(0.6);
}

/** Starts a new page when fewer than `points` remain, so a heading never sits alone at the foot. */
function keepSpace(pdf: Pdf, points: number) {
  if (pdf.y + points > PAGE.height - pdf.page.margins.bottom) pdf.addPage();
}

function drawBlock(pdf: Pdf, block: DocumentBlock) {
  pdf.x = MARGIN;
  switch (block.kind) {
    case "heading":
      keepSpace(pdf, 60);
      pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(12).fillColor(INK).text(toWinAnsi(block.text));
      pdf.moveDown(0.3);
      return;
    case "paragraph":
      pdf
        .font("Helvetica")
        .fontSize(block.small ? 8.5 : 10)
        .fillColor(block.small ? MUTED : INK)
        .text(toWinAnsi(block.text), { width: CONTENT_WIDTH, lineGap: 1.5 });
      pdf.moveDown(0.5);
      return;
    case "list":
      pdf.font("Helvetica").fontSize(10).fillColor(INK);
      block.items.forEach((item, i) => {
        const marker = block.numbered ? `${i + 1}.` : "•";
        const y = pdf.y;
        pdf.text(marker, MARGIN, y, { width: 18 });
        pdf.text(toWinAnsi(item), MARGIN + 20, y, { width: CONTENT_WIDTH - 20, lineGap: 1.5 });
        pdf.moveDown(0.25);
      });
      pdf.x = MARGIN;
      pdf.moveDown(0.3);
      return;
    case "facts":
      drawTable(pdf, { columns: [], rows: block.rows, widths: [0.45, 0.55], boldFirst: true });
      return;
    case "table":
      drawTable(pdf, {
        columns: block.columns,
        rows: block.rows,
        align: block.align,
        widths: block.columns.map(() => 1 / block.columns.length),
      });
      return;
  }
}

function drawTable(
  pdf: Pdf,
  table: {
    columns: readonly string[];
    rows: readonly (readonly string[])[];
    align?: readonly ("left" | "right")[];
    widths: readonly number[];
    boldFirst?: boolean;
  },
) {
  const pad = 4;
  const widths = table.widths.map((w) => w * CONTENT_WIDTH);
  const drawRow = (cells: readonly string[], header: boolean) => {
    pdf.fontSize(header ? 9 : 10);
    const heights = cells.map((cell, i) => {
      pdf.font(header || (table.boldFirst && i === 0) ? "Helvetica-Bold" : "Helvetica");
      return pdf.heightOfString(toWinAnsi(cell), { width: (widths[i] ?? 0) - 2 * pad });
    });
    const height = Math.max(...heights) + 2 * pad;
    keepSpace(pdf, height);
    const top = pdf.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      pdf
        .font(header || (table.boldFirst && i === 0) ? "Helvetica-Bold" : "Helvetica")
        .fillColor(header ? MUTED : INK)
        .text(toWinAnsi(cell), x + pad, top + pad, {
          width: (widths[i] ?? 0) - 2 * pad,
          align: table.align?.[i] ?? "left",
        });
      x += widths[i] ?? 0;
    });
    pdf
      .moveTo(MARGIN, top + height)
      .lineTo(PAGE.width - MARGIN, top + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  if (table.columns.length > 0) drawRow(table.columns, true);
  for (const row of table.rows) drawRow(row, false);
  pdf.moveDown(0.8);
}

/** The response that hands a PDF to the browser as a download. */
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  return downloadResponse(new Uint8Array(bytes), { fileName, contentType: "application/pdf" });
}
