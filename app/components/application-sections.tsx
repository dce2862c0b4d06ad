import { Form, Link } from "@remix-run/react";
import { NoticeList } from "~/components/notices";
import { ConfirmAction } from "~/components/ui/confirm-action";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { useInstant } from "~/components/ui/when";
import { merchantReferralWords } from "~/domain/applications/referral-words";
import type { ApplicationStatus } from "~/domain/applications/workflow";
import { PRODUCT_TYPE_LABELS, type ProductType } from "~/domain/lenders/products";
import { formatMoney } from "~/domain/money";
import { dueInWords } from "~/domain/notices/notice";
import { countryName } from "~/domain/reference/countries";
import { DOCUMENT_TYPES } from "~/domain/referrals/documents";

// The parts of the merchant's application page around its offers: what was asked for, the
// lenders' questions, what the lenders did, and the end of the application (discard or withdraw).

type When = Date | string | null;

type Referral = {
  id: string;
  status: string;
  statusReason: string | null;
  createdAt: When;
  reviewStartedAt: When;
  lenderOrg: { name: string };
  product: { type: string; name: string };
  infoRequests: {
    id: string;
    status: string;
    question: string | null;
    documentType: string | null;
    responseText: string | null;
    respondedAt: When;
    /** When the answer is due (docs/design/notices.md); past it, a notice of incompleteness. */
    dueAt?: When;
    createdAt?: When;
    documents: { id: string; fileName: string }[];
  }[];
};

const documentLabel = (type: string) => DOCUMENT_TYPES[type as keyof typeof DOCUMENT_TYPES] ?? type;

/** The lenders' open questions, each with its answer form (text, a document or both). */
export function LenderQuestions({
  referrals,
  answer,
}: {
  referrals: Referral[];
  answer?: { infoRequestId?: unknown; error?: string | null };
}) {
  const day = useInstant();
  const application = { referrals };
  const actionData = answer ? { form: "info" as const, ...answer } : undefined;
  const answered = application.referrals.flatMap((r) =>
    r.infoRequests.filter((q) => q.status === "ANSWERED").map((q) => ({ lender: r.lenderOrg.name, q })),
  );
  return application.referrals.some((r) => r.infoRequests.some((q) => q.status === "OPEN")) ||
    answered.length > 0 ? (
    <section className="card" aria-labelledby="questions-title">
      <h2 id="questions-title">Lenders' questions</h2>
      {answered.length > 0 ? (
        <ul className="checklist" aria-label="Answered questions">
          {answered.map(({ lender, q }) => (
            <li key={q.id}>
              <span>
                <strong>{lender}</strong>
                {`: ${q.question ?? ""}${q.documentType ? ` (document: ${documentLabel(q.documentType)})` : ""}`}
                <br />
                {`Answered ${day(q.respondedAt)}${q.responseText ? `: ${q.responseText}` : ""}${q.documents.length > 0 ? ` (sent ${q.documents.map((d) => d.fileName).join(", ")})` : ""}`}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {application.referrals.flatMap((r) =>
        r.infoRequests
          .filter((q) => q.status === "OPEN")
          .map((q) => (
            <Form
              method="post"
              encType="multipart/form-data"
              key={q.id}
              id={`question-${q.id}`}
              className="owner-row"
            >
              <p>
                <strong>{r.lenderOrg.name}</strong>
                {`: ${q.question ?? ""}${q.documentType ? ` (document: ${documentLabel(q.documentType)})` : ""}`}
                {q.dueAt ? (
                  <span className="muted small">{` — answer ${dueInWords(new Date(q.dueAt), new Date())}`}</span>
                ) : null}
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
  ) : null;
}

/** The application's Regulation B notices, the lenders and what they did, and the timeline. */
export function ApplicationHistory({
  notices,
  noticeBase,
  noticesEmailed,
  referrals,
  timeline,
}: {
  notices: readonly { id: string; kind: string; creditorName: string; sentAt: Date | string }[];
  noticeBase: string;
  /** Whether this installation delivers e-mail (the notices' copies really went out). */
  noticesEmailed: boolean;
  referrals: Referral[];
  timeline: { at: string; text: string }[];
}) {
  const day = useInstant();
  const application = { referrals };
  return (
    <>
      <NoticeList notices={notices} basePath={noticeBase} emailed={noticesEmailed} />

      {application.referrals.length > 0 ? (
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Lenders reviewing it</h2>
          <ul className="checklist">
            {application.referrals.map((r) => (
              <li key={r.id}>
                <span>
                  <strong>{r.lenderOrg.name}</strong>
                  {` — ${r.product.name} (${PRODUCT_TYPE_LABELS[r.product.type as ProductType] ?? r.product.type}): ${merchantReferralWords({ status: r.status, statusReason: r.statusReason, lenderName: r.lenderOrg.name })}`}
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
                <time dateTime={event.at}>{day(event.at)}</time>
                <span>{event.text}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

/** Discarding a draft, or withdrawing a sent application: each asks first. */
export function EndApplication({
  status,
  answer,
}: {
  status: ApplicationStatus;
  answer?: { form: string; error?: string | null; fields?: Record<string, string[] | undefined> };
}) {
  const draft = status === "DRAFT";
  const mine = answer?.form === (draft ? "discard" : "withdraw") ? answer : undefined;
  return (
    <section className="card no-print" aria-labelledby="end-title">
      <h2 id="end-title">{draft ? "Discard the draft" : "Withdraw the application"}</h2>
      <FormAlert errors={mine?.error ? [mine.error] : null} />
      <ConfirmAction
        label={draft ? "Discard draft" : "Withdraw application"}
        intent={draft ? "discard" : "withdraw"}
        confirmLabel={draft ? "Yes, discard the draft" : "Yes, withdraw the application"}
        pendingLabel={draft ? "Discarding…" : "Withdrawing…"}
        defaultOpen={Boolean(mine?.fields?.confirmed)}
        consequence={
          draft
            ? "The draft is discarded. No lender has seen it, so no one is told. This cannot be undone."
            : "Every lender reviewing it is told and stops; any offer you have not accepted is withdrawn. This cannot be undone."
        }
      >
        <FormAlert errors={mine?.fields?.confirmed} />
      </ConfirmAction>
    </section>
  );
}

/** What the merchant asked for: purpose, orders financed and when it was sent, with its score. */
export function ApplicationSummary({
  application,
}: {
  application: {
    id: string;
    purpose: string;
    submittedAt: When;
    orders: {
      poNumber: string;
      buyerName: string;
      buyerCountry: string;
      amountCents: string;
      currency: string;
      cancelledAt: When;
    }[];
    scoreReport: { score: number | null; grade: string | null } | null;
  };
}) {
  const day = useInstant();
  return (
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
                    `${o.poNumber} (${o.buyerName}, ${countryName(o.buyerCountry)}, ${formatMoney(BigInt(o.amountCents), o.currency)})${o.cancelledAt ? ` — cancelled ${day(o.cancelledAt)}` : ""}`,
                )
                .join("; ")}
        </dd>
        {application.submittedAt ? (
          <>
            <dt>Sent</dt>
            <dd>{`${day(application.submittedAt)}${application.scoreReport ? ` with a frozen score of ${application.scoreReport.score} (grade ${application.scoreReport.grade})` : ""}`}</dd>
            <dt>As sent</dt>
            <dd>
              <Link to={`/merchant/applications/${application.id}/package`}>
                The application as lenders read it, with how your buyers have paid
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
