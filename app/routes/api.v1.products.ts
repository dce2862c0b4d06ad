// GET /api/v1/products: the lender's products (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { listProductsEndpoint } from "~/web/api/handlers.server";

export const loader = apiEndpoint({ scope: "read" }, listProductsEndpoint);
export const action = methodNotAllowed("GET");
