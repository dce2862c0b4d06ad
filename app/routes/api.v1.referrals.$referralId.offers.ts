// POST /api/v1/referrals/{referralId}/offers: make an offer (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { makeOfferEndpoint } from "~/web/api/handlers.server";

export const loader = methodNotAllowed("POST");
export const action = apiEndpoint({ scope: "decide", write: true }, makeOfferEndpoint);
