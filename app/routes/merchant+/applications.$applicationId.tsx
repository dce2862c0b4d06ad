import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ApplicationForm } from "~/components/application-form";
import {
  ApplicationHistory,
  ApplicationSummary,
  EndApplication,
  LenderQuestions,
} from "~/components/application-sections";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MerchantOfferCard } from "~/components/merchant-offer-card";
import { MissingForSubmission } from "~/components/missing-for-submission";
import { ScoreCard } from "~/components/score-card";
import { Section1071Link } from "~/components/section-1071-answers";
import { CheckboxField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { ApplicationSchema } from "~/domain/applications/application";
import {
  ApplicationInputError,
  submitApplication,
  updateDraft,
  withdrawApplication,
} from "~/domain/applications/applications.server";
import {
  answerWithUpload,
  loadMerchantApplicationPage,
  merchantApplicationStatus,
} from "~/domain/applications/merchant-page.server";
import { pickerParams } from "~/domain/applications/orders-for-form.server";
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  TransitionError,
  WITHDRAWABLE,
} from "~/domain/applications/workflow";
import { MissingFxRateError } from "~/domain/fx";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { AcceptOfferSchema, confirmed, DeclineOfferSchema } from "~/domain/offers/acceptance";
import { acceptOffer, declineOffer } from "~/domain/offers/offers.server";
import { MAX_DOCUMENT_BYTES } from "~/domain/referrals/documents";
import { HELD_FOR_REVIEW_TOAST } from "~/domain/sanctions/review";
import { prisma } from "~/utils/db.server";
import { readForm, replyStatus, UploadTooLargeError, withHiddenFieldErrors } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";
import { revalidateAfterConflict } from "~/web/revalidate";

export const meta: MetaFunction = () => [{ title: "Application — TradeLift" }];

const DISCARDED_NOTICE = "Draft discarded. No lender saw it, so no one was told.";

/** Applications the merchant may withdraw: sent, no offer accepted yet (a draft is discarded). */
const SENT_WITHDRAWABLE: readonly ApplicationStatus[] = WITHDRAWABLE.filter((status) => status !== "DRAFT");

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const EndApplicationSchema = /* @__PURE__ */ (() => z.object({ confirmed }))();

type Fields = Record<string, string[] | undefined>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const page = await loadMerchantApplicationPage(
    prisma,
    actor.merchantId,
    params.applicationId ?? "",
    pickerParams(new URL(request.url)),
  );
  if (!page) notFound("This application does not exist.");
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const applicationId = params.applicationId ?? "";
  // Another merchant's application is a 404 whatever the form says.
  const current = await merchantApplicationStatus(prisma, actor.merchantId, applicationId);
  if (!current) notFound("This application does not exist.");
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
  const fields = Object.fromEntries([...formData].filter(([, value]) => typeof value === "string"));
  if (intent === "answer-info") {
    const infoRequestId = String(formData.get("infoRequestId") ?? "");
    const file = formData.get("document");
    const outcome = await answerWithUpload(prisma, {
      ...base,
      infoRequestId,
      text: String(formData.get("responseText") ?? ""),
      file: file instanceof File ? file : null,
    });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This request does not exist.");
    if (!outcome.ok)
      return data(
        { form: "info" as const, error: outcome.message, result: null, infoRequestId },
        { status: outcome.reason === "invalid" ? 400 : 409 },
      );
    return redirectWithToast(self, {
      kind: "success",
      title: "Answer sent",
      description: "The lender is back to reviewing your application.",
    });
  }
  if (intent === "accept-offer" || intent === "decline-offer") {
    const offerId = String(formData.get("offerId") ?? "");
    const refused = (status: number, error: string | null, fieldErrors: Fields = {}) => {
      const shown = withHiddenFieldErrors(fieldErrors, ["offerId", "disclosureSha256", "confirmed"]);
      const body = {
        form: "offer" as const,
        error: error ?? shown.error,
        fields: shown.fields,
        result: null,
      };
      return data({ ...body, offerId }, { status });
    };
    if (intent === "decline-offer") {
      const parsed = DeclineOfferSchema.safeParse(fields);
      if (!parsed.success) return refused(400, null, z.flattenError(parsed.error).fieldErrors);
      const outcome = await declineOffer(prisma, { ...base, offerId: parsed.data.offerId });
      if (!outcome.ok && outcome.reason === "not-found") notFound("This offer does not exist.");
      if (!outcome.ok) return refused(409, outcome.message);
      return redirectWithToast(self, {
        kind: "success",
        title: "Offer declined",
        description: "The lender was told; it may make you another offer.",
      });
    }
    const parsed = AcceptOfferSchema.safeParse(fields);
    if (!parsed.success) return refused(400, null, z.flattenError(parsed.error).fieldErrors);
    const outcome = await acceptOffer(prisma, { ...base, ...parsed.data, consent: true });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This offer does not exist.");
    if (!outcome.ok && outcome.reason === "invalid")
      return refused(400, null, { [outcome.field]: [outcome.message] });
    if (!outcome.ok) return refused(409, outcome.message);
    return redirectWithToast(self, {
      kind: "success",
      title: "Offer accepted",
      description:
        "The lender will send the money and record it here; every other offer was declined and the other lenders were told.",
    });
  }
  if (intent === "withdraw" || intent === "discard") {
    const form = intent === "withdraw" ? ("withdraw" as const) : ("discard" as const);
    const parsed = EndApplicationSchema.safeParse(fields);
    if (!parsed.success)
      return data(
        { form, error: null, fields: z.flattenError(parsed.error).fieldErrors as Fields, result: null },
        { status: 400 },
      );
    const outcome = await withdrawApplication(prisma, { ...base, kind: form });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This application does not exist.");
    if (!outcome.ok) return data({ form, error: outcome.message, result: null }, { status: 409 });
    return outcome.ended === "DISCARDED"
      ? redirectWithToast(self, { kind: "success", title: "Draft discarded", description: DISCARDED_NOTICE })
      : redirectWithToast(self, {
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
        case "incomplete": {
          const list = outcome.missing.map((m) => m.message).join(" ");
          return data(
            { form: "submit" as const, error: `It cannot be sent yet. ${list}`, result: null },
            { status: 409 },
          );
        }
        case "not-scoreable":
          return data(
            { form: "submit" as const, error: `It cannot be sent yet: ${outcome.reason}`, result: null },
            { status: 409 },
          );
        case "order-unavailable":
          return data({ form: "submit" as const, error: outcome.message, result: null }, { status: 409 });
        case "already-submitted":
          return redirectWithToast(self, {
            kind: "info",
            title: "Already sent",
            description: "This application was sent once; it is not sent again.",
          });
        case "compliance-review":
          return redirectWithToast(self, HELD_FOR_REVIEW_TOAST);
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
        const message = `An order is in ${error.currency}, which has no exchange rate on file.`;
        return data({ form: "submit" as const, error: message, result: null }, { status: 409 });
      }
      throw error;
    }
  }
  // What is left is editing the draft: only a draft can be edited.
  if (current !== "DRAFT")
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
      const formErrors = ["This application was already sent and can no longer be edited."];
      return data(
        { form: "edit" as const, error: null, result: submission.reply({ formErrors }) },
        { status: 409 },
      );
    }
    throw error;
  }
  return redirectWithToast(self, { kind: "success", title: "Draft saved" });
}

export default function ApplicationPage() {
  const { application, picker, review, problem, offers, timeline, missing, emailDelivery } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const status = application.status as ApplicationStatus;
  // An answer for a form the page no longer shows (the application moved on meanwhile, e.g. in
  // another tab) is shown at the top instead, so it is never lost.
  const formShown = (() => {
    if (!actionData) return true;
    switch (actionData.form) {
      case "submit":
      case "edit":
        return status === "DRAFT";
      case "withdraw":
        return SENT_WITHDRAWABLE.includes(status);
      case "discard":
        return status === "DRAFT";
      case "info":
        return application.referrals.some((r) =>
          r.infoRequests.some(
            (q) => q.status === "OPEN" && "infoRequestId" in actionData && q.id === actionData.infoRequestId,
          ),
        );
      case "offer":
        return (
          status === "OFFERED" &&
          offers.some(
            (o) => o.effectiveStatus === "PENDING" && "offerId" in actionData && o.id === actionData.offerId,
          )
        );
      default:
        return true;
    }
  })();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="no-print">
            <Link to="/merchant/applications">← Applications</Link>
          </p>
          <h1>{`Application for ${formatMoney(application.requestedAmountCents, "USD", { whole: true })}`}</h1>
          <p>{`${APPLICATION_STATUS_LABELS[status] ?? status} · ${application.tenorDays} days · ${application.productTypeWanted === "ANY" ? "any kind of financing" : (PRODUCT_TYPE_LABELS[application.productTypeWanted as ProductType] ?? application.productTypeWanted)}`}</p>
        </div>
      </div>

      {!formShown && actionData ? (
        <FormAlert
          errors={[
            actionData.error,
            ...Object.values("fields" in actionData ? (actionData.fields as Fields) : {}).flat(),
          ].filter((e): e is string => Boolean(e))}
        />
      ) : null}

      <ApplicationSummary application={application} />
      <Section1071Link applicationId={application.id} status={status} />

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
            {missing.length > 0 ? (
              <MissingForSubmission missing={missing} />
            ) : (
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
            )}
          </section>
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">Change the draft</h2>
            <ApplicationForm
              id="edit-application"
              intent="save"
              picker={picker}
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

      <LenderQuestions
        referrals={application.referrals}
        answer={actionData?.form === "info" && "infoRequestId" in actionData ? actionData : undefined}
      />

      {status === "DISCARDED" ? (
        <section className="card" aria-labelledby="discarded-title">
          <h2 id="discarded-title">Discarded</h2>
          <p>{DISCARDED_NOTICE}</p>
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
              <MerchantOfferCard
                key={offer.id}
                offer={offer}
                answerable={status === "OFFERED"}
                answer={
                  actionData?.form === "offer" && "offerId" in actionData && actionData.offerId === offer.id
                    ? actionData
                    : undefined
                }
              />
            ))}
          </div>
        </section>
      ) : null}

      <ApplicationHistory
        notices={application.adverseActionNotices}
        noticeBase={`/merchant/applications/${application.id}/notices`}
        noticesEmailed={emailDelivery}
        referrals={application.referrals}
        timeline={timeline}
      />
      {status === "DRAFT" || SENT_WITHDRAWABLE.includes(status) ? (
        <EndApplication status={status} answer={actionData} />
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const shouldRevalidate = revalidateAfterConflict;
