// The OpenAPI 3.1 document of the lenders' API, generated from its zod schemas
// (./schemas.server.ts) with zod-openapi. Served at /api/v1/openapi.json, rendered for people at
// /developers/api, and checked in as docs/openapi.json (a test fails when they differ;
// `npm run api:openapi` rewrites it).
import type { ZodType } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { API_RATE_LIMIT } from "~/domain/api/keys";
import { PROBLEM_TYPES, type ProblemType } from "./problem.server";
import {
  DeclineBody,
  DocumentPath,
  FundingBody,
  IdempotencyHeader,
  InfoRequestBody,
  OfferBody,
  OfferCreatedSchema,
  OfferPath,
  OfferSchemaOut,
  ProblemSchema,
  ProductListSchema,
  ReferralListQuerySchema,
  ReferralListSchema,
  ReferralPath,
  ReferralSchema,
  WithdrawBody,
} from "./schemas.server";

const problems = (...types: ProblemType[]): ZodOpenApiResponsesObject => {
  const out: ZodOpenApiResponsesObject = {};
  for (const type of ["unauthorized", "rate-limited", ...types] as ProblemType[]) {
    const { status, title } = PROBLEM_TYPES[type];
    const key = String(status) as `${1 | 2 | 3 | 4 | 5}${string}`;
    const previous = out[key] as { description?: string } | undefined;
    out[key] = {
      description: previous?.description ? `${previous.description}; or: ${title}` : title,
      content: { "application/problem+json": { schema: ProblemSchema } },
      ...(type === "rate-limited"
        ? {
            headers: {
              "Retry-After": {
                description: "Seconds to wait before the next request.",
                schema: { type: "integer" },
              },
            },
          }
        : {}),
    };
  }
  return out;
};

const ok = (status: "200" | "201", description: string, schema: ZodType): ZodOpenApiResponsesObject => ({
  [status]: { description, content: { "application/json": { schema } } },
});

const write = (
  operation: Omit<ZodOpenApiOperationObject, "responses" | "requestBody"> & {
    body?: ZodType;
    success: ZodOpenApiResponsesObject;
    path: ZodType;
  },
): ZodOpenApiOperationObject => {
  const { body, success, path, ...rest } = operation;
  return {
    ...rest,
    tags: ["Decisions"],
    requestParams: { path: path as never, header: IdempotencyHeader },
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: body } } } } : {}),
    responses: {
      ...success,
      ...problems(
        "bad-request",
        "content-too-large",
        "unsupported-media-type",
        "forbidden",
        "not-found",
        "conflict",
        "idempotency-in-flight",
        "idempotency-mismatch",
        "invalid-request",
      ),
    },
  };
};

const referralAnswer = ok("200", "The referral as it is after the change.", ReferralSchema);

export function apiDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "TradeLift lender API",
      version: "1.0.0",
      description: [
        "The REST API for lenders' own systems: the referrals in your queue, their frozen application packages and documents, and the decisions the review page makes (request information, decline, offer, withdraw, record funding).",
        "",
        "Authenticate with an API key made by a lender admin at /lender/api-keys: `Authorization: Bearer tl_live_…`. A key with the `read` scope reads; writes need the `decide` scope (which includes `read`) and an `Idempotency-Key` header.",
        `Each key may make ${API_RATE_LIMIT.limit} requests a minute; past that the answer is 429 with Retry-After.`,
        "Money is in US cents (integers) in answers; request amounts are dollars as text, as typed on the review page. Errors are RFC 9457 problem details.",
      ].join("\n"),
    },
    servers: [{ url: "/", description: "This TradeLift installation" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "Referrals", description: "Your queue and each application package." },
      {
        name: "Decisions",
        description: "The review page's decisions. Need the `decide` scope and an Idempotency-Key.",
      },
      { name: "Products", description: "Your products." },
    ],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key, `tl_live_<id>_<secret>`." },
      },
    },
    paths: {
      "/api/v1/referrals": {
        get: {
          operationId: "listReferrals",
          summary: "List your referrals",
          description:
            "The referrals in your queue, filtered and sorted like the queue page, a page at a time (cursor pagination). A suspended partner sees only referrals with a live or accepted offer or a funded deal.",
          tags: ["Referrals"],
          requestParams: { query: ReferralListQuerySchema },
          responses: {
            ...ok("200", "A page of referrals.", ReferralListSchema),
            ...problems("forbidden", "invalid-request"),
          },
        },
      },
      "/api/v1/referrals/{referralId}": {
        get: {
          operationId: "getReferral",
          summary: "Read one referral and its application package",
          description:
            "What the review page shows: the request, the package frozen at submission (never the applicant's demographic answers), what changed since, the documents with links to download them, your information requests and offers, and which decisions are allowed now.",
          tags: ["Referrals"],
          requestParams: { path: ReferralPath },
          responses: { ...ok("200", "The referral.", ReferralSchema), ...problems("forbidden", "not-found") },
        },
      },
      "/api/v1/referrals/{referralId}/documents/{documentId}": {
        get: {
          operationId: "downloadDocument",
          summary: "Download a document",
          description:
            "A document the merchant added in answer to your information request. The download is audited.",
          tags: ["Referrals"],
          requestParams: { path: DocumentPath },
          responses: {
            "200": {
              description: "The file, with its own content type.",
              content: {
                "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
              },
            },
            ...problems("forbidden", "not-found"),
          },
        },
      },
      "/api/v1/referrals/{referralId}/review": {
        post: write({
          operationId: "startReview",
          summary: "Start the review",
          description: "Moves a new referral into review (needed before an offer or a decline).",
          path: ReferralPath,
          success: referralAnswer,
        }),
      },
      "/api/v1/referrals/{referralId}/information-requests": {
        post: write({
          operationId: "requestInformation",
          summary: "Ask the merchant for information",
          description:
            "The referral waits for the merchant's answer; past the due date a notice of incompleteness is sent.",
          path: ReferralPath,
          body: InfoRequestBody,
          success: ok("201", "The request was sent; the referral as it is now.", ReferralSchema),
        }),
      },
      "/api/v1/referrals/{referralId}/decline": {
        post: write({
          operationId: "declineReferral",
          summary: "Decline with reasons",
          description:
            "Declines the referral with one to four reason codes; the merchant is sent the adverse-action notice.",
          path: ReferralPath,
          body: DeclineBody,
          success: referralAnswer,
        }),
      },
      "/api/v1/referrals/{referralId}/offers": {
        post: write({
          operationId: "makeOffer",
          summary: "Make an offer",
          description:
            "The same validation and disclosure maths as the review page's offer form. Answers with the offer and its disclosure.",
          path: ReferralPath,
          body: OfferBody,
          success: ok("201", "The offer, with the disclosure the merchant is given.", OfferCreatedSchema),
        }),
      },
      "/api/v1/referrals/{referralId}/offers/{offerId}/withdraw": {
        post: write({
          operationId: "withdrawOffer",
          summary: "Withdraw a live offer",
          description: "The merchant sees the reason. The referral returns to review.",
          path: OfferPath,
          body: WithdrawBody,
          success: ok("200", "The offer, withdrawn.", OfferSchemaOut),
        }),
      },
      "/api/v1/referrals/{referralId}/offers/{offerId}/funding": {
        post: write({
          operationId: "recordFunding",
          summary: "Record the funding of an accepted offer",
          description: "Once per accepted offer; servicing starts with it.",
          path: OfferPath,
          body: FundingBody,
          success: ok("201", "The funding was recorded: the offer with its funding.", OfferSchemaOut),
        }),
      },
      "/api/v1/products": {
        get: {
          operationId: "listProducts",
          summary: "List your products",
          tags: ["Products"],
          responses: { ...ok("200", "Your products.", ProductListSchema), ...problems("forbidden") },
        },
      },
    },
  });
}

/** The document as served and checked in: stable JSON, two-space indented, with a final newline. */
export function apiDocumentJson(): string {
  return `${JSON.stringify(apiDocument(), null, 2)}\n`;
}
