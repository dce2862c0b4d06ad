// The shared flow of every CSV import page: read the upload, preview (check every row, write
// nothing) or import (check again, then all or nothing), and answer the page.
import { data } from "@remix-run/node";
import { redirectWithToast } from "~/utils/toast.server";
import type { RowError } from "./csv";
import { buildPreview } from "./preview";
import { readCsvUpload } from "./upload.server";

export type CsvChecker = (
  text: string,
) => Promise<{ rows: { line: number }[]; errors: RowError[]; fileErrors: string[] }>;
export type CsvImporter = (
  text: string,
  fileName: string,
) => Promise<{ imported: number; errors: RowError[]; fileErrors: string[] }>;

export async function csvImportAction(
  request: Request,
  options: {
    check: CsvChecker;
    import: CsvImporter;
    done: (imported: number, fileName: string) => { to: string; title: string };
  },
) {
  const upload = await readCsvUpload(request);
  if (!upload.ok) return data({ uploadError: upload.message, preview: null }, { status: 400 });
  if (upload.intent === "import") {
    const outcome = await options.import(upload.text, upload.fileName);
    if (outcome.imported > 0) {
      const { to, title } = options.done(outcome.imported, upload.fileName);
      return redirectWithToast(to, { kind: "success", title });
    }
    const preview = buildPreview({
      fileName: upload.fileName,
      text: upload.text,
      total: 0,
      errors: outcome.errors,
      fileErrors: outcome.fileErrors,
    });
    return data({ uploadError: null, preview }, { status: 400 });
  }
  const checked = await options.check(upload.text);
  const total = new Set([...checked.rows.map((r) => r.line), ...checked.errors.map((e) => e.line)]).size;
  const preview = buildPreview({
    fileName: upload.fileName,
    text: upload.text,
    total,
    errors: checked.errors,
    fileErrors: checked.fileErrors,
  });
  const clean = checked.errors.length === 0 && checked.fileErrors.length === 0;
  return data({ uploadError: null, preview }, { status: clean ? 200 : 400 });
}

/** Today at 00:00 UTC: the latest date an imported row may carry. */
export function importToday(): Date {
  return new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
}
