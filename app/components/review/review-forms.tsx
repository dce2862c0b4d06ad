import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { DEFAULT_INFO_REQUEST_BUSINESS_DAYS, deadlineDay } from "~/domain/notices/notice";
import { DECLINE_REASON_CODES, DECLINE_REASONS } from "~/domain/referrals/decline-reasons";
import { DOCUMENT_TYPES } from "~/domain/referrals/documents";
import type { DeclineSchema, InfoRequestSchema, NoteSchema } from "~/domain/referrals/review-forms";
import { OfferForm } from "./offer-form";

type FormProps = { lastResult?: SubmissionResult<string[]>; error: string[] | null };

/** The lender declines, with the principal reasons that go into the adverse-action notice. */
function DeclineForm({ lastResult, error }: FormProps) {
  const [form, fields] = useForm<z.input<typeof DeclineSchema>>({
    id: "decline",
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(error ?? [])]} />
      <input type="hidden" name="intent" value="decline" />
      <fieldset>
        <legend>Principal reasons (they go into the merchant's adverse-action notice)</legend>
        {DECLINE_REASON_CODES.map((code) => (
          <label className="choice" key={code}>
            <input type="checkbox" name="reasons" value={code} />
            <span>{DECLINE_REASONS[code]}</span>
          </label>
        ))}
        <ErrorList id={fields.reasons.errorId} errors={fields.reasons.errors} />
      </fieldset>
      <SubmitButton className="button-danger" pendingLabel="Declining…">
        Decline
      </SubmitButton>
    </Form>
  );
}

/** The lender asks the merchant a question and/or for a document. */
function InfoRequestForm({ lastResult, error }: FormProps) {
  const [form, fields] = useForm<z.input<typeof InfoRequestSchema>>({
    id: "info",
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(error ?? [])]} />
      <input type="hidden" name="intent" value="request-info" />
      <TextareaField
        label="Question (optional)"
        errors={fields.question.errors}
        textareaProps={getTextareaProps(fields.question)}
      />
      <SelectField
        label="Document needed (optional)"
        placeholder="None"
        options={Object.entries(DOCUMENT_TYPES).map(([value, label]) => ({ value, label }))}
        errors={fields.documentType.errors}
        selectProps={getSelectProps(fields.documentType)}
      />
      <Field
        label="Answer due within (business days)"
        hint={`Weekdays other than federal holidays. Past it, the merchant is sent a notice of incompleteness. Default ${DEFAULT_INFO_REQUEST_BUSINESS_DAYS}.`}
        errors={fields.dueInBusinessDays.errors}
        inputProps={{
          ...getInputProps(fields.dueInBusinessDays, { type: "number" }),
          min: 3,
          max: 30,
          defaultValue: String(fields.dueInBusinessDays.initialValue ?? DEFAULT_INFO_REQUEST_BUSINESS_DAYS),
        }}
      />
      <SubmitButton pendingLabel="Sending…">Ask the merchant</SubmitButton>
    </Form>
  );
}

/** An internal note, seen only by the lender's organisation. */
function NoteForm({ lastResult, error }: FormProps) {
  const [form, fields] = useForm<z.input<typeof NoteSchema>>({
    id: "note",
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormAlert id={form.errorId} errors={[...(form.errors ?? []), ...(error ?? [])]} />
      <input type="hidden" name="intent" value="note" />
      <TextareaField
        label="Add a note"
        errors={fields.body.errors}
        textareaProps={getTextareaProps(fields.body)}
      />
      <SubmitButton pendingLabel="Saving…">Add note</SubmitButton>
    </Form>
  );
}

/** Who works on the referral: a lender admin chooses anyone active, an underwriter only themselves. */
export function AssignForm({
  members,
  selfId,
  error,
}: {
  members: { id: string; name: string }[];
  selfId: string;
  error: string[] | null;
}) {
  return (
    <Form method="post" className="card filter-bar" aria-label="Assign">
      <FormAlert errors={error} />
      <div className="field">
        <label htmlFor="assignee">Assigned to</label>
        <select id="assignee" name="assigneeId" defaultValue={selfId}>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton name="intent" value="assign" className="button-secondary" pendingLabel="Assigning…">
        Assign
      </SubmitButton>
    </Form>
  );
}

const day = (value: string | Date) => new Date(value).toISOString().slice(0, 10);

type InfoRequestRow = {
  id: string;
  question: string | null;
  documentType: string | null;
  status: string;
  responseText: string | null;
  createdAt: string | Date;
  dueAt?: string | Date | null;
  incompleteNoticeAt?: string | Date | null;
  documents: { id: string; fileName: string; sizeBytes: number }[];
};

/** The lender's requests for information, with the merchant's answers and documents. */
export function InfoRequests({
  requests,
  canRequest,
  lastResult,
  error,
}: FormProps & { requests: InfoRequestRow[]; canRequest: boolean }) {
  return (
    <section className="card" aria-labelledby="info-title">
      <h2 id="info-title">Requests for information</h2>
      {requests.length === 0 ? <p className="muted">None yet.</p> : null}
      <ul className="checklist">
        {requests.map((r) => (
          <li key={r.id}>
            <span>
              {`${day(r.createdAt)}: ${r.question ?? ""}${r.documentType ? ` [${DOCUMENT_TYPES[r.documentType as keyof typeof DOCUMENT_TYPES] ?? r.documentType}]` : ""} — ${r.status.toLowerCase()}`}
              {r.status === "OPEN" && r.dueAt ? (
                <span className="muted small">{` Answer due ${day(deadlineDay(new Date(r.dueAt)))}.`}</span>
              ) : null}
              {r.incompleteNoticeAt ? (
                <span className="muted small">{` Notice of incompleteness sent ${day(r.incompleteNoticeAt)}.`}</span>
              ) : null}
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
      {canRequest ? <InfoRequestForm lastResult={lastResult} error={error} /> : null}
    </section>
  );
}

/** Internal notes, seen only by the lender's organisation. */
export function ReviewNotes({
  notes,
  canAdd,
  lastResult,
  error,
}: FormProps & {
  notes: { id: string; body: string; createdAt: string | Date; author: { name: string } }[];
  canAdd: boolean;
}) {
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Internal notes</h2>
      <p className="muted small">Seen only by your organisation.</p>
      <ul className="checklist">
        {notes.map((n) => (
          <li key={n.id}>{`${day(n.createdAt)} · ${n.author.name}: ${n.body}`}</li>
        ))}
      </ul>
      {canAdd ? <NoteForm lastResult={lastResult} error={error} /> : null}
    </section>
  );
}

/** The lender's decision on a referral in review: an offer, a decline, or both offered. */
export function Decision({
  canOffer,
  canDecline,
  productType,
  requestedCents,
  tenorDays,
  buyerPaysInDays,
  offerResult,
  offerError,
  declineResult,
  declineError,
  hold,
}: {
  /** Why the lender cannot decide here now although it could otherwise (its offer elsewhere). */
  hold?: string | null;
  canOffer: boolean;
  canDecline: boolean;
  productType: string;
  requestedCents: number;
  tenorDays: number;
  buyerPaysInDays?: number | null;
  offerResult?: SubmissionResult<string[]>;
  offerError: string[] | null;
  declineResult?: SubmissionResult<string[]>;
  declineError: string[] | null;
}) {
  if (!canOffer && !canDecline)
    return hold ? (
      <section className="card" aria-labelledby="decision-title">
        <h2 id="decision-title">Decision</h2>
        <p className="alert alert-info">{hold}</p>
      </section>
    ) : null;
  return (
    <div className="grid grid-2">
      {canOffer ? (
        <section className="card" aria-labelledby="offer-title">
          <h2 id="offer-title">Make an offer</h2>
          <FormAlert errors={offerError} />
          <OfferForm
            productType={productType}
            requestedCents={requestedCents}
            tenorDays={tenorDays}
            buyerPaysInDays={buyerPaysInDays}
            lastResult={offerResult}
          />
        </section>
      ) : null}
      {canDecline ? (
        <section className="card" aria-labelledby="decline-title">
          <h2 id="decline-title">Decline</h2>
          <DeclineForm lastResult={declineResult} error={declineError} />
        </section>
      ) : null}
    </div>
  );
}
