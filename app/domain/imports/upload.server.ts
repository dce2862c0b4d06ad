// Reads an uploaded CSV (or its text carried over from the preview) within the import size limit.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_IMPORT_BYTES } from "./csv";

export type CsvUpload =
  | { ok: true; intent: "preview" | "import"; fileName: string; text: string }
  | { ok: false; message: string };

export async function readCsvUpload(request: Request): Promise<CsvUpload> {
  const limitMb = MAX_IMPORT_BYTES / 1024 / 1024;
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    return { ok: false, message: "Choose a CSV file to upload." };
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, message: `The file is larger than ${limitMb} MB; split it in parts.` };
    return { ok: false, message: "The upload could not be read. Choose the file again." };
  }
  const intent = form.get("intent") === "import" ? "import" : "preview";
  if (intent === "import") {
    const text = form.get("csvText");
    const fileName = form.get("fileName");
    if (typeof text !== "string" || typeof fileName !== "string" || text.length === 0) {
      return { ok: false, message: "Preview the file first." };
    }
    return { ok: true, intent, fileName: fileName.slice(0, 200), text: normaliseLineEndings(text) };
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return { ok: false, message: "Choose a CSV file to upload." };
  if (!/\.(csv|txt)$/i.test(file.name))
    return { ok: false, message: "The file must be a .csv file (comma-separated values)." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A CSV is text: a NUL byte means a spreadsheet or other binary file was chosen.
  if (bytes.includes(0))
    return {
      ok: false,
      message: "This is not a CSV text file. Save the spreadsheet as CSV (UTF-8) and try again.",
    };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "The file is not UTF-8 text. Save it as CSV (UTF-8) and try again." };
  }
  return { ok: true, intent, fileName: file.name.slice(0, 200), text: normaliseLineEndings(text) };
}

/** Browsers send form text with CRLF line ends; files come either way. One form for both. */
function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
