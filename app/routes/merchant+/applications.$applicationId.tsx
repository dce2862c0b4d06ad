import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationForm } from "~/components/application-form";
import { DisclosureTable } from "~/components/disclosure-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ScoreCard } from "~/components/score-card";
import { CheckboxField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { PersonNameSchema } from "~/domain/accounts/schemas";
import { declineOutcome, ECOA_STATEMENT } from "~/domain/applications/adverse-action";
import { ApplicationSchema } from "~/domain/applications/application";
import {
  ApplicationInputError,
  getMerchantApplication,
  submitApplication,
  updateDraft,
  withdrawApplication,
} from "~/domain/applications/applications.server";
import { openOrdersForApplication } from "~/domain/applications/orders-for-form.server";
import { applicationTimeline } from "~/domain/applications/timeline";
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  TransitionError,
  WITHDRAWABLE,
} from "~/domain/applications/workflow";
import { MissingFxRateError } from "~/domain/fx";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { matchMerchantFrom, partnersConsidering, runMatching } from "~/domain/matching/matching.server";
import { formatMoney } from "~/domain/money";
import { acceptOffer, declineOffer, listOffersForMerchant } from "~/domain/offers/offers.server";
import { countryName } from "~/domain/reference/countries";
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from "~/domain/referrals/documents";
import { answerInformationRequest } from "~/domain/referrals/referrals.server";
import { acceptUpload } from "~/domain/referrals/uploads.server";
import { currentScoreReport } from "~/domain/scoring/score.server";
import { prisma } from "~/utils/db.server";
import { readForm, replyStatus, UploadTooLargeError } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Application — TradeLift" }];

const REFERRAL_LABELS: Record<string, string> = {
  NEW: "Received, not opened yet",
  IN_REVIEW: "Reviewing",
  INFO_REQUESTED: "Asked you for information",
  OFFERED: "Made an offer",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const application = await getMerchantApplication(prisma, actor.merchantId, params.applicationId ?? "");
  if (!application) notFound("This application does not exist.");
  let review: { score: Awaited<ReturnType<typeof currentScoreReport>>; partners: number } | null = null;
  let problem: string | null = null;
  // The open orders feed the draft's edit form only.
  const orders =
    application.status === "DRAFT" ? await openOrdersForApplication(prisma, actor.merchantId) : [];
  if (application.status === "DRAFT") {
    try {
      const score = await currentScoreReport(prisma, actor.merchantId);
      const profile = await prisma.merchant.findUniqueOrThrow({
        where: { id: actor.merchantId },
        select: { yearFounded: true, annualRevenueCents: true, naicsCode: true },
      });
      const matched = await runMatching(
        prisma,
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
          today: new Date(),
        }),
      );
      review = { score, partners: partnersConsidering(matched).partners };
    } catch (error) {
      if (!(error instanceof MissingFxRateError)) throw error;
      problem = `An open order is in ${error.currency}, which has no exchange rate on file, so no score can be computed.`;
    }
  }
  const offers = await listOffersForMerchant(prisma, actor.merchantId, application.id);
  return {
    offers,
    timeline: applicationTimeline({ ...application, offers }),
    application: {
      ...application,
      orders: application.orders.map((o) => ({
        ...o.exportOrder,
        amountCents: o.exportOrder.amountCents.toString(),
      })),
    },
    orders,
    review: review
      ? {
          partners: review.partners,
          reasons: review.score.reasons,
          summary: {
            score: review.score.score,
            grade: review.score.grade,
            scoreable: review.score.scoreable,
            notScoreableReason: review.score.notScoreableReason,
            asOf: review.score.asOf,
          },
        }
      : null,
    problem,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const applicationId = params.applicationId ?? "";
  let formData: FormData;
  try {
    formData = await readForm(request, MAX_DOCUMENT_BYTES + 64 * 1024);
  } catch (error) {
    if (error instanceof UploadTooLargeError)
      return data(
        { form: "info" as const, error: "The file is larger than 10 MB.", result: null },
        { status: 413 },
      );
    throw error;
  }
  const base = {
    merchantId: actor.merchantId,
    applicationId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const self = `/merchant/applications/${applicationId}`;
  const intent = formData.get("intent");
  if (intent === "answer-info") {
    const infoRequestId = String(formData.get("infoRequestId") ?? "");
    const text = String(formData.get("responseText") ?? "").trim();
    const file = formData.get("document");
    const hasFile = file instanceof File && file.size > 0;
    if (text.length > 2000 || /[<>]/.test(text))
      return data(
        {
          form: "info" as const,
          error: "Answer in at most 2,000 characters, without < or >.",
          result: null,
          infoRequestId,
        },
        { status: 400 },
      );
    if (!text && !hasFile)
      return data(
        {
          form: "info" as const,
          error: "Write an answer, attach a document, or both.",
          result: null,
          infoRequestId,
        },
        { status: 400 },
      );
    let document: Awaited<ReturnType<typeof acceptUpload>> | null = null;
    if (hasFile) {
      const owned = await prisma.infoRequest.findFirst({
        where: { id: infoRequestId, referral: { application: { merchantId: actor.merchantId } } },
        select: { documentType: true },
      });
      if (!owned) notFound("This request does not exist.");
      document = await acceptUpload(file, owned.documentType ?? "OTHER");
      if (!document.ok)
        return data(
          { form: "info" as const, error: document.message, result: null, infoRequestId },
          { status: 400 },
        );
    }
    const outcome = await answerInformationRequest(prisma, {
      merchantId: actor.merchantId,
      infoRequestId,
      text: text || null,
      document: document?.ok ? document.document : null,
      actor: base.actor,
      ip: base.ip,
    });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This request does not exist.");
    if (!outcome.ok)
      return data(
        { form: "info" as const, error: outcome.message, result: null, infoRequestId },
        { status: 409 },
      );
    return redirectWithToast(self, {
      kind: "success",
      title: "Answer sent",
      description: "The lender is back to reviewing your application.",
    });
  }
  if (intent === "accept-offer" || intent === "decline-offer") {
    const offerId = String(formData.get("offerId") ?? "");
    if (intent === "decline-offer") {
      const outcome = await declineOffer(prisma, {
        merchantId: actor.merchantId,
        offerId,
        actor: base.actor,
        ip: base.ip,
      });
      if (!outcome.ok && outcome.reason === "not-found") notFound("This offer does not exist.");
      if (!outcome.ok)
        return data(
          {
            form: "offer" as const,
            error: outcome.message ?? "This offer is no longer open.",
            result: null,
            offerId,
          },
          { status: 409 },
        );
      return redirectWithToast(self, { kind: "success", title: "Offer declined" });
    }
    const name = PersonNameSchema.safeParse(formData.get("signatureName") ?? "");
    if (!name.success || formData.get("consent") !== "on") {
      return data(
        {
          form: "offer" as const,
          error: !name.success ? "Type your full name to sign." : "Tick the box to agree to the terms.",
          result: null,
          offerId,
        },
        { status: 400 },
      );
    }
    const outcome = await acceptOffer(prisma, {
      merchantId: actor.merchantId,
      offerId,
      signatureName: name.data,
      actor: base.actor,
      ip: base.ip,
    });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This offer does not exist.");
    if (!outcome.ok)
      return data(
        {
          form: "offer" as const,
          error: outcome.message ?? "This offer can no longer be accepted.",
          result: null,
          offerId,
        },
        { status: 409 },
      );
    return redirectWithToast(self, {
      kind: "success",
      title: "Offer accepted",
      description: "The lender will send the money and record it here; every other offer was declined.",
    });
  }
  if (intent === "withdraw") {
    const outcome = await withdrawApplication(prisma, base);
    if (!outcome.ok && outcome.reason === "not-found") notFound("This application does not exist.");
    if (!outcome.ok)
      return data(
        {
          form: "withdraw" as const,
          error: "An application with an accepted offer can no longer be withdrawn.",
          result: null,
        },
        { status: 409 },
      );
    return redirectWithToast(self, {
      kind: "success",
      title: "Application withdrawn",
      description: "The lenders were told; nothing more is shared with them.",
    });
  }
  if (intent === "submit") {
    if (formData.get("confirm") !== "on") {
      return data(
        { form: "submit" as const, error: "Tick the box to confirm before sending.", result: null },
        { status: 400 },
      );
    }
    try {
      const outcome = await submitApplication(prisma, base);
      switch (outcome.status) {
        case "not-found":
          notFound("This application does not exist.");
          break;
        case "not-scoreable":
          return data(
            { form: "submit" as const, error: `It cannot be sent yet: ${outcome.reason}`, result: null },
            { status: 409 },
          );
        case "already-submitted":
          return redirectWithToast(self, {
            kind: "info",
            title: "Already sent",
            description: "This application was sent once; it is not sent again.",
          });
        case "declined":
          return redirectWithToast(self, {
            kind: "info",
            title: "No lender could consider it",
            description: "See the notice below for the reasons.",
          });
        case "submitted":
          return redirectWithToast(self, {
            kind: "success",
            title: "Application sent",
            description: `${outcome.referrals} lender product${outcome.referrals === 1 ? "" : "s"} will review it.`,
          });
      }
    } catch (error) {
      if (error instanceof MissingFxRateError) {
        return data(
          {
            form: "submit" as const,
            error: `An order is in ${error.currency}, which has no exchange rate on file.`,
            result: null,
          },
          { status: 409 },
        );
      }
      throw error;
    }
  }
  // What is left is editing the draft: only a draft can be edited.
  const current = await prisma.application.findFirst({
    where: { id: applicationId, merchantId: actor.merchantId },
    select: { status: true },
  });
  if (!current) notFound("This application does not exist.");
  if (current.status !== "DRAFT")
    return data(
      {
        form: "edit" as const,
        error: "This application has been sent, so it can no longer be changed.",
        result: null,
      },
      { status: 409 },
    );
  const submission = parseWithZod(formData, { schema: ApplicationSchema });
  if (submission.status !== "success")
    return data(
      { form: "edit" as const, error: null, result: submission.reply() },
      { status: replyStatus(submission) },
    );
  try {
    if (!(await updateDraft(prisma, { ...base, application: submission.value })))
      notFound("This application does not exist.");
  } catch (error) {
    if (error instanceof ApplicationInputError) {
      return data(
        {
          form: "edit" as const,
          error: null,
          result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }),
        },
        { status: 400 },
      );
    }
    if (error instanceof TransitionError) {
      return data(
        {
          form: "edit" as const,
          error: null,
          result: submission.reply({
            formErrors: ["This application was already sent and can no longer be edited."],
          }),
        },
        { status: 409 },
      );
    }
    throw error;
  }
  return redirectWithToast(self, { kind: "success", title: "Draft saved" });
}

const day = (value: string | Date | null) =>
  value ? new Date(value).toISOString().replace("T", " ").slice(0, 16) : "";

export default function ApplicationPage() {
  const { application, orders, review, problem, offers, timeline } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const status = application.status as ApplicationStatus;
  const notice = application.adverseActionNotices[0];
  // An answer for a form the page no longer shows (the application moved on meanwhile, e.g. in
  // another tab) is shown at the top instead, so it is never lost.
  const formShown = (() => {
    if (!actionData) return true;
    switch (actionData.form) {
      case "submit":
      case "edit":
        return status === "DRAFT";
      case "withdraw":
        return WITHDRAWABLE.includes(status);
      case "info":
        return application.referrals.some((r) =>
          r.infoRequests.some(
            (q) => q.status === "OPEN" && "infoRequestId" in actionData && q.id === actionData.infoRequestId,
          ),
        );
      case "offer":
        return (
          status === "OFFERED" &&
          offers.some((o) => o.status === "PENDING" && "offerId" in actionData && o.id === actionData.offerId)
        );
      default:
        return true;
    }
  })();
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/merchant/applications">← Applications</Link>
          </p>
          <h1>{`Application for ${formatMoney(application.requestedAmountCents, "USD", { whole: true })}`}</h1>
          <p>{`${APPLICATION_STATUS_LABELS[status] ?? status} · ${application.tenorDays} days · ${application.productTypeWanted === "ANY" ? "any kind of financing" : (PRODUCT_TYPE_LABELS[application.productTypeWanted as ProductType] ?? application.productTypeWanted)}`}</p>
        </div>
      </div>

      {!formShown && actionData?.error ? <FormAlert errors={[actionData.error]} /> : null}

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">What you asked for</h2>
        <dl className="details">
          <dt>Purpose</dt>
          <dd>{application.purpose}</dd>
          <dt>Orders financed</dt>
          <dd>
            {application.orders.length === 0
              ? "none"
              : application.orders
                  .map(
                    (o) =>
                      `${o.poNumber} (${o.buyerName}, ${countryName(o.buyerCountry)}, ${formatMoney(BigInt(o.amountCents), o.currency)})`,
                  )
                  .join("; ")}
          </dd>
          {application.submittedAt ? (
            <>
              <dt>Sent</dt>
              <dd>{`${day(application.submittedAt)} UTC${application.scoreReport ? ` with a frozen score of ${application.scoreReport.score} (grade ${application.scoreReport.grade})` : ""}`}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {status === "DRAFT" ? (
        <div className="grid grid-2">
          <section className="card" aria-labelledby="review-title">
            <h2 id="review-title">Step 2 of 2: review and send</h2>
            {problem ? <p className="alert alert-error">{problem}</p> : null}
            {review ? (
              <>
                <ScoreCard summary={review.summary} />
                {review.reasons.length > 0 ? (
                  <>
                    <h3>What holds the score back</h3>
                    <ol className="reasons">
                      {review.reasons.map((r) => (
                        <li key={r.code}>{r.text}</li>
                      ))}
                    </ol>
                  </>
                ) : null}
                <p className="big-number">{`${review.partners} lending partner${review.partners === 1 ? "" : "s"} would consider it.`}</p>
              </>
            ) : null}
            <Form method="post">
              {actionData?.form === "submit" && actionData.error ? (
                <FormAlert errors={[actionData.error]} />
              ) : null}
              <CheckboxField
                label="The information is accurate, and I authorise TradeLift to share this application, my score and its evidence with the lenders it matches."
                inputProps={{ name: "confirm", required: true }}
              />
              <div className="button-row">
                <SubmitButton
                  name="intent"
                  value="submit"
                  pendingLabel="Sending…"
                  disabled={review !== null && !review.summary.scoreable}
                >
                  Send to lenders
                </SubmitButton>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">Change the draft</h2>
            <ApplicationForm
              id="edit-application"
              intent="save"
              orders={orders}
              lastResult={actionData?.form === "edit" ? (actionData.result ?? undefined) : undefined}
              defaultValue={{
                amount: (application.requestedAmountCents / 100).toFixed(2),
                purpose: application.purpose,
                productTypeWanted: application.productTypeWanted,
                tenorDays: String(application.tenorDays),
                orderIds: application.orders.map((o) => o.id),
              }}
              submitLabel="Save draft"
            />
          </section>
        </div>
      ) : null}

      {application.referrals.some((r) => r.infoRequests.some((q) => q.status === "OPEN")) ? (
        <section className="card" aria-labelledby="questions-title">
          <h2 id="questions-title">Lenders' questions</h2>
          {application.referrals.flatMap((r) =>
            r.infoRequests
              .filter((q) => q.status === "OPEN")
              .map((q) => (
                <Form method="post" encType="multipart/form-data" key={q.id} className="owner-row">
                  <p>
                    <strong>{r.lenderOrg.name}</strong>
                    {`: ${q.question ?? ""}${q.documentType ? ` (document: ${DOCUMENT_TYPES[q.documentType as keyof typeof DOCUMENT_TYPES] ?? q.documentType})` : ""}`}
                  </p>
                  {actionData?.form === "info" &&
                  "infoRequestId" in actionData &&
                  actionData.infoRequestId === q.id &&
                  actionData.error ? (
                    <FormAlert errors={[actionData.error]} />
                  ) : null}
                  <input type="hidden" name="infoRequestId" value={q.id} />
                  <div className="field">
                    <label htmlFor={`answer-${q.id}`}>Your answer</label>
                    <textarea id={`answer-${q.id}`} name="responseText" maxLength={2000} />
                  </div>
                  <div className="field">
                    <label htmlFor={`document-${q.id}`}>Document (PDF, PNG, JPEG or CSV, up to 10 MB)</label>
                    <input
                      id={`document-${q.id}`}
                      name="document"
                      type="file"
                      accept=".pdf,.png,.jpg,.jpeg,.csv,application/pdf,image/png,image/jpeg,text/csv"
                    />
                  </div>
                  <SubmitButton name="intent" value="answer-info" pendingLabel="Sending…">
                    Send answer
                  </SubmitButton>
                </Form>
              )),
          )}
        </section>
      ) : null}

      {offers.length > 0 ? (
        <section className="card" aria-labelledby="offers-title">
          <h2 id="offers-title">Offers, cheapest first</h2>
          <p className="muted small">
            Sorted by estimated APR, whatever the kind of financing, so that costs compare.
          </p>
          <div className="grid grid-2">
            {offers.map((offer) => (
              <article className="card offer-card" key={offer.id} aria-labelledby={`offer-${offer.id}`}>
                <h3
                  id={`offer-${offer.id}`}
                >{`${offer.lenderOrg.name}: ${PRODUCT_TYPE_LABELS[offer.productType as ProductType] ?? offer.productType}`}</h3>
                <p>
                  <span className="badge">{offer.status.toLowerCase()}</span>
                  {offer.status === "PENDING" ? (
                    <span className="muted small">{` open until ${day(offer.expiresAt)} UTC`}</span>
                  ) : null}
                  {offer.signatureName ? (
                    <span className="muted small">{` signed by ${offer.signatureName} on ${day(offer.acceptedAt)} UTC`}</span>
                  ) : null}
                </p>
                <DisclosureTable disclosure={offer} />
                {offer.status === "PENDING" && status === "OFFERED" ? (
                  <>
                    {actionData?.form === "offer" &&
                    "offerId" in actionData &&
                    actionData.offerId === offer.id &&
                    actionData.error ? (
                      <FormAlert errors={[actionData.error]} />
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="offerId" value={offer.id} />
                      <div className="field">
                        <label htmlFor={`sign-${offer.id}`}>Type your full name to sign</label>
                        <input
                          id={`sign-${offer.id}`}
                          name="signatureName"
                          type="text"
                          autoComplete="name"
                          required
                        />
                      </div>
                      <CheckboxField
                        label="I agree to this offer and its terms on behalf of the business."
                        inputProps={{ name: "consent", required: true, id: `consent-${offer.id}` }}
                      />
                      <div className="button-row">
                        <SubmitButton name="intent" value="accept-offer" pendingLabel="Accepting…">
                          Accept this offer
                        </SubmitButton>
                      </div>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="offerId" value={offer.id} />
                      <SubmitButton
                        name="intent"
                        value="decline-offer"
                        className="button-ghost"
                        pendingLabel="Declining…"
                      >
                        Decline
                      </SubmitButton>
                    </Form>
                  </>
                ) : null}
              </article>
            ))}
          </div>
        </section>
      ) : null}

      {notice ? (
        <section className="card" aria-labelledby="notice-title">
          <h2 id="notice-title">Notice of action taken</h2>
          <p>{`On ${day(notice.sentAt)} UTC your application ${declineOutcome(JSON.parse(notice.creditorsJson) as string[])} The principal reasons:`}</p>
          <ol className="reasons">
            {(JSON.parse(notice.reasonsJson) as string[]).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ol>
          <p className="muted small">{`${ECOA_STATEMENT} This notice was also e-mailed to you.`}</p>
        </section>
      ) : null}

      {application.referrals.length > 0 ? (
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Lenders reviewing it</h2>
          <ul className="checklist">
            {application.referrals.map((r) => (
              <li key={r.id}>
                <span>
                  <strong>{r.lenderOrg.name}</strong>
                  {` — ${PRODUCT_TYPE_LABELS[r.product.type as ProductType] ?? r.product.type}: ${REFERRAL_LABELS[r.status] ?? r.status}`}
                  <span className="muted small">{` (sent ${day(r.createdAt)}${r.reviewStartedAt ? `, review started ${day(r.reviewStartedAt)}` : ""})`}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {timeline.length > 1 ? (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">Timeline</h2>
          <ol className="timeline">
            {timeline.map((event) => (
              <li key={`${event.at}-${event.text}`}>
                <time dateTime={event.at}>{`${event.at.replace("T", " ").slice(0, 16)} UTC`}</time>
                <span>{event.text}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {WITHDRAWABLE.includes(status) ? (
        <section className="card" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{status === "DRAFT" ? "Discard the draft" : "Withdraw"}</h2>
          {actionData?.form === "withdraw" && actionData.error ? (
            <FormAlert errors={[actionData.error]} />
          ) : null}
          <Form method="post">
            <SubmitButton
              name="intent"
              value="withdraw"
              className="button-secondary"
              pendingLabel="Withdrawing…"
            >
              {status === "DRAFT" ? "Discard draft" : "Withdraw application"}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
