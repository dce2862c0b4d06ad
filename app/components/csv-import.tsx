import { Form } from "@remix-run/react";
import { useRef } from "react";
import { useFocusWhenChanged } from "~/components/ui/focus";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import type { CsvColumn, RowError } from "~/domain/imports/csv";

export type ImportPreview = {
  fileName: string;
  csvText: string;
  total: number;
  errorCount: number;
  errors: RowError[];
  fileErrors: string[];
  sampleHeaders: string[];
  sample: string[][];
};

/** Upload → preview (every bad row with its line, column and reason) → import, all or nothing. */
export function CsvImport({
  what,
  templateHref,
  columns,
  preview,
  uploadError,
}: {
  what: string;
  templateHref: string;
  columns: readonly CsvColumn[];
  preview: ImportPreview | null;
  uploadError: string | null;
}) {
  const clean = preview && preview.errorCount === 0 && preview.fileErrors.length === 0;
  // Each preview is a new answer from the server: focus goes to its heading, so the result is read
  // out and the keyboard continues from there instead of from the top of the page.
  const previewHeading = useRef<HTMLHeadingElement>(null);
  useFocusWhenChanged(previewHeading, preview);
  return (
    <>
      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{preview ? "Choose another file" : "Upload a CSV file"}</h2>
        <p className="muted">
          Start from the <a href={templateHref}>template</a> (one header line, one {what.replace(/s$/, "")}{" "}
          per line, UTF-8). Nothing is saved until the whole file is valid.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className="field">
            <label htmlFor="csv-file">CSV file</label>
            <input
              id="csv-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby={uploadError ? "upload-error" : undefined}
            />
            {uploadError ? (
              <p id="upload-error" className="field-errors" role="alert">
                {uploadError}
              </p>
            ) : null}
          </div>
          <SubmitButton name="intent" value="preview" pendingLabel="Checking…">
            Preview
          </SubmitButton>
        </Form>
      </section>

      {preview ? (
        <section className="card" aria-labelledby="preview-title">
          <h2 id="preview-title" ref={previewHeading} tabIndex={-1}>
            Preview of {preview.fileName}
          </h2>
          {preview.fileErrors.length > 0 ? (
            <div className="alert alert-error" role="alert">
              {preview.fileErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          ) : preview.errorCount > 0 ? (
            <>
              <div className="alert alert-error" role="alert">
                <p>
                  {preview.errorCount} problem{preview.errorCount === 1 ? "" : "s"} in {preview.total} rows.
                  Nothing was imported: fix the file and preview it again.
                </p>
              </div>
              <TableScroll label="Problems by line">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Column</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.errors.map((error) => (
                      <tr key={`${error.line}-${error.column}-${error.message}`}>
                        <td>{error.line}</td>
                        <td>{error.column}</td>
                        <td>{error.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {preview.errorCount > preview.errors.length ? (
                <p className="muted small">The first {preview.errors.length} problems are shown.</p>
              ) : null}
            </>
          ) : (
            <div className="alert alert-success" role="status">
              <p>{`All ${preview.total} rows are valid. The first ${preview.sample.length} are shown below.`}</p>
            </div>
          )}
          {preview.sample.length > 0 ? (
            <TableScroll label="First rows of the file">
              <table>
                <thead>
                  <tr>
                    {preview.sampleHeaders.map((header) => (
                      <th scope="col" key={header}>
                        {header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((row, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their position.
                    <tr key={index}>
                      {row.map((cell, cellIndex) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                        <td key={cellIndex}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          {clean ? (
            <Form method="post" encType="multipart/form-data" className="button-row">
              <input type="hidden" name="fileName" value={preview.fileName} />
              <textarea name="csvText" defaultValue={preview.csvText} hidden readOnly tabIndex={-1} />
              <SubmitButton name="intent" value="import" pendingLabel="Importing…">
                {`Import ${preview.total} ${what}`}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="columns-title">
        <h2 id="columns-title">Columns</h2>
        <TableScroll label="Columns of the CSV file">
          <table>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Required</th>
                <th scope="col">What it holds</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((column) => (
                <tr key={column.header}>
                  <td>
                    <code>{column.header}</code>
                  </td>
                  <td>{column.required ? "yes" : "no"}</td>
                  <td>{column.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
