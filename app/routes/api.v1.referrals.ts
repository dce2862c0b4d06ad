// GET /api/v1/referrals: the lender's referrals, filtered, a page at a time (the lenders' API: app/web/api/handlers.server.ts, docs/design/api.md).
import { apiEndpoint, methodNotAllowed } from "~/web/api/endpoint.server";
import { listReferralsEndpoint } from "~/web/api/handlers.server";

export const loader = apiEndpoint({ scope: "read" }, listReferralsEndpoint);
export const action = methodNotAllowed("GET");
