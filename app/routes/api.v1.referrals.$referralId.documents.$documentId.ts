// GET /api/v1/referrals/{referralId}/documents/{documentId}: a document's file (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { downloadDocumentEndpoint } from "~/web/api/handlers.server";

export const loader = apiEndpoint({ scope: "read" }, downloadDocumentEndpoint);
export const action = methodNotAllowed("GET");
