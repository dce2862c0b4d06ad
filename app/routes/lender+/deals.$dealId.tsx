import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { DealStatusBadge, InstalmentTable, PaymentTable } from "~/components/deal-ledger";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { Field, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDay } from "~/domain/dates";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { ConfirmMatchSchema, PaymentSchema, WriteOffSchema } from "~/domain/servicing/forms";
import {
  confirmBankMatch,
  getDealForLender,
  recordPayment,
  type ServicingOutcome,
  writeOffDeal,
} from "~/domain/servicing/servicing.server";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus, singleValue } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireLender } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Deal — TradeLift" }];

const NOT_YOURS = "This deal is not one of yours.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireLender(request);
  const deal = await getDealForLender(prisma, actor.lenderOrgId, params.dealId ?? "");
  if (!deal) notFound(NOT_YOURS);
  return { deal, today: new Date().toISOString().slice(0, 10) };
}

// A suspended partner keeps servicing the deals it funded: the money is owed whatever the
// partnership's state (docs/design/servicing.md), so no partner-status check here.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireLender(request);
  const dealId = params.dealId ?? "";
  const formData = await formDataOf(request);
  const base = {
    lenderOrgId: actor.lenderOrgId,
    dealId,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  };
  const intent = singleValue(formData, "intent");
  const answer = (outcome: ServicingOutcome, form: string, result: () => SubmissionResult<string[]>) => {
    if (outcome.ok) {
      const title =
        intent === "write-off"
          ? "Deal written off"
          : outcome.status === "PAID_OFF"
            ? outcome.rebateCents > 0
              ? `Settled: a rebate of ${formatMoney(outcome.rebateCents)} is owed to the merchant`
              : "Payment recorded: the deal is paid off"
            : "Payment recorded";
      return redirectWithToast(`/lender/deals/${dealId}`, { kind: "success", title });
    }
    if (outcome.reason === "not-found") notFound(NOT_YOURS);
    if (outcome.reason === "conflict")
      return data({ form, result: null, error: outcome.message }, { status: 409 });
    return data(
      { form, result: result(), error: outcome.field === "bankTransactionId" ? outcome.message : null },
      { status: 400 },
    );
  };
  switch (intent) {
    case "payment": {
      const submission = parseWithZod(formData, { schema: PaymentSchema });
      if (submission.status !== "success")
        return data(
          { form: "payment", result: submission.reply(), error: null },
          { status: replyStatus(submission) },
        );
      const outcome = await recordPayment(prisma, {
        ...base,
        amountCents: submission.value.amount,
        paidOn: submission.value.paidOn,
        reference: submission.value.reference,
        payer: submission.value.payer,
      });
      return answer(outcome, "payment", () =>
        submission.reply(
          outcome.ok || outcome.reason !== "invalid"
            ? {}
            : { fieldErrors: { [outcome.field]: [outcome.message] } },
        ),
      );
    }
    case "confirm-match": {
      const submission = parseWithZod(formData, { schema: ConfirmMatchSchema });
      if (submission.status !== "success")
        return data({ form: "match", result: null, error: "Choose the bank transaction." }, { status: 400 });
      const outcome = await confirmBankMatch(prisma, {
        ...base,
        bankTransactionId: submission.value.bankTransactionId,
      });
      if (!outcome.ok && outcome.reason === "invalid")
        return data({ form: "match", result: null, error: outcome.message }, { status: 400 });
      return answer(outcome, "match", () => submission.reply());
    }
    case "write-off": {
      const submission = parseWithZod(formData, { schema: WriteOffSchema });
      if (submission.status !== "success")
        return data(
          {
            form: "write-off",
            result: submission.reply(),
            error: Object.values(submission.error ?? {}).flat()[0] ?? null,
          },
          { status: replyStatus(submission) },
        );
      const outcome = await writeOffDeal(prisma, { ...base, reason: submission.value.reason });
      return answer(outcome, "write-off", () => submission.reply());
    }
    default:
      return data({ form: "", result: null, error: "Choose an action." }, { status: 400 });
  }
}

function PaymentForm({
  factoring,
  today,
  lastResult,
  error,
}: {
  factoring: boolean;
  today: string;
  lastResult?: SubmissionResult<string[]> | null;
  error: string | null;
}) {
  const [form, fields] = useForm<z.input<typeof PaymentSchema>>({
    id: "payment",
    lastResult,
    defaultValue: { paidOn: today, payer: "MERCHANT" },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(error ? [error] : [])]} />
      <input type="hidden" name="intent" value="payment" />
      {factoring ? (
        <fieldset>
          <legend>Who paid</legend>
          <label className="choice">
            <input type="radio" name="payer" value="MERCHANT" defaultChecked />
            <span>The merchant</span>
          </label>
          <label className="choice">
            <input type="radio" name="payer" value="BUYER" />
            <span>The buyer paid the invoice (settles the deal and computes the merchant's rebate)</span>
          </label>
        </fieldset>
      ) : (
        <input type="hidden" name="payer" value="MERCHANT" />
      )}
      <Field
        label="Amount paid (USD)"
        errors={fields.amount.errors}
        inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
      />
      <Field
        label="Date paid"
        errors={fields.paidOn.errors}
        inputProps={{ ...getInputProps(fields.paidOn, { type: "date" }), max: today }}
      />
      <Field
        label="Payment reference"
        errors={fields.reference.errors}
        inputProps={getInputProps(fields.reference, { type: "text" })}
      />
      <SubmitButton pendingLabel="Recording…">Record payment</SubmitButton>
    </Form>
  );
}

export default function DealPage() {
  const { deal, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const open = deal.status === "CURRENT" || deal.status === "LATE";
  const formOf = (name: string) => (actionData?.form === name ? actionData : null);
  const { ledger } = deal;
  return (
    <div>
      <p>
        <Link to="/lender/portfolio">← Portfolio</Link> ·{" "}
        <Link to={`/lender/referrals/${deal.referralId}`}>Review</Link>
      </p>
      <h1>
        {deal.merchantName} <DealStatusBadge status={deal.status} daysPastDue={ledger.daysPastDue} />
      </h1>
      <section className="card" aria-labelledby="deal-summary">
        <h2 id="deal-summary">{PRODUCT_TYPE_LABELS[deal.productType as ProductType] ?? deal.productType}</h2>
        <dl className="details">
          <dt>Funded</dt>
          <dd>
            {formatMoney(deal.fundsProvidedCents)} on {formatDay(`${deal.fundedOn}T00:00:00Z`)}
          </dd>
          <dt>Total repayment</dt>
          <dd>{formatMoney(deal.totalRepaymentCents)}</dd>
          <dt>Paid</dt>
          <dd>{formatMoney(ledger.paidCents)}</dd>
          <dt>Outstanding</dt>
          <dd>{formatMoney(deal.status === "WRITTEN_OFF" ? 0 : ledger.outstandingCents)}</dd>
          {ledger.next ? (
            <>
              <dt>Next due</dt>
              <dd>
                {formatMoney(ledger.next.amountCents)} on {formatDay(`${ledger.next.dueOn}T00:00:00Z`)}
              </dd>
            </>
          ) : null}
          <dt>Days past due</dt>
          <dd>{ledger.daysPastDue}</dd>
          {open ? (
            <>
              <dt>Repays the deal in full today</dt>
              <dd>{formatMoney(ledger.payoffTodayCents)}</dd>
            </>
          ) : null}
          {deal.productType === "INVOICE_FACTORING" ? (
            <>
              <dt>Invoice face value</dt>
              <dd>{formatMoney(deal.faceValueCents)}</dd>
              <dt>Rebate to the merchant</dt>
              <dd>
                {deal.status === "PAID_OFF"
                  ? `${formatMoney(deal.rebateCents)} (owed to the merchant)`
                  : deal.expectedRebateCents !== null
                    ? `${formatMoney(deal.expectedRebateCents)} expected if the buyer pays the invoice on its due date`
                    : "None"}
              </dd>
            </>
          ) : null}
          {deal.status === "WRITTEN_OFF" ? (
            <>
              <dt>Written off</dt>
              <dd>
                {deal.writtenOffAt ? formatDay(deal.writtenOffAt) : ""}: {deal.writeOffReason}
              </dd>
            </>
          ) : null}
        </dl>
        <p className="muted">Prepayment terms, as disclosed: {deal.prepaymentTerms}</p>
      </section>
      <section className="card" aria-labelledby="schedule">
        <h2 id="schedule">Schedule</h2>
        <InstalmentTable ledger={ledger} label="Instalments" />
      </section>
      <section className="card" aria-labelledby="payments">
        <h2 id="payments">Payments</h2>
        <PaymentTable payments={deal.payments} label="Payments recorded" />
      </section>
      {open ? (
        <>
          {deal.suggestions.length > 0 ? (
            <section className="card" aria-labelledby="matches">
              <h2 id="matches">Suggested from the merchant's bank feed</h2>
              <FormAlert errors={formOf("match")?.error ? [formOf("match")?.error ?? ""] : null} />
              <ul>
                {deal.suggestions.map((s) => (
                  <li key={s.id}>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="confirm-match" />
                      <input type="hidden" name="bankTransactionId" value={s.id} />
                      {formatDay(`${s.postedOn}T00:00:00Z`)}: {s.name}, {formatMoney(s.paidCents)}{" "}
                      <SubmitButton className="button-secondary" pendingLabel="Recording…">
                        {`Record ${formatMoney(s.paidCents)} as a payment`}
                      </SubmitButton>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="card card-medium" aria-labelledby="record">
            <h2 id="record">Record a payment</h2>
            <PaymentForm
              factoring={deal.productType === "INVOICE_FACTORING"}
              today={today}
              lastResult={formOf("payment")?.result}
              error={formOf("payment")?.error ?? null}
            />
          </section>
          <section className="card card-medium" aria-labelledby="write-off">
            <h2 id="write-off">Write off</h2>
            <FormAlert errors={formOf("write-off")?.error ? [formOf("write-off")?.error ?? ""] : null} />
            <ConfirmAction
              label="Write off this deal"
              intent="write-off"
              confirmLabel="Yes, write it off"
              pendingLabel="Writing off…"
              defaultOpen={Boolean(formOf("write-off"))}
              consequence={`You stop collecting the ${formatMoney(ledger.outstandingCents)} left; the merchant is told, with your reason. This cannot be undone.`}
            >
              <TextareaField
                label="Reason"
                textareaProps={{ name: "reason", required: true, maxLength: 500 }}
              />
            </ConfirmAction>
          </section>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
