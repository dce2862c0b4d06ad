import { Link } from "@remix-run/react";
import { NOTICE_KIND_LABELS, type NoticeContent, type NoticeKind } from "~/domain/notices/notice";

// Regulation B notices on a page: the list on an application's page, and one notice in full,
// rendered from the same NoticeContent as its PDF and its e-mail (docs/design/notices.md).

type When = Date | string;
const day = (value: When) => new Date(value).toISOString().slice(0, 10);

export function NoticeList({
  notices,
  basePath,
  emailed,
}: {
  notices: readonly { id: string; kind: string; creditorName: string; sentAt: When }[];
  /** Where each notice's page lives: `${basePath}/${id}`; null lists them without links. */
  basePath: string | null;
  /** Whether e-mail is delivered here: the list says the copies went out only when they did. */
  emailed: boolean;
}) {
  if (notices.length === 0) return null;
  return (
    <section className="card" aria-labelledby="notices-title">
      <h2 id="notices-title">Notices</h2>
      <p className="muted small">
        Notices about this application under the Equal Credit Opportunity Act.{" "}
        {emailed
          ? "Each is also e-mailed to you with a PDF copy."
          : "E-mail is not set up on this installation, so no copy was e-mailed: read and download each one here."}
      </p>
      <ul className="checklist">
        {notices.map((notice) => (
          <li key={notice.id}>
            <span>
              <strong>{NOTICE_KIND_LABELS[notice.kind as NoticeKind] ?? notice.kind}</strong>
              {` — from ${notice.creditorName}, ${day(notice.sentAt)} `}
              {basePath ? (
                <>
                  <Link to={`${basePath}/${notice.id}`}>Read the notice</Link>
                  {" · "}
                  <a href={`${basePath}/${notice.id}/pdf`} download>
                    Download PDF
                  </a>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NoticeView({
  content,
  pdfHref,
  nested,
}: {
  content: NoticeContent;
  pdfHref?: string;
  /** Shown inside another page (the admin's): no page heading of its own. */
  nested?: boolean;
}) {
  const Title = nested ? "h3" : "h1";
  return (
    <article className={nested ? undefined : "card"} aria-label={content.title}>
      <Title>{content.title}</Title>
      <dl className="facts">
        <dt>From</dt>
        <dd>{`${content.from.name}, ${content.from.address}`}</dd>
        <dt>To</dt>
        <dd>{content.to}</dd>
        <dt>Date</dt>
        <dd>{content.issuedOn}</dd>
      </dl>
      {content.statement.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {content.reasonsHeading && content.reasons.length > 0 ? (
        <>
          <p>
            <strong>{content.reasonsHeading}</strong>
          </p>
          <ol className="reasons">
            {content.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ol>
        </>
      ) : null}
      {content.closing.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {content.agency ? <p className="muted small">{content.agency}</p> : null}
      {content.sentBy ? <p className="muted small">{content.sentBy}</p> : null}
      <p>
        {pdfHref ? (
          <a className="button" href={pdfHref} download>
            Download PDF
          </a>
        ) : null}
        <span className="muted small">{` Notice ${content.reference}`}</span>
      </p>
    </article>
  );
}

/** An application's notices as an admin reads them: each in full, with when it was due. */
export function AdminNotices({
  notices,
}: {
  notices: readonly { id: string; sentAt: When; dueBy: When | null; content: NoticeContent }[];
}) {
  return (
    <section className="card" aria-labelledby="admin-notices-title">
      <h2 id="admin-notices-title">Notices sent to the merchant</h2>
      {notices.length === 0 ? <p className="muted">None.</p> : null}
      {notices.map(({ id, sentAt, dueBy, content }) => (
        <details key={id}>
          <summary>
            {`${NOTICE_KIND_LABELS[content.kind] ?? content.kind} — from ${content.from.name}, sent ${day(sentAt)}${dueBy ? ` (due by ${day(dueBy)})` : ""}`}
          </summary>
          <NoticeView content={content} nested />
        </details>
      ))}
    </section>
  );
}
