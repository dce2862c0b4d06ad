// POST /api/v1/referrals/{referralId}/decline: decline with reason codes (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { declineEndpoint } from "~/web/api/handlers.server";

export const loader = methodNotAllowed("POST");
export const action = apiEndpoint({ scope: "decide", write: true }, declineEndpoint);
