import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts/bar-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LenderOffers } from "~/components/review/lender-offers";
import { AssignForm, Decision, InfoRequests, ReviewNotes } from "~/components/review/review-forms";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "~/domain/applications/workflow";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { OfferSchema } from "~/domain/offers/offer";
import { recordFunding } from "~/domain/offers/offers.server";
import {
  INCOTERM_LABELS,
  type Incoterm,
  PAYMENT_TERM_LABELS,
  type PaymentTerm,
} from "~/domain/orders/orders";
import { countryName, pricingOecdCategory } from "~/domain/reference/countries";
import {
  addNote,
  assignReferral,
  bankEvidenceForReferral,
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
  fundingSchema,
  InfoRequestSchema,
  NoteSchema,
  WithdrawOfferSchema,
} from "~/domain/referrals/review-forms";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { requireLender } from "~/utils/permissions.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Review — TradeLift" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const referral = await getReferralForLender(prisma, actor.lenderOrgId, params.referralId ?? "");
  if (!referral) notFound("This application was not referred to you.");
  const evidence = await bankEvidenceForReferral(prisma, actor.lenderOrgId, referral.id);
  const controls = await reviewControls(prisma, {
    lenderOrgId: actor.lenderOrgId,
    referralId: referral.id,
    lenderRole: actor.lenderRole,
    actorId: actor.id,
  });
  if (!controls) notFound("This application was not referred to you.");
  const report = referral.application.scoreReport;
  return {
    evidence,
    controls,
    referral: {
      ...referral,
      application: {
        ...referral.application,
        orders: referral.application.orders.map((o) => ({
          ...o.exportOrder,
          amountCents: o.exportOrder.amountCents.toString(),
        })),
        merchant: {
          ...referral.application.merchant,
          annualRevenueCents: referral.application.merchant.annualRevenueCents?.toString() ?? null,
        },
        scoreReport: null,
      },
    },
    report: report
      ? {
          score: report.score,
          grade: report.grade,
          asOf: report.asOfDate.toISOString().slice(0, 10),
          characteristics: (
            JSON.parse(report.pointsJson) as {
              characteristics: {
                code: string;
                name: string;
                value: number | null;
                points: number;
                maxPoints: number;
              }[];
            }
          ).characteristics,
          reasons: JSON.parse(report.reasonsJson) as { code: string; text: string }[],
          features: JSON.parse(report.featuresJson) as Record<string, unknown>,
          dataSummary: JSON.parse(report.dataSummaryJson) as Record<string, unknown>,
        }
      : null,
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
      const { question, documentType } = submission.value;
      return answer(
        await requestInformation(prisma, {
          ...base,
          question: question ?? null,
          documentType: documentType ?? null,
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
      const submission = parseWithZod(formData, { schema: fundingSchema(new Date()) });
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
  const { referral, report, controls, evidence } = useLoaderData<typeof loader>();
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
          <p>
            <Link to="/lender">← Review queue</Link>
          </p>
          <h1>{`${m.dbaName ?? m.legalName}: ${formatMoney(app.requestedAmountCents, "USD", { whole: true })}`}</h1>
          <p>{`${referral.product.name} · ${statusLabel.toLowerCase()} · received ${day(referral.createdAt)}${referral.assignee ? ` · ${referral.assignee.name}` : ""}`}</p>
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
            Your partnership with TradeLift is suspended: you can follow your live offers and deals and record
            the funding of accepted offers, but not start reviews, ask for information, decline, or make or
            withdraw offers.
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
      <div className="grid grid-2">
        <section className="card" aria-labelledby="request-title">
          <h2 id="request-title">The request</h2>
          <dl className="details">
            <dt>Amount</dt>
            <dd>{formatMoney(app.requestedAmountCents)}</dd>
            <dt>Kind</dt>
            <dd>
              {app.productTypeWanted === "ANY"
                ? "Any"
                : (PRODUCT_TYPE_LABELS[app.productTypeWanted as ProductType] ?? app.productTypeWanted)}
            </dd>
            <dt>Term</dt>
            <dd>{`${app.tenorDays} days`}</dd>
            <dt>Purpose</dt>
            <dd>{app.purpose}</dd>
            <dt>Submitted</dt>
            <dd>{day(app.submittedAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="score-title">
          <h2 id="score-title">Trade Readiness Score (frozen at submission)</h2>
          {report ? (
            <>
              <p className="big-number">{`${report.score} · grade ${report.grade}`}</p>
              <ol className="reasons">
                {report.reasons.map((r) => (
                  <li key={r.code}>{r.text}</li>
                ))}
              </ol>
            </>
          ) : (
            <p className="muted">No score report.</p>
          )}
        </section>
      </div>

      {report ? (
        <section className="card" aria-labelledby="characteristics-title">
          <h2 id="characteristics-title">Characteristics</h2>
          <TableScroll label="Score characteristics">
            <table>
              <thead>
                <tr>
                  <th scope="col">Characteristic</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col" className="num">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.characteristics.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">{c.name}</th>
                    <td className="num">
                      {c.value === null
                        ? "—"
                        : c.code === "R01"
                          ? formatMoney(Math.round(c.value), "USD", { whole: true })
                          : String(c.value)}
                    </td>
                    <td className="num">{`${c.points} / ${c.maxPoints}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      {evidence ? (
        <section className="card" aria-labelledby="bank-title">
          <h2 id="bank-title">{`Bank evidence up to ${evidence.asOf}`}</h2>
          <BarChart
            title="Monthly sales revenue from bank deposits"
            summary={`24 months up to ${evidence.asOf}.`}
            data={evidence.revenue.map((r) => ({ label: r.month, values: { bank: r.cents } }))}
            series={[{ key: "bank", label: "Bank deposits from sales", color: "#0b5fff" }]}
            formatValue={(cents) => formatMoney(Math.round(cents), "USD", { whole: true })}
            formatAxis={(cents) => `$${Math.round(cents / 100_000)}k`}
          />
          <div className="grid grid-2">
            <div>
              <h3>NSF and overdraft items, 90 days</h3>
              {evidence.nsfItems.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain-list">
                  {evidence.nsfItems.map((item) => (
                    <li
                      key={`${item.date}-${item.name}-${item.amountCents}`}
                    >{`${item.date} · ${item.name} · ${formatMoney(item.amountCents)}`}</li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3>Accounts (balances as last synced)</h3>
              <ul className="plain-list">
                {evidence.accounts.map((a) => (
                  <li
                    key={a.id}
                  >{`${a.name} ••${a.mask ?? ""} (${a.subtype ?? "account"}): ${a.currentBalanceCents === null ? "—" : formatMoney(a.currentBalanceCents, a.currency)}`}</li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="orders-title">
        <h2 id="orders-title">Orders financed</h2>
        {app.orders.length === 0 ? (
          <p className="muted">None: the request is not tied to specific orders.</p>
        ) : (
          <TableScroll label="Orders financed">
            <table>
              <thead>
                <tr>
                  <th scope="col">PO</th>
                  <th scope="col">Buyer</th>
                  <th scope="col">Country (OECD)</th>
                  <th scope="col">Terms</th>
                  <th scope="col">Incoterm</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {app.orders.map((o) => (
                  <tr key={o.poNumber}>
                    <td>{o.poNumber}</td>
                    <td>{o.buyerName}</td>
                    <td>{`${countryName(o.buyerCountry)} (${pricingOecdCategory(o.buyerCountry) ?? "unknown"})`}</td>
                    <td>{`${PAYMENT_TERM_LABELS[o.paymentTerm as PaymentTerm] ?? o.paymentTerm}${o.paymentTermDays ? `, ${o.paymentTermDays} days` : ""}`}</td>
                    <td>{INCOTERM_LABELS[o.incoterm as Incoterm] ?? o.incoterm}</td>
                    <td className="num">{formatMoney(BigInt(o.amountCents), o.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="card" aria-labelledby="business-title">
        <h2 id="business-title">The business</h2>
        <dl className="details">
          <dt>Legal name</dt>
          <dd>{`${m.legalName}${m.dbaName ? ` (${m.dbaName})` : ""}`}</dd>
          <dt>EIN</dt>
          <dd>{m.einLast4 ? `••-•••${m.einLast4}` : "—"}</dd>
          <dt>Entity, state, founded</dt>
          <dd>{`${m.entityType ?? "—"}, ${m.stateOfIncorporation ?? "—"}, ${m.yearFounded ?? "—"}`}</dd>
          <dt>Industry (NAICS)</dt>
          <dd>{m.naicsCode ?? "—"}</dd>
          <dt>Address</dt>
          <dd>{[m.addressLine1, m.city, m.addressState, m.postalCode].filter(Boolean).join(", ") || "—"}</dd>
          <dt>Employees, stated revenue</dt>
          <dd>{`${m.employees ?? "—"}, ${m.annualRevenueCents ? formatMoney(BigInt(m.annualRevenueCents), "USD", { whole: true }) : "—"}`}</dd>
          <dt>Beneficial owners</dt>
          <dd>
            {m.beneficialOwners.map((o) => `${o.name}, ${o.title} (${o.ownershipBps / 100}%)`).join("; ") ||
              "—"}
          </dd>
        </dl>
      </section>

      <Decision
        canOffer={actions.offer}
        canDecline={actions.decline}
        productType={referral.product.type}
        requestedCents={app.requestedAmountCents}
        tenorDays={app.tenorDays}
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

      {evidence && evidence.history.length > 0 ? (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <ul className="checklist">
            {evidence.history.map((e) => (
              <li
                key={e.id}
              >{`${new Date(e.at).toISOString().replace("T", " ").slice(0, 16)} UTC · ${e.action.replace("referral.", "").replaceAll("_", " ")} · ${e.by}`}</li>
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
