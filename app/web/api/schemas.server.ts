// The lenders' API's schemas (docs/design/api.md): what each endpoint takes and answers, in zod,
// from which the OpenAPI document is generated (./openapi.server.ts). Request bodies are the review
// page's own form schemas (the same validation: no second copy of any rule), less the fields the
// path carries. Server-only: no zod from here reaches the browser.
import { z } from "zod";
import "zod-openapi";
import { APPLICATION_STATUSES, REFERRAL_STATUSES } from "~/domain/applications/workflow";
import { PRODUCT_TYPES } from "~/domain/lenders/products";
import { FundingSchema } from "~/domain/offers/funding";
import { OfferSchema } from "~/domain/offers/offer";
import { OFFER_STATUSES } from "~/domain/offers/workflow";
import { DECLINE_REASON_CODES } from "~/domain/referrals/decline-reasons";
import { DeclineSchema, InfoRequestSchema, WithdrawOfferSchema } from "~/domain/referrals/review-forms";

const dateTime = z.iso.datetime({ offset: true });
const day = z.iso.date();
const cents = z.number().int().meta({ description: "US cents (integer)." });
const id = z.string().min(1).max(40);

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: "A URI reference naming the kind of problem.", format: "uri-reference" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "For invalid input: each field at fault and what is wrong with it." }),
  })
  .meta({
    id: "Problem",
    description: "An error, as RFC 9457 problem details (`application/problem+json`).",
    example: {
      type: "/developers/api#problem-invalid-request",
      title: "The request is not valid",
      status: 422,
      detail: "Some fields are not valid.",
      errors: [{ field: "amount", message: "Enter an amount from $1,000 to $20,000,000." }],
    },
  });

// ───────────────────────────── referrals: the list ─────────────────────────────

export const SORTS = ["newest", "oldest", "amount", "score"] as const;

export const ReferralListQuerySchema = z.object({
  status: z.enum(REFERRAL_STATUSES).optional().meta({ description: "Only referrals in this status." }),
  productId: id.optional().meta({ description: "Only referrals to this product of yours." }),
  minAmount: z
    .string()
    .max(30)
    .optional()
    .meta({ description: "Requested amount at least this many dollars, e.g. `50000`.", example: "50000" }),
  maxAmount: z
    .string()
    .max(30)
    .optional()
    .meta({ description: "Requested amount at most this many dollars." }),
  grade: z.enum(["A", "B", "C", "D", "E"]).optional().meta({ description: "Trade Readiness grade." }),
  buyerCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "Use an ISO 3166-1 alpha-2 code, such as JP.")
    .optional()
    .meta({ description: "Only applications with an order to a buyer in this country (alpha-2)." }),
  maxAgeDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .meta({ description: "Only referrals received in the last so many days." }),
  sort: z.enum(SORTS).default("newest").meta({
    description: "newest or oldest received first, largest amount first, or highest score first; ties by id.",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: "Items per page (1–100)." }),
  cursor: z
    .string()
    .max(400)
    .optional()
    .meta({ description: "`nextCursor` of the previous page, with the same filters and sort." }),
});

export const ReferralListItemSchema = z
  .object({
    id,
    status: z.enum(REFERRAL_STATUSES),
    createdAt: dateTime,
    merchantName: z.string(),
    requestedAmountCents: cents,
    tenorDays: z.number().int(),
    productName: z.string(),
    score: z.number().int().nullable(),
    grade: z.string().nullable(),
  })
  .meta({ id: "ReferralListItem" });

export const ReferralListSchema = z
  .object({
    data: z.array(ReferralListItemSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "ReferralList" });

// ───────────────────────────── one referral ─────────────────────────────

export const DisclosureSchema = z
  .object({
    fundsProvidedCents: cents,
    financeChargeCents: cents,
    totalRepaymentCents: cents,
    estimatedAprBps: z.number().int().meta({ description: "Estimated APR in basis points (1234 = 12.34%)." }),
    feeDeductedCents: cents,
    termDays: z.number().int(),
    paymentFrequency: z.string().meta({ description: "SINGLE, WEEKLY, BIWEEKLY or MONTHLY." }),
    paymentCount: z.number().int(),
    paymentAmountCents: cents,
    schedule: z.array(
      z.object({ number: z.number().int(), dueInDays: z.number().int(), amountCents: cents }),
    ),
    prepaymentTerms: z.string(),
  })
  .meta({ id: "Disclosure", description: "The commercial-financing disclosure the merchant is given." });

export const OfferSchemaOut = z
  .object({
    id,
    status: z.enum(OFFER_STATUSES),
    productType: z.enum(PRODUCT_TYPES),
    amountCents: cents,
    currency: z.string(),
    advanceRateBps: z.number().int(),
    feeBps: z.number().int().nullable(),
    feePeriodDays: z.number().int().nullable(),
    interestRateBps: z.number().int().nullable(),
    recourse: z.string().nullable(),
    securityTerms: z.string().nullable(),
    expiresAt: dateTime,
    createdAt: dateTime,
    acceptedAt: dateTime.nullable(),
    declinedAt: dateTime.nullable(),
    withdrawnAt: dateTime.nullable(),
    withdrawnReason: z.string().nullable(),
    disclosure: DisclosureSchema,
    funding: z.object({ amountCents: cents, fundedOn: day, reference: z.string() }).nullable(),
  })
  .meta({ id: "Offer" });

const PackageOrderSchema = z.looseObject({
  id,
  poNumber: z.string(),
  buyerName: z.string(),
  buyerCountry: z.string(),
  amountMinor: z.string(),
  currency: z.string(),
  usdCents: z.string().nullable(),
  orderDate: z.string(),
  expectedShipDate: z.string().nullable(),
  paymentTerm: z.string(),
  paymentTermDays: z.number().int(),
  incoterm: z.string(),
  status: z.string(),
});

export const ApplicationPackageSchema = z
  .looseObject({
    formatVersion: z.number().int(),
    applicationId: id,
    submittedAt: z.string(),
    asOf: z.string(),
    request: z.looseObject({
      amountCents: cents,
      currency: z.string(),
      purpose: z.string(),
      productTypeWanted: z.string(),
      tenorDays: z.number().int(),
    }),
    profile: z.looseObject({
      legalName: z.string(),
      dbaName: z.string().nullable(),
      einLast4: z.string().nullable(),
      entityType: z.string().nullable(),
      naicsCode: z.string().nullable(),
      city: z.string().nullable(),
      addressState: z.string().nullable(),
      annualRevenueCents: z.string().nullable(),
      exportMarkets: z.array(z.string()),
    }),
    owners: z.array(z.object({ name: z.string(), title: z.string(), ownershipBps: z.number().int() })),
    orders: z.array(PackageOrderSchema),
    bank: z.looseObject({
      asOf: z.string(),
      revenue: z.array(z.object({ month: z.string(), cents: z.number().int() })),
      accounts: z.array(z.looseObject({ id: z.string(), institutionName: z.string(), name: z.string() })),
    }),
    sales: z.looseObject({ totalNetUsdCents: z.number().int(), records: z.number().int() }),
    score: z.looseObject({
      modelVersion: z.string(),
      scoreable: z.boolean(),
      score: z.number().int().nullable(),
      grade: z.string().nullable(),
    }),
  })
  .meta({
    id: "ApplicationPackage",
    description:
      "The application package frozen at submission, exactly as the review page reads it (docs/design/application-package.md). It never holds the applicant's Section 1071 demographic answers.",
  });

const DocumentLinkSchema = z.object({
  id,
  fileName: z.string(),
  sizeBytes: z.number().int(),
  href: z.string().meta({ description: "GET this path (with your key) to download the file." }),
});

export const ReferralSchema = z
  .object({
    id,
    status: z.enum(REFERRAL_STATUSES),
    createdAt: dateTime,
    reviewStartedAt: dateTime.nullable(),
    decidedAt: dateTime.nullable(),
    declineReasons: z.array(z.string()).nullable(),
    product: z.object({ name: z.string(), type: z.enum(PRODUCT_TYPES) }),
    application: z.object({
      id,
      status: z.enum(APPLICATION_STATUSES),
      requestedAmountCents: cents,
      purpose: z.string(),
      productTypeWanted: z.string(),
      tenorDays: z.number().int(),
      submittedAt: dateTime.nullable(),
    }),
    merchant: z.object({ legalName: z.string(), dbaName: z.string().nullable() }),
    package: z
      .object({
        sha256: z.string(),
        intact: z.boolean().meta({ description: "Whether the stored package still hashes to its sha256." }),
        frozenAt: dateTime,
        content: ApplicationPackageSchema,
        changesSince: z.array(
          z.object({
            section: z.enum(["profile", "owners", "orders", "bank"]),
            subject: z.string(),
            field: z.string(),
            submitted: z.string(),
            current: z.string(),
          }),
        ),
      })
      .nullable(),
    documents: z.array(
      DocumentLinkSchema.extend({ type: z.string(), sha256: z.string(), uploadedAt: dateTime }),
    ),
    infoRequests: z.array(
      z.object({
        id,
        question: z.string().nullable(),
        documentType: z.string().nullable(),
        status: z.string(),
        responseText: z.string().nullable(),
        respondedAt: dateTime.nullable(),
        createdAt: dateTime,
        dueAt: dateTime.nullable().meta({
          description:
            "When the answer is due: the end of the deadline's calendar day anywhere on Earth (UTC−12), so the day is whole in every US time zone. 2026-12-23T11:59:59.999Z is due on December 22.",
        }),
        documents: z.array(DocumentLinkSchema.extend({ contentType: z.string() })),
      }),
    ),
    offers: z.array(OfferSchemaOut),
    allowedActions: z
      .object({
        startReview: z.boolean(),
        requestInformation: z.boolean(),
        decline: z.boolean(),
        offer: z.boolean(),
        withdrawOffer: z.boolean(),
        recordFunding: z.boolean(),
      })
      .meta({ description: "What the rules allow on this referral now (the review page shows the same)." }),
    partnerStatus: z.string(),
  })
  .meta({ id: "Referral" });

export const ProductSchema = z
  .object({
    id,
    name: z.string(),
    type: z.enum(PRODUCT_TYPES),
    status: z.string(),
    minAmountCents: cents,
    maxAmountCents: cents,
    minScore: z.number().int(),
    minTenorDays: z.number().int(),
    maxTenorDays: z.number().int(),
    aprMinBps: z.number().int().nullable(),
    aprMaxBps: z.number().int().nullable(),
    feePer30DaysMinBps: z.number().int().nullable(),
    feePer30DaysMaxBps: z.number().int().nullable(),
    referrals: z.number().int(),
  })
  .meta({ id: "Product" });

export const ProductListSchema = z.object({ data: z.array(ProductSchema) }).meta({ id: "ProductList" });

// ───────────────────────────── writes: the review page's forms ─────────────────────────────

const { intent: _infoIntent, ...infoFields } = InfoRequestSchema.shape;
/** Documented shape; the endpoint parses with InfoRequestSchema itself (with its "one of the two" rule). */
export const InfoRequestBody = z
  .object({ ...infoFields, dueInBusinessDays: infoFields.dueInBusinessDays.optional() })
  .meta({
    id: "InformationRequest",
    description: "Ask a question, ask for a document, or both.",
    example: { question: "Please send the signed purchase order.", documentType: "PURCHASE_ORDER" },
  });

export const DeclineBody = z.object({ reasons: DeclineSchema.shape.reasons }).meta({
  id: "Decline",
  description: `One to four reason codes: ${DECLINE_REASON_CODES.join(", ")}.`,
  example: { reasons: ["REVENUE"] },
});

export const OfferBody = OfferSchema.meta({
  id: "OfferRequest",
  description:
    "The review page's offer form. Amounts are dollars as text (`80000` or `80,000.00`), rates are percentages as text (`1.5`). Fee-priced products (PO financing, factoring) need advanceRate, feePer30Days and termDays (factoring also recourse); loans and lines need interestRate, paymentFrequency, paymentCount and securityTerms.",
  example: {
    productType: "INVOICE_FACTORING",
    amount: "80000",
    advanceRate: "85",
    feePer30Days: "1.5",
    termDays: 60,
    recourse: "WITH_RECOURSE",
    expiresInDays: 14,
  },
});

export const WithdrawBody = z
  .object({ reason: WithdrawOfferSchema.shape.reason })
  .meta({ id: "WithdrawOffer", example: { reason: "The buyer's credit insurance was withdrawn." } });

const { offerId: _fundingOffer, ...fundingFields } = FundingSchema.shape;
export const FundingBody = z.object(fundingFields).meta({
  id: "Funding",
  description:
    "The amount must be the offer's funds provided; the date neither in the future nor before acceptance.",
  example: { amount: "66800.00", fundedOn: "2026-12-07", reference: "WIRE-20261207-001" },
});

export const OfferCreatedSchema = z.object({ offer: OfferSchemaOut, referral: ReferralSchema }).meta({
  id: "OfferCreated",
  description: "The offer made, with its disclosure, and the referral as it is now.",
});

export const ReferralPath = z.object({ referralId: id.meta({ description: "The referral's id." }) });
export const OfferPath = ReferralPath.extend({ offerId: id.meta({ description: "The offer's id." }) });
export const DocumentPath = ReferralPath.extend({
  documentId: id.meta({ description: "The document's id." }),
});
export const IdempotencyHeader = z.object({
  "Idempotency-Key": z.string().min(1).max(255).meta({
    description:
      "A unique value (a UUID) per new request. A repeat with the same body gets the first answer again.",
  }),
});
