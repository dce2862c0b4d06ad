// Reads the text of a PDF the app produced, page by page, with Mozilla's PDF.js: tests check what
// a reader of the document sees, not how it was drawn.
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// The metrics of the 14 standard fonts the app's PDFs use, shipped with PDF.js.
const standardFontDataUrl = `${path.join(
  path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")),
  "standard_fonts",
)}/`;

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : "");
    }
    pages.push(text);
  }
  await document.destroy();
  return pages.join("\n\f\n");
}

/** The text with every run of white space as one space: lines a PDF wrapped read as one. */
export async function pdfPlainText(bytes: Uint8Array): Promise<string> {
  return (await pdfText(bytes)).replace(/\s+/g, " ");
}
