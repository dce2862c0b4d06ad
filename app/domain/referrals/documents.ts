// Documents a merchant may upload: PDF, PNG, JPEG or CSV, recognised by their content (not by
// their name or the browser's claim), at most 10 MB. Pure.
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = {
  BANK_STATEMENT: "Bank statement",
  INVOICE: "Commercial invoice",
  PURCHASE_ORDER: "Purchase order",
  BILL_OF_LADING: "Bill of lading or airway bill",
  LETTER_OF_CREDIT: "Letter of credit",
  FINANCIAL_STATEMENTS: "Financial statements",
  TAX_RETURN: "Tax return",
  OTHER: "Other document",
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export type SniffedType = {
  contentType: "application/pdf" | "image/png" | "image/jpeg" | "text/csv";
  extension: string;
};

export function sniffDocument(bytes: Uint8Array): SniffedType | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: "application/pdf", extension: "pdf" };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
    return { contentType: "image/png", extension: "png" };
  if (starts(0xff, 0xd8, 0xff)) return { contentType: "image/jpeg", extension: "jpg" };
  // CSV: UTF-8 text without NUL bytes, with at least one separator on its first line.
  if (bytes.length > 0 && !bytes.includes(0)) {
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, 4096));
      const firstLine = text.split(/\r?\n/)[0] ?? "";
      if (/[,;\t]/.test(firstLine) && !/<\s*(html|script|svg)/i.test(text))
        return { contentType: "text/csv", extension: "csv" };
    } catch {
      return null;
    }
  }
  return null;
}
