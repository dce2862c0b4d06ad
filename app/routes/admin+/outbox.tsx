import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { listOutbox } from "~/domain/admin/admin.server";
import { formatDayTime } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireAdmin } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "E-mail outbox — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { emails: await listOutbox(prisma), smtpConfigured: Boolean(env().SMTP_URL) };
}

export default function Outbox() {
  const { emails, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>E-mail outbox</h1>
          <p>Every message TradeLift sends, newest first.</p>
        </div>
      </div>
      {smtpConfigured ? null : (
        <div className="alert alert-info">
          <p>
            No mail server is configured (SMTP_URL), so messages wait here and are not delivered. Set SMTP_URL
            to deliver them.
          </p>
        </div>
      )}
      {emails.length === 0 ? (
        <div className="card empty-state">
          <h2>No messages yet</h2>
        </div>
      ) : (
        emails.map((email) => (
          <article className="card" key={email.id} aria-labelledby={`email-${email.id}`}>
            <h2 id={`email-${email.id}`}>{email.subject}</h2>
            <p className="muted small">
              To {email.to} · {formatDayTime(email.createdAt)} · <StatusBadge status={email.status} />
            </p>
            <pre className="email-body">{email.text}</pre>
          </article>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
