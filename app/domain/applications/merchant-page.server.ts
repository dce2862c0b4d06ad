// What the merchant's application page shows and does, so that its route stays guard → parse →
// domain → redirect: the page's data (the application, the draft's review, the offers with what
// their accept forms post, the timeline) and the answer to a lender's question with its upload.
import { MissingFxRateError } from "~/domain/fx";
import { matchMerchantFrom, partnersConsidering, runMatching } from "~/domain/matching/matching.server";
import { listOffersForMerchant } from "~/domain/offers/offers.server";
import { answerInformationRequest } from "~/domain/referrals/referrals.server";
import { acceptUpload } from "~/domain/referrals/uploads.server";
import { currentScoreReport } from "~/domain/scoring/score.server";
import type { Db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { deleteStoredFile } from "~/utils/storage.server";
import { getMerchantApplication, type MerchantApplication, missingToSubmit } from "./applications.server";
import { orderPicker } from "./orders-for-form.server";
import { applicationTimeline } from "./timeline";

/** The draft's score and how many partners would consider it, or why no score can be computed. */
async function draftReview(db: Db, merchantId: string, application: MerchantApplication, now: Date) {
  try {
    const score = await currentScoreReport(db, merchantId, now);
    const profile = await db.merchant.findUniqueOrThrow({
      where: { id: merchantId },
      select: {
        yearFounded: true,
        monthFounded: true,
        annualRevenueCents: true,
        naicsCode: true,
        addressState: true,
      },
    });
    const matched = await runMatching(
      db,
      {
        amountCents: application.requestedAmountCents,
        productType: application.productTypeWanted as Parameters<typeof runMatching>[1]["productType"],
        tenorDays: application.tenorDays,
        orders: application.orders.map((o) => ({
          buyerCountry: o.exportOrder.buyerCountry,
          paymentTerm: o.exportOrder.paymentTerm,
        })),
      },
      matchMerchantFrom({
        score: score.score,
        avgMonthlyRevenueCents: score.features.avgMonthlyRevenueCents,
        ...profile,
        today: now,
      }),
    );
    return {
      review: {
        partners: partnersConsidering(matched).partners,
        reasons: score.reasons,
        summary: {
          score: score.score,
          grade: score.grade,
          scoreable: score.scoreable,
          notScoreableReason: score.notScoreableReason,
          asOf: score.asOf,
        },
      },
      problem: null,
    };
  } catch (error) {
    if (!(error instanceof MissingFxRateError)) throw error;
    return {
      review: null,
      problem: `An open order is in ${error.currency}, which has no exchange rate on file, so no score can be computed.`,
    };
  }
}

/** Everything the merchant's application page shows; null when it is not the merchant's. */
export async function loadMerchantApplicationPage(
  db: Db,
  merchantId: string,
  applicationId: string,
  search: { query: string; page: number } = { query: "", page: 1 },
  now: Date = new Date(),
) {
  const application = await getMerchantApplication(db, merchantId, applicationId);
  if (!application) return null;
  const draft = application.status === "DRAFT";
  // The open orders and the review feed the draft's forms only.
  const [picker, { review, problem }, offers, missing] = await Promise.all([
    draft
      ? orderPicker(db, merchantId, {
          ...search,
          selectedIds: application.orders.map((o) => o.exportOrder.id),
        })
      : Promise.resolve({ selected: [], results: [], total: 0, page: 1, pageCount: 1, query: "" }),
    draft ? draftReview(db, merchantId, application, now) : Promise.resolve({ review: null, problem: null }),
    listOffersForMerchant(db, merchantId, application.id, now),
    draft ? missingToSubmit(db, merchantId) : Promise.resolve([]),
  ]);
  return {
    offers,
    // Whether messages leave at all: without a mail server they wait in the outbox, and the page
    // must not say the notices were e-mailed.
    emailDelivery: Boolean(env().SMTP_URL),
    timeline: applicationTimeline({
      ...application,
      offers,
      orders: application.orders.map((o) => o.exportOrder),
    }),
    application: {
      ...application,
      orders: application.orders.map((o) => ({
        ...o.exportOrder,
        amountCents: o.exportOrder.amountCents.toString(),
      })),
    },
    picker,
    review,
    problem,
    missing,
  };
}

/** The application's status, when it is the merchant's. */
export async function merchantApplicationStatus(
  db: Db,
  merchantId: string,
  applicationId: string,
): Promise<string | null> {
  const application = await db.application.findFirst({
    where: { id: applicationId, merchantId },
    select: { status: true },
  });
  return application?.status ?? null;
}

export type AnswerOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "invalid" | "conflict"; message: string };

/**
 * The merchant answers a lender's question, with text, a document or both; the document is
 * checked (type by content, size) and stored only when the question is the merchant's own.
 */
export async function answerWithUpload(
  db: Db,
  input: {
    merchantId: string;
    infoRequestId: string;
    text: string;
    file: File | null;
    actor: { id: string; role: string };
    ip: string;
  },
): Promise<AnswerOutcome> {
  const text = input.text.trim();
  const file = input.file && input.file.size > 0 ? input.file : null;
  // Control characters other than tabs and line breaks are refused as well: PostgreSQL cannot
  // store a NUL in text at all, and none of them belongs in an answer.
  if (text.length > 2000 || /[<>]|[^\P{Cc}\t\n\r]/u.test(text))
    return {
      ok: false,
      reason: "invalid",
      message: "Answer in at most 2,000 characters, without < or > or control characters.",
    };
  if (!text && !file)
    return { ok: false, reason: "invalid", message: "Write an answer, attach a document, or both." };
  let document: Awaited<ReturnType<typeof acceptUpload>> | null = null;
  if (file) {
    const owned = await db.infoRequest.findFirst({
      where: { id: input.infoRequestId, referral: { application: { merchantId: input.merchantId } } },
      select: { documentType: true, status: true },
    });
    if (!owned) return { ok: false, reason: "not-found" };
    if (owned.status !== "OPEN")
      return { ok: false, reason: "conflict", message: "This request was already answered or closed." };
    document = await acceptUpload(file, owned.documentType ?? "OTHER");
    if (!document.ok) return { ok: false, reason: "invalid", message: document.message };
  }
  const outcome = await answerInformationRequest(db, {
    merchantId: input.merchantId,
    infoRequestId: input.infoRequestId,
    text: text || null,
    document: document?.ok ? document.document : null,
    actor: input.actor,
    ip: input.ip,
  });
  // A refused answer keeps nothing: the file stored for it goes too (a request answered meanwhile).
  if (!outcome.ok && document?.ok) await deleteStoredFile(document.document.storageKey);
  if (outcome.ok || outcome.reason === "not-found") return outcome;
  return { ok: false, reason: "conflict", message: outcome.message ?? "This request was already answered." };
}
