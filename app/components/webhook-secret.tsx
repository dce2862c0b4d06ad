import type { ReactNode } from "react";

/** A webhook signing secret, shown once (after registering an endpoint or rotating its secret). */
export function WebhookSecret({
  title,
  secret,
  children,
}: {
  title: string;
  secret: string;
  children: ReactNode;
}) {
  return (
    <section className="alert alert-success" aria-labelledby="webhook-secret-title" role="status">
      <h2 id="webhook-secret-title">{title}</h2>
      <p>{children}</p>
      <p>
        <strong>Copy this secret now: it will not be shown again.</strong> Your systems use it to check that
        each delivery comes from TradeLift.
      </p>
      <p>
        <code data-testid="webhook-secret">{secret}</code>
      </p>
    </section>
  );
}

/** What a reload of the page that showed a secret says instead (the secret is not kept to show). */
export function SecretAlreadyShown() {
  return (
    <section className="alert alert-info" aria-labelledby="webhook-secret-shown-title" role="status">
      <h2 id="webhook-secret-shown-title">The secret was shown once</h2>
      <p>
        For safety a signing secret is shown only once, right after it is made, and TradeLift cannot show it
        again. If you did not copy it, rotate the secret below to get a new one.
      </p>
    </section>
  );
}
