// The lenders' API endpoints (docs/design/api.md): each parses its input with the schema the
// document is generated from (for writes, the review page's own form schema), calls the same
// domain function as the review page, and answers with JSON or a problem. Routes only wire these.
import type { z } from "zod";
import {
  decodeCursor,
  offersOfReferral,
  productsForApi,
  referralForApi,
  referralPage,
} from "~/domain/api/referrals.server";
import { parseQueueFilter } from "~/domain/lenders/queue.server";
import { FundingSchema } from "~/domain/offers/funding";
import { OfferSchema } from "~/domain/offers/offer";
import { recordFunding } from "~/domain/offers/offers.server";
import type { DeclineReason } from "~/domain/referrals/decline-reasons";
import {
  declineReferral,
  documentForLender,
  makeOffer,
  type ReviewOutcome,
  requestInformation,
  startReview,
  withdrawOffer,
} from "~/domain/referrals/referrals.server";
import { DeclineSchema, InfoRequestSchema, WithdrawOfferSchema } from "~/domain/referrals/review-forms";
import { prisma } from "~/utils/db.server";
import { downloadResponse } from "~/utils/http.server";
import { readStoredFile } from "~/utils/storage.server";
import type { ApiCall } from "./endpoint.server";
import { type FieldError, fieldErrors, json, problem } from "./problem.server";
import { ReferralListQuerySchema } from "./schemas.server";

const NOT_YOURS = "There is no such referral among yours (or your partnership no longer opens it).";

const invalid = (errors: FieldError[]) =>
  problem("invalid-request", "Some fields are not valid.", { errors });

export async function listReferralsEndpoint(call: ApiCall): Promise<Response> {
  const query = ReferralListQuerySchema.safeParse(Object.fromEntries(call.url.searchParams));
  if (!query.success) return invalid(fieldErrors(query.error));
  const { minAmount, maxAmount, limit, cursor, ...rest } = query.data;
  // The queue page's own filter parser, with its names for the amounts (typed in dollars).
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(rest)) if (value !== undefined) params.set(name, String(value));
  if (minAmount !== undefined) params.set("minAmountCents", minAmount);
  if (maxAmount !== undefined) params.set("maxAmountCents", maxAmount);
  const filter = parseQueueFilter(params);
  const amountErrors = [
    ...(filter.amountProblems.minAmountCents
      ? [{ field: "minAmount", message: filter.amountProblems.minAmountCents }]
      : []),
    ...(filter.amountProblems.maxAmountCents
      ? [{ field: "maxAmount", message: filter.amountProblems.maxAmountCents }]
      : []),
  ];
  if (amountErrors.length > 0) return invalid(amountErrors);
  const after = cursor === undefined ? null : decodeCursor(filter.sort, cursor);
  if (cursor !== undefined && !after)
    return invalid([{ field: "cursor", message: "This cursor is not one this API gave for this sort." }]);
  return json(await referralPage(prisma, { lenderOrgId: call.holder.lenderOrgId, filter, after, limit }));
}

async function referralAnswer(call: ApiCall, status = 200): Promise<Response> {
  const referral = await referralForApi(prisma, call.holder.lenderOrgId, call.params.referralId ?? "");
  if (!referral) return problem("not-found", NOT_YOURS);
  return json(referral, status);
}

export const getReferralEndpoint = (call: ApiCall) => referralAnswer(call);

export async function downloadDocumentEndpoint(call: ApiCall): Promise<Response> {
  const document = await documentForLender(prisma, {
    lenderOrgId: call.holder.lenderOrgId,
    referralId: call.params.referralId ?? "",
    documentId: call.params.documentId ?? "",
    actor: call.holder.actor,
    ip: call.ip,
  });
  if (!document) return problem("not-found", "There is no such document on this referral of yours.");
  return downloadResponse(new Uint8Array(await readStoredFile(document.storageKey)), document);
}

export async function listProductsEndpoint(call: ApiCall): Promise<Response> {
  return json({ data: await productsForApi(prisma, call.holder.lenderOrgId) });
}

// ───────────────────────────── decisions ─────────────────────────────

function lenderInput(call: ApiCall) {
  return {
    lenderOrgId: call.holder.lenderOrgId,
    referralId: call.params.referralId ?? "",
    lenderRole: "UNDERWRITER",
    actor: call.holder.actor,
    ip: call.ip,
  };
}

/** The body as an object for a form schema, or the problem saying it is not one. */
function bodyObject(call: ApiCall): Record<string, unknown> | Response {
  const body = call.body;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return invalid([{ field: "body", message: "Send a JSON object." }]);
  return body as Record<string, unknown>;
}

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | Response {
  const result = schema.safeParse(value);
  return result.success ? result.data : invalid(fieldErrors(result.error, value));
}

async function decided(call: ApiCall, outcome: ReviewOutcome, status = 200): Promise<Response> {
  if (outcome.ok) return referralAnswer(call, status);
  if (outcome.reason === "not-found") return problem("not-found", NOT_YOURS);
  return problem("conflict", outcome.message);
}

export async function startReviewEndpoint(call: ApiCall): Promise<Response> {
  return decided(call, await startReview(prisma, lenderInput(call)));
}

export async function requestInformationEndpoint(call: ApiCall): Promise<Response> {
  const body = bodyObject(call);
  if (body instanceof Response) return body;
  const input = parsed(InfoRequestSchema, { ...body, intent: "request-info" });
  if (input instanceof Response) return input;
  const outcome = await requestInformation(prisma, {
    ...lenderInput(call),
    question: input.question ?? null,
    documentType: input.documentType ?? null,
    dueInBusinessDays: input.dueInBusinessDays,
  });
  return decided(call, outcome, 201);
}

export async function declineEndpoint(call: ApiCall): Promise<Response> {
  const body = bodyObject(call);
  if (body instanceof Response) return body;
  const input = parsed(DeclineSchema, { ...body, intent: "decline" });
  if (input instanceof Response) return input;
  return decided(
    call,
    await declineReferral(prisma, { ...lenderInput(call), reasons: input.reasons as DeclineReason[] }),
  );
}

export async function makeOfferEndpoint(call: ApiCall): Promise<Response> {
  const body = bodyObject(call);
  if (body instanceof Response) return body;
  const offer = parsed(OfferSchema, body);
  if (offer instanceof Response) return offer;
  const outcome = await makeOffer(prisma, { ...lenderInput(call), offer });
  if (!outcome.ok) return decided(call, outcome);
  const [made] = await offersOfReferral(prisma, call.holder.lenderOrgId, call.params.referralId ?? "");
  const referral = await referralForApi(prisma, call.holder.lenderOrgId, call.params.referralId ?? "");
  if (!made || !referral) return problem("not-found", NOT_YOURS);
  return json({ offer: made, referral }, 201);
}

/** The offer as it is now, when it is one of this referral's (another's, or another lender's, is null). */
async function offerOfThisReferral(call: ApiCall) {
  const offers = await offersOfReferral(prisma, call.holder.lenderOrgId, call.params.referralId ?? "");
  return offers.find((o) => o.id === call.params.offerId) ?? null;
}

const NO_SUCH_OFFER = "There is no such offer on this referral of yours.";

/**
 * Withdrawing and funding answer with the offer (not the referral): a suspended partner may do
 * both, though after a withdrawal it no longer opens the referral.
 */
async function offerAnswer(call: ApiCall, outcome: ReviewOutcome, status: number): Promise<Response> {
  if (!outcome.ok) return decided(call, outcome);
  const offer = await offerOfThisReferral(call);
  return offer ? json(offer, status) : problem("not-found", NO_SUCH_OFFER);
}

export async function withdrawOfferEndpoint(call: ApiCall): Promise<Response> {
  const body = bodyObject(call);
  if (body instanceof Response) return body;
  const input = parsed(WithdrawOfferSchema, {
    ...body,
    intent: "withdraw-offer",
    offerId: call.params.offerId ?? "",
    confirmed: "yes",
  });
  if (input instanceof Response) return input;
  if (!(await offerOfThisReferral(call))) return problem("not-found", NO_SUCH_OFFER);
  return offerAnswer(
    call,
    await withdrawOffer(prisma, { ...lenderInput(call), offerId: input.offerId, reason: input.reason }),
    200,
  );
}

export async function recordFundingEndpoint(call: ApiCall): Promise<Response> {
  const body = bodyObject(call);
  if (body instanceof Response) return body;
  const input = parsed(FundingSchema, { ...body, offerId: call.params.offerId ?? "" });
  if (input instanceof Response) return input;
  if (!(await offerOfThisReferral(call))) return problem("not-found", NO_SUCH_OFFER);
  const outcome = await recordFunding(prisma, {
    lenderOrgId: call.holder.lenderOrgId,
    offerId: input.offerId,
    amountCents: input.amount,
    fundedOn: input.fundedOn,
    reference: input.reference,
    actor: call.holder.actor,
    ip: call.ip,
  });
  if (outcome.ok) return offerAnswer(call, outcome, 201);
  if (outcome.reason === "invalid") return invalid([{ field: outcome.field, message: outcome.message }]);
  if (outcome.reason === "not-found") return problem("not-found", NO_SUCH_OFFER);
  return problem("conflict", outcome.message);
}
