// Every endpoint of the lenders' API goes through here (docs/design/api.md): the bearer key is
// checked on every request (a revoked key fails at once), the key's rate limit is counted in the
// database (shared by every app server), its scope is checked, a write's Idempotency-Key is
// honoured, and the call is recorded with the key's name. Errors are problem details.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  storeIdempotentAnswer,
} from "~/domain/api/idempotency.server";
import { API_RATE_LIMIT, type ApiScope } from "~/domain/api/keys";
import { type ApiKeyHolder, authenticateApiKey, recordApiCall } from "~/domain/api/keys.server";
import { canonicalJson } from "~/domain/applications/package";
import { sha256Hex } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { bodyTextAtMost } from "~/utils/http.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { clientIp } from "~/utils/request.server";
import { problem } from "./problem.server";

export const apiRateLimitKey = (keyId: string) => `api-key:${keyId}`;

const MAX_BODY_BYTES = 64 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export type ApiCall = {
  holder: ApiKeyHolder;
  ip: string;
  params: Record<string, string | undefined>;
  url: URL;
  /** The parsed JSON body of a write ({} when it had none). */
  body: unknown;
};

type Args = LoaderFunctionArgs | ActionFunctionArgs;

function unauthorized(detail: string): Response {
  return problem("unauthorized", detail, { headers: { "WWW-Authenticate": 'Bearer realm="TradeLift API"' } });
}

/** A JSON media type: application/json or a structured syntax suffix (application/merge+json). */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

async function readBody(request: Request): Promise<{ text: string; value: unknown } | Response> {
  let text: string | null;
  try {
    text = await bodyTextAtMost(request, MAX_BODY_BYTES);
  } catch {
    return problem("bad-request", "The body is not UTF-8 text.");
  }
  if (text === null) return problem("content-too-large", "The body is larger than 64 KiB.");
  if (text.trim() === "") return { text: "", value: {} };
  const mediaType = (request.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
  if (!JSON_MEDIA_TYPE.test(mediaType))
    return problem(
      "unsupported-media-type",
      `Send the body as JSON with \`Content-Type: application/json\`${mediaType ? ` (this one was ${mediaType})` : ""}.`,
      { headers: { "Accept-Post": "application/json" } },
    );
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    return problem("bad-request", "The body is not valid JSON.");
  }
}

async function answerWithIdempotency(
  request: Request,
  holder: ApiKeyHolder,
  url: URL,
  body: { text: string; value: unknown },
  run: () => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get("Idempotency-Key");
  if (!key || !IDEMPOTENCY_KEY.test(key))
    return problem("bad-request", "Writes need an Idempotency-Key header: 1 to 255 printable characters.", {
      errors: [{ field: "Idempotency-Key", message: "Send a unique value (a UUID) for each new request." }],
    });
  const requestHash = sha256Hex(
    `${request.method} ${url.pathname}\n${body.text === "" ? "" : canonicalJson(body.value)}`,
  );
  const claim = await claimIdempotencyKey(prisma, { apiKeyId: holder.keyId, key, requestHash });
  if (claim.kind === "mismatch")
    return problem(
      "idempotency-mismatch",
      "This Idempotency-Key was used for a different request. Use a new key for a new request.",
    );
  if (claim.kind === "in-flight")
    return problem(
      "idempotency-in-flight",
      "The first request with this Idempotency-Key has not finished. Retry in a moment.",
      { headers: { "Retry-After": "1" } },
    );
  if (claim.kind === "replay")
    return new Response(claim.answer.body, {
      status: claim.answer.status,
      headers: {
        "Content-Type": claim.answer.status >= 400 ? "application/problem+json" : "application/json",
        "Cache-Control": "no-store",
        "Idempotent-Replayed": "true",
      },
    });
  try {
    const response = await run();
    if (response.status >= 500) {
      await releaseIdempotencyKey(prisma, claim.id);
      return response;
    }
    await storeIdempotentAnswer(prisma, claim.id, {
      status: response.status,
      body: await response.clone().text(),
    });
    return response;
  } catch (error) {
    await releaseIdempotencyKey(prisma, claim.id);
    throw error;
  }
}

/** A thrown Response (a guard's 404) as a problem; anything else is a bug and goes on up. */
async function asProblem(thrown: unknown): Promise<Response> {
  if (thrown instanceof Response) {
    if (thrown.status === 404) return problem("not-found", "There is no such resource for this key.");
    return thrown;
  }
  throw thrown;
}

/**
 * An API endpoint: `scope` is what the key must hold; `write` makes the endpoint take a JSON body
 * and an Idempotency-Key.
 */
export function apiEndpoint(
  options: { scope: ApiScope; write?: boolean },
  handler: (call: ApiCall) => Promise<Response>,
) {
  return async ({ request, params, context }: Args): Promise<Response> => {
    const url = new URL(request.url);
    const authorization = request.headers.get("Authorization") ?? "";
    // The scheme name is case-insensitive (RFC 9110, section 11.1), the spaces before the key are 1*SP.
    const bearer = /^bearer +([^\s]+)$/i.exec(authorization)?.[1];
    if (!bearer)
      return unauthorized(
        "Send your API key as `Authorization: Bearer tl_live_…`. Keys are made at /lender/api-keys.",
      );
    const holder = await authenticateApiKey(prisma, bearer);
    if (!holder) return unauthorized("This API key is not valid: it is mistyped, unknown or revoked.");
    const ip = clientIp(context);
    const record = async (response: Response) => {
      await recordApiCall(prisma, holder, {
        method: request.method,
        path: url.pathname,
        status: response.status,
        ip,
      });
      return response;
    };
    const limited = await hitRateLimit(
      apiRateLimitKey(holder.keyId),
      API_RATE_LIMIT.limit,
      API_RATE_LIMIT.windowMs,
    );
    if (!limited.allowed)
      return record(
        problem(
          "rate-limited",
          `This key made more than ${API_RATE_LIMIT.limit} requests in a minute. Retry after ${limited.retryAfterSeconds} seconds.`,
          { headers: { "Retry-After": String(Math.max(1, limited.retryAfterSeconds)) } },
        ),
      );
    if (!holder.scopes.includes(options.scope))
      return record(problem("forbidden", `This endpoint needs a key with the \`${options.scope}\` scope.`));
    const call = (body: unknown) => handler({ holder, ip, params, url, body }).catch(asProblem);
    if (!options.write) return record(await call({}));
    const body = await readBody(request);
    if (body instanceof Response) return record(body);
    return record(await answerWithIdempotency(request, holder, url, body, () => call(body.value)));
  };
}

/** The answer for a method the endpoint does not take. */
export function methodNotAllowed(allow: string): () => Response {
  return () =>
    problem("method-not-allowed", `This endpoint takes ${allow} only.`, { headers: { Allow: allow } });
}
