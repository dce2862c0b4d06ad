import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

function messageOf(data: unknown): string | null {
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string")
    return data.message;
  if (typeof data === "string" && data.length > 0 && data.length < 300) return data;
  return null;
}

/** Explains in plain words what went wrong, for every route. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const detail = messageOf(error.data);
    const title =
      error.status === 404
        ? "Page not found"
        : error.status === 409
          ? "This changed in the meantime"
          : error.status === 429
            ? "Too many requests"
            : error.status === 503
              ? "TradeLift could not save this just now"
              : error.status >= 500
                ? "Something went wrong on our side"
                : "This request could not be completed";
    const explanation =
      error.status === 404
        ? "The page does not exist, or you do not have access to it."
        : error.status === 409
          ? "Someone else changed this record first. Reload the page to see its current state."
          : "Please try again.";
    return (
      <section className="error-panel" aria-labelledby="error-title">
        <p className="error-code">Error {error.status}</p>
        <h1 id="error-title">{title}</h1>
        <p>{detail ?? explanation}</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <p className="error-code">Unexpected error</p>
      <h1 id="error-title">Something went wrong on our side</h1>
      <p>
        We could not finish this request and nothing was saved by it. Try again in a moment; if it keeps
        happening, contact support.
      </p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}
