import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { outboxMessage } from "~/domain/admin/admin.server";
import { requeueEmail } from "~/domain/notifications/outbox.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formDataOf } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireAdmin } from "~/web/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.email.subject ?? "E-mail"} — Outbox — TradeLift` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const email = await outboxMessage(prisma, params.emailId ?? "");
  if (!email) notFound("This message does not exist.");
  return { email, smtpConfigured: Boolean(env().SMTP_URL) };
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const RequeueSchema = /* @__PURE__ */ (() => z.object({ intent: z.literal("requeue") }))();

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const parsed = RequeueSchema.safeParse(Object.fromEntries(await formDataOf(request)));
  if (!parsed.success)
    return data(
      { pageError: "That request could not be read. Reload the page and try again." },
      { status: 400 },
    );
  const emailId = params.emailId ?? "";
  const outcome = await requeueEmail(prisma, {
    emailId,
    actor: { id: actor.id, role: actor.role, name: actor.name },
    ip: clientIp(context),
  });
  if (!outcome.ok) {
    if (outcome.reason === "not-found") notFound("This message does not exist.");
    return data({ pageError: outcome.message }, { status: 409 });
  }
  return redirectWithToast(`/admin/outbox/${emailId}`, {
    kind: "success",
    title: "Message queued again",
    description: "It is sent on the next delivery run.",
  });
}

export default function OutboxMessage() {
  const { email, smtpConfigured } = useLoaderData<typeof loader>();
  const pageError = useActionData<typeof action>()?.pageError;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="small">
            <Link to="/admin/outbox">← E-mail outbox</Link>
          </p>
          <h1>{email.subject}</h1>
          <p>
            To {email.to} · <When at={email.createdAt} /> ·{" "}
            {email.status === "PENDING" && !smtpConfigured ? (
              <span className="badge">In the local mailbox (not sent)</span>
            ) : (
              <StatusBadge status={email.status} />
            )}
            {email.sentAt ? (
              <>
                {" · sent "}
                <When at={email.sentAt} />
              </>
            ) : null}
            {email.attempts > 0 ? ` · ${email.attempts} attempt${email.attempts === 1 ? "" : "s"}` : ""}
          </p>
        </div>
      </div>
      {pageError ? (
        <div className="alert alert-error" role="alert">
          <p>{pageError}</p>
        </div>
      ) : null}
      {email.status === "FAILED" ? (
        <Form method="post" className="card">
          <p className="small">The mail server's last answer: {email.lastError ?? "none recorded"}</p>
          <SubmitButton name="intent" value="requeue" className="button-secondary" pendingLabel="Queuing…">
            Send again
          </SubmitButton>
        </Form>
      ) : null}
      <section className="card" aria-labelledby="html-title">
        <h2 id="html-title">As the recipient sees it</h2>
        {email.html ? (
          // A sandbox without permissions: no script runs, no form posts, links cannot act on this page.
          <iframe
            className="email-frame"
            title={`The message "${email.subject}"`}
            sandbox=""
            src={`/admin/outbox/${email.id}/preview`}
          />
        ) : (
          <p className="muted">
            This message was written before e-mails had an HTML part: its text is below.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="text-title">
        <h2 id="text-title">Plain text</h2>
        <pre className="email-body">{email.text}</pre>
      </section>
      {email.attachments.length > 0 ? (
        <section className="card" aria-labelledby="attachments-title">
          <h2 id="attachments-title">Attachments</h2>
          <ul>
            {email.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={`/admin/outbox/${email.id}/attachments/${attachment.id}`}>{attachment.fileName}</a>
                <span className="muted small">{` · ${attachment.contentType}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
