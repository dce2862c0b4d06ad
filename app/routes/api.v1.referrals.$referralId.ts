// GET /api/v1/referrals/{referralId}: one referral with its frozen application package (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { getReferralEndpoint } from "~/web/api/handlers.server";

export const loader = apiEndpoint({ scope: "read" }, getReferralEndpoint);
export const action = methodNotAllowed("GET");
