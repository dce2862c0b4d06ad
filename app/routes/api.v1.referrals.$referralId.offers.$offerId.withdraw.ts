// POST /api/v1/referrals/{referralId}/offers/{offerId}/withdraw: withdraw a live offer (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { withdrawOfferEndpoint } from "~/web/api/handlers.server";

export const loader = methodNotAllowed("POST");
export const action = apiEndpoint({ scope: "decide", write: true }, withdrawOfferEndpoint);
