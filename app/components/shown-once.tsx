import { type ReactNode, useId } from "react";

/**
 * A secret shown once, on the page a POST redirected to (a webhook signing secret, an API key):
 * from its one-time reveal (app/domain/accounts/one-time-reveal.server.ts), never kept to show again.
 */
export function ShownOnce({
  title,
  noun,
  value,
  testId,
  use,
  children,
}: {
  title: string;
  /** What it is, in "Copy this … now": "secret", "key". */
  noun: string;
  value: string;
  testId: string;
  /** What the user's systems do with it. */
  use: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section className="alert alert-success" aria-labelledby={titleId} role="status">
      <h2 id={titleId}>{title}</h2>
      <p>{children}</p>
      <p>
        <strong>{`Copy this ${noun} now: it will not be shown again.`}</strong> {use}
      </p>
      <p>
        <code data-testid={testId}>{value}</code>
      </p>
    </section>
  );
}

/**
 * What a reload of the page that showed a secret says instead (as do another user, an expired or a
 * made-up reveal): the secret is not kept to show; `children` says how to get a new one.
 */
export function AlreadyShown({ noun, children }: { noun: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="alert alert-info" aria-labelledby={titleId} role="status">
      <h2 id={titleId}>{`The ${noun} was shown once`}</h2>
      <p>{children}</p>
    </section>
  );
}
