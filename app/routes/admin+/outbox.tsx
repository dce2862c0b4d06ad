import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { FilterSelect, optionsOf } from "~/components/ui/filter-select";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { listOutbox } from "~/domain/admin/admin.server";
import { requeueEmail } from "~/domain/notifications/outbox.server";
import { OUTBOX_STATUSES, OUTBOX_WORKFLOW } from "~/domain/notifications/workflow";
import { statusLabel } from "~/domain/workflow/machine";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formDataOf } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "E-mail outbox — TradeLift" }];

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const FilterSchema = /* @__PURE__ */ (() =>
  z.object({ status: z.enum(OUTBOX_STATUSES).optional().catch(undefined) }))();
const STATUS_OPTIONS = optionsOf(OUTBOX_STATUSES, (status) => statusLabel(OUTBOX_WORKFLOW, status));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = FilterSchema.parse({ status: new URL(request.url).searchParams.get("status") || undefined });
  return { emails: await listOutbox(prisma, filter), filter, smtpConfigured: Boolean(env().SMTP_URL) };
}

const RequeueSchema = /* @__PURE__ */ (() =>
  z.object({ intent: z.literal("requeue"), emailId: z.string().min(1).max(40) }))();

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const parsed = RequeueSchema.safeParse(Object.fromEntries(await formDataOf(request)));
  if (!parsed.success)
    return data(
      { pageError: "That request could not be read. Reload the page and try again." },
      { status: 400 },
    );
  const outcome = await requeueEmail(prisma, {
    emailId: parsed.data.emailId,
    actor: { id: actor.id, role: actor.role, name: actor.name },
    ip: clientIp(context),
  });
  if (!outcome.ok) {
    if (outcome.reason === "not-found") notFound("This message does not exist.");
    return data({ pageError: outcome.message }, { status: 409 });
  }
  return redirectWithToast("/admin/outbox", {
    kind: "success",
    title: "Message queued again",
    description: "It is sent on the next delivery run.",
  });
}

export default function Outbox() {
  const { emails, filter, smtpConfigured } = useLoaderData<typeof loader>();
  const pageError = useActionData<typeof action>()?.pageError;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>E-mail outbox</h1>
          <p>Every message TradeLift sends, newest first.</p>
        </div>
        <Form method="get" className="filter-bar card" aria-label="Filter the outbox">
          <FilterSelect
            id="status"
            name="status"
            label="Status"
            value={filter.status}
            options={STATUS_OPTIONS}
          />
          <button type="submit" className="button button-secondary">
            Filter
          </button>
        </Form>
      </div>
      {pageError ? (
        <div className="alert alert-error" role="alert">
          <p>{pageError}</p>
        </div>
      ) : null}
      {smtpConfigured ? null : (
        <div className="alert alert-info">
          <p>
            This is the local mailbox: no mail server is configured (SMTP_URL), so TradeLift sends nothing and
            keeps every message here. Open one to read it as its recipient would. Set SMTP_URL to deliver
            them.
          </p>
        </div>
      )}
      {emails.length === 0 ? (
        <div className="card empty-state">
          <h2>{filter.status ? "No messages in this status" : "No messages yet"}</h2>
        </div>
      ) : (
        emails.map((email) => (
          <article className="card" key={email.id} aria-labelledby={`email-${email.id}`}>
            <h2 id={`email-${email.id}`}>
              <Link to={`/admin/outbox/${email.id}`}>{email.subject}</Link>
            </h2>
            <p className="muted small">
              To {email.to} · <When at={email.createdAt} /> ·{" "}
              {email.status === "PENDING" && !smtpConfigured ? (
                <span className="badge">In the local mailbox (not sent)</span>
              ) : (
                <StatusBadge status={email.status} />
              )}
              {email.attempts > 0 ? ` · ${email.attempts} attempt${email.attempts === 1 ? "" : "s"}` : ""}
            </p>
            {email.status === "FAILED" ? (
              <Form method="post" className="inline-form">
                <p className="small">The mail server's last answer: {email.lastError ?? "none recorded"}</p>
                <input type="hidden" name="emailId" value={email.id} />
                <SubmitButton
                  name="intent"
                  value="requeue"
                  className="button-secondary"
                  pendingLabel="Queuing…"
                >
                  Send again
                </SubmitButton>
              </Form>
            ) : null}
            <pre className="email-body">{email.text}</pre>
            {email.attachments.length > 0 ? (
              <p className="small">
                Attached:{" "}
                {email.attachments.map((attachment, i) => (
                  <span key={attachment.id}>
                    {i > 0 ? ", " : ""}
                    <a href={`/admin/outbox/${email.id}/attachments/${attachment.id}`}>
                      {attachment.fileName}
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
          </article>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
