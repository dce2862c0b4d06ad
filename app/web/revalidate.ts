import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * For pages whose state others change (another tab, a colleague, the merchant, the clock): after
 * an action refused because the record moved on (409), the page reloads its data, so it shows
 * the current state and only the actions still allowed — not the stale buttons that were just
 * refused. Remix skips that reload after a 4xx by default.
 */
export const revalidateAfterConflict: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => (actionStatus === 409 ? true : defaultShouldRevalidate);

/**
 * For pages that show a one-time reveal (`?reveal=<id>`, app/domain/accounts/one-time-reveal.server.ts):
 * reading a reveal deletes it, so a form on the page answered in place (a field error) must not
 * reload the loader at the same address, or the secret would vanish before it was copied.
 */
export const keepRevealOnReply: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) =>
  currentUrl.searchParams.has("reveal") && currentUrl.href === nextUrl.href ? false : defaultShouldRevalidate;
