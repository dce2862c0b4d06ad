// Errors of the lenders' API as RFC 9457 problem details (application/problem+json): a type that
// names the kind of problem (documented on the reference page), a title, the status, a detail in
// plain words and, for invalid input, the fields at fault.
import type { z } from "zod";

export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Missing or invalid API key" },
  forbidden: { status: 403, title: "The key's scopes do not allow this" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Refused in the referral's current state" },
  "idempotency-in-flight": {
    status: 409,
    title: "The first request with this Idempotency-Key is still running",
  },
  "idempotency-mismatch": { status: 422, title: "Idempotency-Key reused with a different request" },
  "invalid-request": { status: 422, title: "The request is not valid" },
  "bad-request": { status: 400, title: "The request could not be read" },
  "content-too-large": { status: 413, title: "The body is too large" },
  "unsupported-media-type": { status: 415, title: "The body is not JSON" },
  "rate-limited": { status: 429, title: "Too many requests" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;
export type FieldError = { field: string; message: string };

export const problemTypeUri = (type: ProblemType) => `/developers/api#problem-${type}`;

export function problem(
  type: ProblemType,
  detail: string,
  extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
): Response {
  const { status, title } = PROBLEM_TYPES[type];
  const body = {
    type: problemTypeUri(type),
    title,
    status,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...extra.headers,
    },
  });
}

/** What was sent at `path` in the body (undefined where there is nothing). */
function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * zod's issues as the API's field errors (`amount`, `reasons.0`, or `body` for the whole). The
 * schemas are the pages' forms, whose messages speak to someone typing; a JSON number where the
 * form takes text (an amount, a rate) is told what to send instead of "Enter the amount."
 */
export function fieldErrors(error: z.ZodError, body?: unknown): FieldError[] {
  return error.issues.map((issue) => {
    const sent = valueAt(body, issue.path);
    const numberForText =
      issue.code === "invalid_type" && issue.expected === "string" && typeof sent === "number";
    return {
      field: issue.path.length > 0 ? issue.path.map(String).join(".") : "body",
      message: numberForText
        ? `Send this as a JSON string, as typed on the review page (for example "${sent}"), not a number.`
        : issue.message,
    };
  });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });
}
