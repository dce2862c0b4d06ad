// Expected failures are responses: 404 for what is not yours (never 403, so ids cannot be probed),
// 409 for a state conflict.
import { data } from "@remix-run/node";

export function notFound(message = "We could not find that page."): never {
  throw data({ message }, { status: 404 });
}

export function conflict(message: string): never {
  throw data({ message }, { status: 409 });
}

/** The same 404 for resource routes (no UI), which answer with plain Responses. */
export function notFoundResponse(message = "Not found."): never {
  throw Response.json({ message }, { status: 404 });
}

/**
 * A file handed to the browser as a download, private and never sniffed as another type. The
 * name is reduced to safe characters for the plain `filename` and given whole (RFC 6266/5987)
 * as `filename*`, so a header can never be broken by a quote or a line break in it.
 */
export function downloadResponse(
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
  file: { fileName: string; contentType: string },
): Response {
  const plain = file.fileName.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 120) || "download";
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      // A stream (a CSV export written a page at a time) has no length known in advance.
      ...(body instanceof Uint8Array ? { "Content-Length": String(body.byteLength) } : {}),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The request's body as text, reading at most `maxBytes` bytes: null when it is larger (by its
 * Content-Length, or by what arrives when it has none), so an oversized body is never held whole.
 * Throws a TypeError when the bytes are not UTF-8.
 */
export async function bodyTextAtMost(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}
