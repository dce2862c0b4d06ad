// The web side of recording refused attempts (app/domain/audit/refusals.server.ts): every page
// and data response passes through app/entry.server.tsx, which hands the refusals (404, 409) here
// with what Remix knows of the request (the route and its params); this reads who asked and which
// record the URL names.
import { type Refusal, recordRefusal } from "~/domain/audit/refusals.server";
import { prisma } from "~/utils/db.server";
import { getSessionUser } from "~/utils/session.server";

const REFUSED = new Set([403, 404, 409]);

/** Route params that name a record, and the record's type in the audit trail. */
const ENTITY_PARAMS: Record<string, string> = {
  applicationId: "Application",
  referralId: "Referral",
  orderId: "ExportOrder",
  partnerId: "LenderOrg",
  productId: "LenderProduct",
  documentId: "Document",
  connectionId: "BankConnection",
  offerId: "Offer",
  dealId: "Deal",
};

/** Params whose values are secrets (invitation and reset links): never written to the trail. */
const SECRET_PARAMS = new Set(["token"]);

export type RefusedRequest = {
  request: Request;
  status: number;
  params: Record<string, string | undefined>;
  clientIp: string;
  message?: string | null;
};

function entityOf(params: RefusedRequest["params"]): Refusal["entity"] {
  for (const [name, type] of Object.entries(ENTITY_PARAMS)) {
    const id = params[name];
    if (id) return { type, id: id.slice(0, 64) };
  }
  return null;
}

function pathOf(url: URL, params: RefusedRequest["params"]): string {
  let path = url.pathname.replace(/\.data$/, "") || "/";
  for (const name of SECRET_PARAMS) {
    const value = params[name];
    if (value) path = path.replace(encodeURIComponent(value), `:${name}`).replace(value, `:${name}`);
  }
  return path.slice(0, 300);
}

/**
 * Records a refused request in the audit trail (rate-limited per actor). A URL no route claims
 * (the catch-all route's params carry "*") is not a refusal but a missing page, and is never
 * recorded, signed in or not. A failure to record never changes the answer the user gets.
 */
export async function recordRefusedRequest(refused: RefusedRequest): Promise<void> {
  if (!REFUSED.has(refused.status) || refused.params["*"] !== undefined) return;
  try {
    const session = await getSessionUser(refused.request);
    const actor = session ? { id: session.user.id, role: session.user.role, name: session.user.name } : null;
    await recordRefusal(prisma, {
      actor,
      ip: refused.clientIp,
      method: refused.request.method,
      path: pathOf(new URL(refused.request.url), refused.params),
      status: refused.status,
      entity: entityOf(refused.params),
      message: refused.message ?? null,
    });
  } catch (error) {
    console.warn("A refused request could not be recorded in the audit trail:", (error as Error).message);
  }
}

type ResourceArgs = {
  request: Request;
  params: Record<string, string | undefined>;
  context: { clientIp?: string } | undefined;
};

function refusedStatus(thrown: unknown): number | null {
  if (thrown instanceof Response) return thrown.status;
  // Remix's data() helper throws an object with its ResponseInit.
  const init = (thrown as { init?: { status?: unknown } } | null)?.init;
  return typeof init?.status === "number" ? init.status : null;
}

/**
 * For resource routes (downloads, form endpoints without a page), whose answers do not pass
 * through app/entry.server.tsx: records the refusal the handler throws, then throws it on.
 */
export function recordingRefusals<A extends ResourceArgs, R>(handler: (args: A) => Promise<R>) {
  return async (args: A): Promise<R> => {
    try {
      return await handler(args);
    } catch (thrown) {
      const status = refusedStatus(thrown);
      if (status !== null)
        await recordRefusedRequest({
          request: args.request,
          status,
          params: args.params,
          clientIp: args.context?.clientIp ?? "unknown",
        });
      throw thrown;
    }
  };
}
