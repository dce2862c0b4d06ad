// The OpenAPI 3.1 document of the lenders' API, generated from its zod schemas (public: it
// describes the API, it holds no data).

import { methodNotAllowed } from "~/web/api/endpoint.server";
import { apiDocumentJson } from "~/web/api/openapi.server";

let cached: string | undefined;

export function loader() {
  cached ??= apiDocumentJson();
  return new Response(cached, {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}

export const action = methodNotAllowed("GET");
