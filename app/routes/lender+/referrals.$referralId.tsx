import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationPackageView } from "~/components/application-package";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LenderOffers } from "~/components/review/lender-offers";
import { AssignForm, Decision, InfoRequests, ReviewNotes } from "~/components/review/review-forms";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { packageForLender, referralHistory } from "~/domain/applications/package.server";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "~/domain/applications/workflow";
import { formatMoney } from "~/domain/money";
import { FundingSchema } from "~/domain/offers/funding";
import { buyerPaysInDays, OfferSchema } from "~/domain/offers/offer";
import { recordFunding } from "~/domain/offers/offers.server";
import {
  addNote,
  assignReferral,
  declineReferral,
  getReferralForLender,
  makeOffer,
  type ReviewOutcome,
  requestInformation,
  reviewControls,
  startReview,
  withdrawOffer,
} from "~/domain/referrals/referrals.server";
import {
  DeclineSchema,
  InfoRequestSchema,
  NoteSchema,
  WithdrawOfferSchema,
} from "~/domain/referrals/review-forms";
import { dealIdOfReferral } from "~/domain/servicing/servicing.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";
import { revalidateAfterConflict } from "~/web/revalidate";

export const meta: MetaFunction = () => [{ title: "Review — TradeLift" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const referral = await getReferralForLender(prisma, actor.lenderOrgId, params.referralId ?? "");
  if (!referral) notFound("This application was not referred to you.");
  // The lender decides on the package frozen at submission, never on the live rows.
  const [view, history, controls, dealId] = await Promise.all([
    packageForLender(prisma, actor.lenderOrgId, referral.id),
    referralHistory(prisma, referral.id),
    reviewControls(prisma, {
      lenderOrgId: actor.lenderOrgId,
      referralId: referral.id,
      lenderRole: actor.lenderRole,
      actorId: actor.id,
    }),
    dealIdOfReferral(prisma, actor.lenderOrgId, referral.id),
  ]);
  if (!controls) notFound("This application was not referred to you.");
  const frozen = view?.stored?.package ?? null;
  const { merchant, orders: _liveOrders, scoreReport: _liveReport, ...application } = referral.application;
  return {
    history,
    controls,
    dealId,
    pkg: view?.stored
      ? {
          pkg: view.stored.package,
          intact: view.stored.intact,
          sha256: view.stored.sha256,
          frozenAt: view.stored.frozenAt,
          changes: view.changes,
          documents: view.documents,
        }
      : null,
    referral: {
      ...referral,
      application: {
        ...application,
        merchant: frozen
          ? { legalName: frozen.profile.legalName, dbaName: frozen.profile.dbaName }
          : { legalName: merchant.legalName, dbaName: merchant.dbaName },
      },
    },
  };
}

type Submission = { reply: () => SubmissionResult<string[]>; status?: "success" | "error" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireLender(request);
  const referralId = params.referralId ?? "";
  const formData = await formDataOf(request);
  const base = {
    lenderOrgId: actor.lenderOrgId,
    referralId,
    lenderRole: actor.lenderRole,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const self = `/lender/referrals/${referralId}`;
  const answer = (
    outcome: ReviewOutcome,
    form: string,
    title: string,
    result?: SubmissionResult<string[]>,
  ) => {
    if (outcome.ok) return redirectWithToast(self, { kind: "success", title });
    if (outcome.reason === "not-found") notFound("This application was not referred to you.");
    return data({ form, result: result ?? null, error: outcome.message }, { status: 409 });
  };
  const invalid = (form: string, submission: Submission, error: string | null = null) =>
    data({ form, result: submission.reply(), error }, { status: replyStatus(submission as never) });
  switch (singleValue(formData, "intent")) {
    case "start":
      return answer(await startReview(prisma, base), "start", "Review started");
    case "assign": {
      const assigneeId = String(formData.get("assigneeId") ?? "");
      return answer(
        await assignReferral(prisma, { ...base, assigneeId, actorLenderRole: actor.lenderRole }),
        "assign",
        "Assigned",
      );
    }
    case "request-info": {
      const submission = parseWithZod(formData, { schema: InfoRequestSchema });
      if (submission.status !== "success") return invalid("info", submission);
      const { question, documentType, dueInBusinessDays } = submission.value;
      return answer(
        await requestInformation(prisma, {
          ...base,
          question: question ?? null,
          documentType: documentType ?? null,
          dueInBusinessDays,
        }),
        "info",
        "Request sent to the merchant",
      );
    }
    case "note": {
      const submission = parseWithZod(formData, { schema: NoteSchema });
      if (submission.status !== "success") return invalid("note", submission);
      return answer(await addNote(prisma, { ...base, body: submission.value.body }), "note", "Note added");
    }
    case "decline": {
      const submission = parseWithZod(formData, { schema: DeclineSchema });
      if (submission.status !== "success") return invalid("decline", submission);
      const reasons = submission.value.reasons as Parameters<typeof declineReferral>[1]["reasons"];
      return answer(
        await declineReferral(prisma, { ...base, reasons }),
        "decline",
        "Declined",
        submission.reply(),
      );
    }
    case "offer": {
      const submission = parseWithZod(formData, { schema: OfferSchema });
      if (submission.status !== "success") return invalid("offer", submission);
      return answer(
        await makeOffer(prisma, { ...base, offer: submission.value }),
        "offer",
        "Offer sent to the merchant",
        submission.reply(),
      );
    }
    case "withdraw-offer": {
      const submission = parseWithZod(formData, { schema: WithdrawOfferSchema });
      if (submission.status !== "success")
        return invalid("withdraw", submission, Object.values(submission.error ?? {}).flat()[0] ?? null);
      const { offerId, reason } = submission.value;
      return answer(await withdrawOffer(prisma, { ...base, offerId, reason }), "withdraw", "Offer withdrawn");
    }
    case "fund": {
      const submission = parseWithZod(formData, { schema: FundingSchema });
      if (submission.status !== "success")
        return invalid(
          "fund",
          submission,
          Object.values(submission.error ?? {})
            .flat()
            .join(" ") || null,
        );
      const { offerId, amount, fundedOn, reference } = submission.value;
      const outcome = await recordFunding(prisma, {
        ...base,
        offerId,
        amountCents: amount,
        fundedOn,
        reference,
      });
      if (!outcome.ok && outcome.reason === "not-found") notFound("This offer is not yours.");
      return answer(
        outcome.ok
          ? outcome
          : { ok: false, reason: "conflict", message: outcome.message ?? "This offer cannot be funded." },
        "fund",
        "Funding recorded",
      );
    }
    default:
      return data(
        {
          form: "page",
          result: null,
          error: "That is not something this page can do. Reload it and try again.",
        },
        { status: 400 },
      );
  }
}

const day = (value: string | Date | null) => (value ? new Date(value).toISOString().slice(0, 10) : "—");

export default function Review() {
  const { referral, pkg, controls, history, dealId } = useLoaderData<typeof loader>();
  const { actions, team } = controls;
  const actionData = useActionData<typeof action>();
  const app = referral.application;
  const m = app.merchant;
  const resultFor = (form: string) =>
    actionData?.form === form ? (actionData.result ?? undefined) : undefined;
  const errorFor = (form: string) =>
    actionData?.form === form && actionData.error ? [actionData.error] : null;
  // Which forms this page shows now (the actions the rules allow): an answer for one it no longer
  // shows (the referral moved on meanwhile, perhaps by a colleague) is shown at the top, so it is
  // never lost.
  const shown: Record<string, boolean> = {
    start: actions.start,
    assign: actions.assign,
    note: actions.note,
    info: actions["request-info"],
    offer: actions.offer,
    decline: actions.decline,
    withdraw: actions["withdraw-offer"],
    fund: actions.fund,
    page: false,
  };
  const orphanError = actionData?.error && !shown[actionData.form] ? actionData.error : null;
  const statusLabel = REFERRAL_STATUS_LABELS[referral.status as ReferralStatus] ?? referral.status;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="no-print">
            <Link to="/lender">← Review queue</Link>
          </p>
          <h1>{`${m.dbaName ?? m.legalName}: ${formatMoney(app.requestedAmountCents, "USD", { whole: true })}`}</h1>
          <p>{`${referral.product.name} · ${statusLabel.toLowerCase()} · received ${day(referral.createdAt)}${referral.assignee ? ` · ${referral.assignee.name}` : ""}`}</p>
          {dealId ? (
            <p>
              <Link to={`/lender/deals/${dealId}`}>The deal: schedule, payments and what is owed →</Link>
            </p>
          ) : null}
        </div>
        {actions.start ? (
          <Form method="post">
            <FormAlert errors={errorFor("start")} />
            <SubmitButton name="intent" value="start" pendingLabel="Starting…">
              Start review
            </SubmitButton>
          </Form>
        ) : null}
      </div>
      {controls.partnerStatus === "SUSPENDED" ? (
        <div className="alert alert-info">
          <p>
            Your partnership with TradeLift is suspended: you can follow your live offers and deals, withdraw
            a live offer and record the funding of accepted offers, but not start reviews, ask for
            information, decline or make offers.
          </p>
        </div>
      ) : null}
      {controls.ended ? (
        <div className="alert alert-info">
          <p>{controls.ended}</p>
        </div>
      ) : null}
      {orphanError ? <FormAlert errors={[orphanError]} /> : null}

      {actions.assign ? (
        <AssignForm members={team.members} selfId={team.selfId} error={errorFor("assign")} />
      ) : null}
      {pkg ? (
        <ApplicationPackageView
          pkg={pkg.pkg}
          intact={pkg.intact}
          sha256={pkg.sha256}
          frozenAt={pkg.frozenAt}
          changes={pkg.changes}
          documents={pkg.documents}
        />
      ) : (
        <p className="alert alert-info">
          No application package was frozen for this application, so there is nothing to review yet.
        </p>
      )}

      <Decision
        canOffer={actions.offer}
        canDecline={actions.decline}
        hold={controls.decisionHold}
        productType={referral.product.type}
        requestedCents={app.requestedAmountCents}
        tenorDays={app.tenorDays}
        buyerPaysInDays={pkg ? buyerPaysInDays(pkg.pkg.orders) : null}
        offerResult={resultFor("offer")}
        offerError={errorFor("offer")}
        declineResult={resultFor("decline")}
        declineError={errorFor("decline")}
      />

      <LenderOffers
        offers={controls.offers}
        canWithdraw={actions["withdraw-offer"]}
        canFund={actions.fund}
        withdrawError={errorFor("withdraw")}
        fundError={errorFor("fund")}
      />

      <InfoRequests
        requests={referral.infoRequests}
        canRequest={actions["request-info"]}
        lastResult={resultFor("info")}
        error={errorFor("info")}
      />

      {history.length > 0 ? (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <ul className="checklist">
            {history.map((e) => (
              <li key={e.id}>
                <When at={e.at} />
                {` · ${e.what} · ${e.by}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ReviewNotes
        notes={referral.notes}
        canAdd={actions.note}
        lastResult={resultFor("note")}
        error={errorFor("note")}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const shouldRevalidate = revalidateAfterConflict;
