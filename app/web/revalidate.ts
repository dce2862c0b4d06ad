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
