import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BarChart } from "~/components/charts/bar-chart";
import { DisclosureTable } from "~/components/disclosure-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TableScroll } from "~/components/ui/table-scroll";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney, parseAmountToMinor } from "~/domain/money";
import { isFeePriced, OfferSchema, offerDisclosure } from "~/domain/offers/offer";
import { recordFunding } from "~/domain/offers/offers.server";
import {
  INCOTERM_LABELS,
  type Incoterm,
  PAYMENT_TERM_LABELS,
  type PaymentTerm,
  parseDate,
} from "~/domain/orders/orders";
import { countryName, pricingOecdCategory } from "~/domain/reference/countries";
import { DECLINE_REASON_CODES, DECLINE_REASONS } from "~/domain/referrals/decline-reasons";
import { DOCUMENT_TYPES } from "~/domain/referrals/documents";
import {
  addNote,
  assignReferral,
  bankEvidenceForReferral,
  declineReferral,
  getReferralForLender,
  makeOffer,
  requestInformation,
  startReview,
} from "~/domain/referrals/referrals.server";
import { freeText } from "~/domain/text";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Review — TradeLift" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const referral = await getReferralForLender(prisma, actor.lenderOrgId, params.referralId ?? "");
  if (!referral) notFound("This application was not referred to you.");
  const evidence = await bankEvidenceForReferral(prisma, actor.lenderOrgId, referral.id);
  const members = await prisma.lenderMember.findMany({
    where: { lenderOrgId: actor.lenderOrgId, deactivatedAt: null },
    select: { userId: true, user: { select: { name: true } } },
  });
  const report = referral.application.scoreReport;
  return {
    evidence,
    team: {
      members: members.map((m) => ({ id: m.userId, name: m.user.name })),
      canAssignOthers: actor.lenderRole === "ADMIN",
      selfId: actor.id,
    },
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

const InfoRequestSchema = z
  .object({
    intent: z.literal("request-info"),
    question: z
      .string()
      .trim()
      .max(1000, "Use at most 1,000 characters.")
      .refine((v) => !/[<>]/.test(v), "Remove the < and > characters.")
      .optional(),
    documentType: z.enum(Object.keys(DOCUMENT_TYPES) as [string, ...string[]]).optional(),
  })
  .refine((r) => Boolean(r.question) || Boolean(r.documentType), {
    message: "Ask a question, ask for a document, or both.",
    path: ["question"],
  });

const NoteSchema = z.object({ intent: z.literal("note"), body: freeText("the note", 2000) });
const DeclineSchema = z.object({
  intent: z.literal("decline"),
  reasons: z
    .array(z.enum(DECLINE_REASON_CODES as [string, ...string[]]), { error: "Choose at least one reason." })
    .min(1, "Choose at least one reason.")
    .max(4, "Choose at most four reasons."),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireLender(request);
  const referralId = params.referralId ?? "";
  const formData = await formDataOf(request);
  const base = {
    lenderOrgId: actor.lenderOrgId,
    referralId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const self = `/lender/referrals/${referralId}`;
  const intent = singleValue(formData, "intent");
  const answer = (
    outcome: Awaited<ReturnType<typeof startReview>>,
    form: string,
    title: string,
    result?: SubmissionResult<string[]>,
  ) => {
    if (outcome.ok) return redirectWithToast(self, { kind: "success", title });
    if (outcome.reason === "not-found") notFound("This application was not referred to you.");
    return data({ form, result: result ?? null, error: outcome.message }, { status: 409 });
  };
  if (intent === "start") return answer(await startReview(prisma, base), "start", "Review started");
  if (intent === "assign") {
    const assigneeId = String(formData.get("assigneeId") ?? "");
    return answer(
      await assignReferral(prisma, { ...base, assigneeId, actorLenderRole: actor.lenderRole }),
      "assign",
      "Assigned",
    );
  }
  if (intent === "request-info") {
    const submission = parseWithZod(formData, { schema: InfoRequestSchema });
    if (submission.status !== "success")
      return data(
        { form: "info", result: submission.reply(), error: null },
        { status: replyStatus(submission) },
      );
    return answer(
      await requestInformation(prisma, {
        ...base,
        question: submission.value.question ?? null,
        documentType: submission.value.documentType ?? null,
      }),
      "info",
      "Request sent to the merchant",
    );
  }
  if (intent === "fund") {
    const amount = parseAmountToMinor(String(formData.get("amount") ?? ""), "USD");
    const fundedOn = parseDate(String(formData.get("fundedOn") ?? ""));
    const reference = String(formData.get("reference") ?? "").trim();
    if (
      amount === null ||
      amount <= 0n ||
      amount > 2_000_000_000n ||
      !fundedOn ||
      fundedOn.getTime() > Date.now() ||
      !/^[A-Za-z0-9][A-Za-z0-9 ./_#-]{2,59}$/.test(reference)
    ) {
      return data(
        {
          form: "fund",
          result: null,
          error:
            "Enter the amount sent, the date it was sent (not in the future) and the payment reference (3–60 letters, digits, . / _ # -).",
        },
        { status: 400 },
      );
    }
    const outcome = await recordFunding(prisma, {
      lenderOrgId: actor.lenderOrgId,
      offerId: String(formData.get("offerId") ?? ""),
      fundedOn,
      amountCents: Number(amount),
      reference,
      actor: base.actor,
      ip: base.ip,
    });
    if (!outcome.ok && outcome.reason === "not-found") notFound("This offer is not yours.");
    if (!outcome.ok)
      return data(
        { form: "fund", result: null, error: outcome.message ?? "This offer cannot be funded." },
        { status: 409 },
      );
    return redirectWithToast(self, {
      kind: "success",
      title: "Funding recorded",
      description: "The application is funded.",
    });
  }
  if (intent === "note") {
    const submission = parseWithZod(formData, { schema: NoteSchema });
    if (submission.status !== "success")
      return data(
        { form: "note", result: submission.reply(), error: null },
        { status: replyStatus(submission) },
      );
    return answer(await addNote(prisma, { ...base, body: submission.value.body }), "note", "Note added");
  }
  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: DeclineSchema });
    if (submission.status !== "success")
      return data(
        { form: "decline", result: submission.reply(), error: null },
        { status: replyStatus(submission) },
      );
    return answer(
      await declineReferral(prisma, { ...base, reasons: submission.value.reasons as never }),
      "decline",
      "Declined",
      submission.reply(),
    );
  }
  if (intent !== "offer")
    return data(
      {
        form: "page",
        result: null,
        error: "That is not something this page can do. Reload it and try again.",
      },
      { status: 400 },
    );
  const submission = parseWithZod(formData, { schema: OfferSchema });
  if (submission.status !== "success")
    return data(
      { form: "offer", result: submission.reply(), error: null },
      { status: replyStatus(submission) },
    );
  return answer(
    await makeOffer(prisma, { ...base, offer: submission.value }),
    "offer",
    "Offer sent to the merchant",
    submission.reply(),
  );
}

function OfferForm({
  productType,
  requestedCents,
  tenorDays,
  lastResult,
}: {
  productType: string;
  requestedCents: number;
  tenorDays: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: "offer",
    lastResult,
    defaultValue: {
      productType,
      amount: (requestedCents / 100).toFixed(2),
      advanceRate: "85",
      termDays: String(tenorDays),
      paymentFrequency: "MONTHLY",
      paymentCount: "12",
      expiresInDays: "14",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const values = new URLSearchParams(
    Object.entries(form.value ?? {}).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  values.set("productType", productType);
  const preview = parseWithZod(values, { schema: OfferSchema });
  const fee = isFeePriced(productType);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="offer" />
      <input type="hidden" name="productType" value={productType} />
      <div className="field-row">
        <Field
          label="Amount (USD)"
          hint={fee ? "Face value of the order or invoice financed." : "Amount of the loan or line."}
          errors={fields.amount.errors}
          inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
        />
        <Field
          label="Advance rate (%)"
          errors={fields.advanceRate.errors}
          inputProps={{ ...getInputProps(fields.advanceRate, { type: "text" }), inputMode: "decimal" }}
        />
      </div>
      <Field
        label="Why more than asked (only if the amount is above the request)"
        errors={fields.amountAboveRequestReason.errors}
        inputProps={getInputProps(fields.amountAboveRequestReason, { type: "text" })}
      />
      {fee ? (
        <div className="field-row">
          <Field
            label="Fee per 30 days (%)"
            errors={fields.feePer30Days.errors}
            inputProps={{ ...getInputProps(fields.feePer30Days, { type: "text" }), inputMode: "decimal" }}
          />
          <Field
            label="Days until the buyer pays"
            errors={fields.termDays.errors}
            inputProps={{ ...getInputProps(fields.termDays, { type: "text" }), inputMode: "numeric" }}
          />
        </div>
      ) : (
        <div className="field-row">
          <Field
            label="Interest rate (% a year)"
            errors={fields.interestRate.errors}
            inputProps={{ ...getInputProps(fields.interestRate, { type: "text" }), inputMode: "decimal" }}
          />
          <SelectField
            label="Payments"
            options={[
              { value: "MONTHLY", label: "Monthly" },
              { value: "BIWEEKLY", label: "Every two weeks" },
              { value: "WEEKLY", label: "Weekly" },
            ]}
            errors={fields.paymentFrequency.errors}
            selectProps={getSelectProps(fields.paymentFrequency)}
          />
          <Field
            label="Number of payments"
            errors={fields.paymentCount.errors}
            inputProps={{ ...getInputProps(fields.paymentCount, { type: "text" }), inputMode: "numeric" }}
          />
        </div>
      )}
      <Field
        label="The offer stands for (days)"
        errors={fields.expiresInDays.errors}
        inputProps={{ ...getInputProps(fields.expiresInDays, { type: "text" }), inputMode: "numeric" }}
      />
      <h3>What the merchant will see</h3>
      {preview.status === "success" ? (
        <DisclosureTable disclosure={offerDisclosure(preview.value)} />
      ) : (
        <p className="muted small">Complete the terms to see the disclosure.</p>
      )}
      <SubmitButton pendingLabel="Sending…">Send the offer</SubmitButton>
    </Form>
  );
}

const day = (value: string | Date | null) => (value ? new Date(value).toISOString().slice(0, 10) : "—");

export default function Review() {
  const { referral, report, team, evidence } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const app = referral.application;
  const m = app.merchant;
  const resultFor = (form: string) =>
    actionData?.form === form ? (actionData.result ?? undefined) : undefined;
  const errorFor = (form: string) =>
    actionData?.form === form && actionData.error ? [actionData.error] : null;
  const [infoForm, infoFields] = useForm({
    id: "info",
    lastResult: resultFor("info"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InfoRequestSchema }),
  });
  const [noteForm, noteFields] = useForm({
    id: "note",
    lastResult: resultFor("note"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  const [declineForm, declineFields] = useForm({
    id: "decline",
    lastResult: resultFor("decline"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclineSchema }),
  });
  const open = ["IN_REVIEW", "INFO_REQUESTED"].includes(referral.status);
  // Which forms this page shows now: an answer for one it no longer shows (the referral moved on
  // meanwhile, perhaps by a colleague) is shown at the top, so it is never lost.
  const shown: Record<string, boolean> = {
    start: referral.status === "NEW",
    assign: true,
    note: true,
    info: referral.status === "IN_REVIEW",
    offer: open,
    decline: open,
    fund: app.status === "ACCEPTED" && referral.offers.some((o) => o.status === "ACCEPTED"),
    page: false,
  };
  const orphanError = actionData?.error && !shown[actionData.form] ? actionData.error : null;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/lender">← Review queue</Link>
          </p>
          <h1>{`${m.dbaName ?? m.legalName}: ${formatMoney(app.requestedAmountCents, "USD", { whole: true })}`}</h1>
          <p>{`${referral.product.name} · referral ${referral.status.toLowerCase().replaceAll("_", " ")} · received ${day(referral.createdAt)}${referral.assignee ? ` · ${referral.assignee.name}` : ""}`}</p>
        </div>
        {referral.status === "NEW" ? (
          <Form method="post">
            <FormAlert errors={errorFor("start")} />
            <SubmitButton name="intent" value="start" pendingLabel="Starting…">
              Start review
            </SubmitButton>
          </Form>
        ) : null}
      </div>
      {orphanError ? <FormAlert errors={[orphanError]} /> : null}

      <Form method="post" className="card filter-bar" aria-label="Assign">
        <FormAlert errors={errorFor("assign")} />
        <div className="field">
          <label htmlFor="assignee">Assigned to</label>
          <select id="assignee" name="assigneeId" defaultValue={team.selfId}>
            {team.members
              .filter((m) => team.canAssignOthers || m.id === team.selfId)
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
          </select>
        </div>
        <SubmitButton name="intent" value="assign" className="button-secondary" pendingLabel="Assigning…">
          Assign
        </SubmitButton>
      </Form>
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

      {open ? (
        <div className="grid grid-2">
          <section className="card" aria-labelledby="offer-title">
            <h2 id="offer-title">Make an offer</h2>
            <FormAlert errors={errorFor("offer")} />
            <OfferForm
              productType={referral.product.type}
              requestedCents={app.requestedAmountCents}
              tenorDays={app.tenorDays}
              lastResult={resultFor("offer")}
            />
          </section>
          <section className="card" aria-labelledby="decline-title">
            <h2 id="decline-title">Decline</h2>
            <Form method="post" {...getFormProps(declineForm)}>
              <FormAlert
                id={declineForm.errorId}
                errors={[...(declineForm.errors ?? []), ...(errorFor("decline") ?? [])]}
              />
              <input type="hidden" name="intent" value="decline" />
              <fieldset>
                <legend>Principal reasons (they go into the merchant's adverse-action notice)</legend>
                {DECLINE_REASON_CODES.map((code) => (
                  <label className="choice" key={code}>
                    <input type="checkbox" name="reasons" value={code} />
                    <span>{DECLINE_REASONS[code]}</span>
                  </label>
                ))}
                <ErrorList id={declineFields.reasons.errorId} errors={declineFields.reasons.errors} />
              </fieldset>
              <SubmitButton className="button-danger" pendingLabel="Declining…">
                Decline
              </SubmitButton>
            </Form>
          </section>
        </div>
      ) : null}

      {referral.offers.length > 0 ? (
        <section className="card" aria-labelledby="offers-title">
          <h2 id="offers-title">Your offers</h2>
          <ul className="checklist">
            {referral.offers.map((o) => (
              <li
                key={o.id}
              >{`${formatMoney(o.fundsProvidedCents)} provided · ${(o.estimatedAprBps / 100).toFixed(2)}% APR · ${o.status.toLowerCase()} · expires ${day(o.expiresAt)}`}</li>
            ))}
          </ul>
          {referral.offers
            .filter((o) => o.status === "ACCEPTED" && app.status === "ACCEPTED")
            .map((o) => (
              <Form method="post" key={o.id}>
                <h3>Record funding</h3>
                <FormAlert errors={errorFor("fund")} />
                <input type="hidden" name="offerId" value={o.id} />
                <div className="field-row">
                  <div className="field">
                    <label htmlFor="fund-amount">Amount sent (USD)</label>
                    <input
                      id="fund-amount"
                      name="amount"
                      type="text"
                      inputMode="decimal"
                      defaultValue={(o.fundsProvidedCents / 100).toFixed(2)}
                      required
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="fund-date">Date sent</label>
                    <input id="fund-date" name="fundedOn" type="date" required />
                  </div>
                  <div className="field">
                    <label htmlFor="fund-reference">Payment reference</label>
                    <input id="fund-reference" name="reference" type="text" required />
                  </div>
                </div>
                <SubmitButton name="intent" value="fund" pendingLabel="Saving…">
                  Record funding
                </SubmitButton>
              </Form>
            ))}
        </section>
      ) : null}

      <section className="card" aria-labelledby="info-title">
        <h2 id="info-title">Requests for information</h2>
        {referral.infoRequests.length === 0 ? <p className="muted">None yet.</p> : null}
        <ul className="checklist">
          {referral.infoRequests.map((r) => (
            <li key={r.id}>
              <span>
                {`${day(r.createdAt)}: ${r.question ?? ""}${r.documentType ? ` [${DOCUMENT_TYPES[r.documentType as keyof typeof DOCUMENT_TYPES] ?? r.documentType}]` : ""} — ${r.status.toLowerCase()}`}
                {r.responseText ? <span className="muted small">{` Answer: ${r.responseText}`}</span> : null}
                {r.documents.map((d) => (
                  <span key={d.id}>
                    {" "}
                    <a
                      href={`/lender/documents/${d.id}`}
                    >{`${d.fileName} (${Math.ceil(d.sizeBytes / 1024)} KB)`}</a>
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
        {referral.status === "IN_REVIEW" ? (
          <Form method="post" {...getFormProps(infoForm)}>
            <FormAlert
              id={infoForm.errorId}
              errors={[...(infoForm.errors ?? []), ...(errorFor("info") ?? [])]}
            />
            <input type="hidden" name="intent" value="request-info" />
            <TextareaField
              label="Question (optional)"
              errors={infoFields.question.errors}
              textareaProps={getTextareaProps(infoFields.question)}
            />
            <SelectField
              label="Document needed (optional)"
              placeholder="None"
              options={Object.entries(DOCUMENT_TYPES).map(([value, label]) => ({ value, label }))}
              errors={infoFields.documentType.errors}
              selectProps={getSelectProps(infoFields.documentType)}
            />
            <SubmitButton pendingLabel="Sending…">Ask the merchant</SubmitButton>
          </Form>
        ) : null}
      </section>

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

      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title">Internal notes</h2>
        <p className="muted small">Seen only by your organisation.</p>
        <ul className="checklist">
          {referral.notes.map((n) => (
            <li key={n.id}>{`${day(n.createdAt)} · ${n.author.name}: ${n.body}`}</li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(noteForm)}>
          <FormAlert id={noteForm.errorId} errors={noteForm.errors} />
          <input type="hidden" name="intent" value="note" />
          <TextareaField
            label="Add a note"
            errors={noteFields.body.errors}
            textareaProps={getTextareaProps(noteFields.body)}
          />
          <SubmitButton pendingLabel="Saving…">Add note</SubmitButton>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
