import "~/utils/zod-config";
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { runJobsOnce } from "~/domain/jobs/jobs.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { clientIp } from "~/utils/request.server";
import { recordRefusedRequest } from "~/web/refusals.server";

// Parse the configuration as the server starts, so bad configuration stops it with a clear message.
env();

// Background duties of every app server, every JOBS_INTERVAL_SECONDS: expire offers and stale
// applications, resume bank syncs whose process died, deliver the e-mail outbox. Safe with several
// servers: every step claims its row first (app/domain/jobs/claims.server.ts). A run still going
// when the next is due is not doubled: the next tick is skipped.
const jobs = globalThis as { __tradeliftJobsStarted?: boolean };
const jobsEverySeconds = env().JOBS_INTERVAL_SECONDS;
if (!jobs.__tradeliftJobsStarted && env().NODE_ENV !== "test" && jobsEverySeconds > 0) {
  jobs.__tradeliftJobsStarted = true;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runJobsOnce(prisma)
      .catch((error: unknown) => console.error("Scheduled jobs failed:", error))
      .finally(() => {
        running = false;
      });
  };
  setTimeout(tick, Math.min(5_000, jobsEverySeconds * 1000)).unref();
  setInterval(tick, jobsEverySeconds * 1000).unref();
}

export const streamTimeout = 5_000;

// server.js runs each GET through this, so that the loaders of one page share their session read.
export { runWithRequestMemo } from "~/utils/request-memo.server";

/** The message a refused page carries: its error's, or its action's answer. */
function refusalMessage(context: EntryContext["staticHandlerContext"]): string | null {
  const answers = [...Object.values(context.errors ?? {}), ...Object.values(context.actionData ?? {})];
  for (const answer of answers) {
    const value = isRouteErrorResponse(answer) ? answer.data : answer;
    if (value && typeof value === "object") {
      const fields = value as {
        message?: unknown;
        pageError?: unknown;
        error?: unknown;
        // A conform reply: the form's own errors are under "".
        result?: { error?: Record<string, unknown> } | null;
      };
      const formErrors = fields.result?.error?.[""];
      const text = [
        fields.message,
        fields.pageError,
        fields.error,
        Array.isArray(formErrors) ? formErrors[0] : null,
      ].find((f) => typeof f === "string");
      if (typeof text === "string") return text;
    }
  }
  return null;
}

// Refused requests (another owner's record, another role's page, a move a workflow forbids) are
// recorded in the audit trail: pages here, data requests in handleDataRequest.
export async function handleDataRequest(
  response: Response,
  {
    request,
    params,
    context,
  }: { request: Request; params: Record<string, string | undefined>; context: AppLoadContext },
) {
  await recordRefusedRequest({ request, status: response.status, params, clientIp: clientIp(context) });
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const handled = remixContext.staticHandlerContext;
  await recordRefusedRequest({
    request,
    status: responseStatusCode,
    params: handled.matches.at(-1)?.params ?? {},
    clientIp: clientIp(loadContext),
    message: refusalMessage(handled),
  });
  return renderDocument(request, responseStatusCode, responseHeaders, remixContext, loadContext);
}

function renderDocument(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  // A 503 is the database saying "not now" (app/utils/db-errors.server.ts): tell clients when to retry.
  if (responseStatusCode === 503 && !responseHeaders.has("Retry-After"))
    responseHeaders.set("Retry-After", "5");
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          // Once React has written the whole page, the abort timer has nothing left to guard.
          body.once("finish", () => clearTimeout(timer));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    timer = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and expected answers (404 for an unknown URL) are not errors of ours.
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Database trouble answers 503 and was logged where it happened (db.server.ts).
  if ((isRouteErrorResponse(error) || error instanceof Response) && error.status === 503) return;
  console.error(error);
}
