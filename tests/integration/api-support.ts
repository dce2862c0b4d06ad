// The lenders' API as a client sees it, for the API tests: keys made through the domain, a typed
// openapi-fetch client over the built app, and every answer checked against the served OpenAPI
// document by Ajv (an independent JSON Schema 2020-12 validator).
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import createClient from "openapi-fetch";
import { expect } from "vitest";
import type { ApiScope } from "~/domain/api/keys";
import { createApiKey } from "~/domain/api/keys.server";
import { prisma } from "~/utils/db.server";
import type { paths } from "../support/api-types";
import { request } from "./app";

export async function apiKeyFor(
  lenderOrgId: string,
  userId: string,
  scopes: ApiScope[] = ["read", "decide"],
  name = "Origination system",
) {
  return createApiKey(prisma, {
    lenderOrgId,
    name,
    scopes,
    actor: { id: userId, role: "LENDER" },
    ip: "127.0.0.1",
  });
}

let last: Response | undefined;
/** A copy of the last answer the typed client received (it reads the body of its own). */
export function lastResponse(): Response {
  if (!last) throw new Error("No request was sent yet.");
  return last.clone();
}

/** Sends a fetch Request through the built app (no network). */
export async function appFetch(input: Request): Promise<Response> {
  const url = new URL(input.url);
  const headers: Record<string, string> = {};
  input.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = input.method === "GET" || input.method === "HEAD" ? undefined : await input.text();
  const response = await request(`${url.pathname}${url.search}`, {
    method: input.method,
    headers,
    body: body || undefined,
  });
  last = response.clone();
  return response;
}

export function apiClient(key?: string) {
  return createClient<paths>({
    baseUrl: "http://localhost:3000",
    fetch: appFetch,
    headers: key ? { Authorization: `Bearer ${key}` } : {},
  });
}

/** GET/POST straight through the app with a key, for what the typed client will not send. */
export function apiRequest(
  path: string,
  options: {
    key?: string;
    method?: string;
    body?: unknown;
    idempotencyKey?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return request(path, {
    method: options.method ?? (options.body !== undefined ? "POST" : "GET"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

/** Validates answers against the served document: status documented, content type, body schema. */
export async function documentValidator() {
  const document = (await (await request("/api/v1/openapi.json")).json()) as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document as object, "openapi");
  const pointer = (...parts: string[]) =>
    parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
  const checked = new Set<string>();
  return {
    document,
    checked,
    /** Checks one answer of `method path` (path as templated in the document); returns its body. */
    async check(template: string, method: string, response: Response): Promise<unknown> {
      const operation = document.paths[template]?.[method.toLowerCase()];
      expect(operation, `${method} ${template} is documented`).toBeTruthy();
      const status = String(response.status);
      const documented = operation?.responses[status];
      expect(documented, `${method} ${template} documents ${status}`).toBeTruthy();
      const contentType = (response.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
      const media = Object.keys(documented?.content ?? {});
      const mediaKey = media.includes(contentType) ? contentType : media.includes("*/*") ? "*/*" : null;
      expect(
        mediaKey,
        `${method} ${template} ${status}: ${contentType} is documented (${media.join(", ")})`,
      ).toBeTruthy();
      checked.add(`${method.toUpperCase()} ${template} ${status}`);
      if (mediaKey === "*/*") return new Uint8Array(await response.clone().arrayBuffer());
      const body = await response.clone().json();
      const validate = ajv.compile({
        $ref: `openapi#/${pointer("paths", template, method.toLowerCase(), "responses", status, "content", mediaKey ?? "", "schema")}`,
      });
      const valid = validate(body);
      expect(valid, `${method} ${template} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
      return body;
    },
  };
}

/** The merchant answers the referral's open information request with a small PDF, on its page. */
export async function answerWithDocument(
  app: { applicationId: string; cookie: string },
  referralId: string,
  fileName: string,
): Promise<string> {
  const info = await prisma.infoRequest.findFirstOrThrow({ where: { referralId }, select: { id: true } });
  const form = new FormData();
  form.set("intent", "answer-info");
  form.set("infoRequestId", info.id);
  form.set("responseText", "Attached.");
  form.set("document", new File(["%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"], fileName));
  const answered = await request(`/merchant/applications/${app.applicationId}`, {
    cookie: app.cookie,
    multipart: form,
  });
  expect(answered.status).toBe(302);
  const document = await prisma.document.findFirstOrThrow({
    where: { infoRequestId: info.id },
    select: { id: true },
  });
  return document.id;
}
