import { useFetcher, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { formatDayTime, formatRelative } from "~/domain/dates";
import type { loader as rootLoader } from "~/root";

/** The zone the signed-in person reads times in; UTC for visitors and until the browser has told us. */
export function useTimeZone(): string {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return root?.user?.timeZone ?? "UTC";
}

/**
 * Now, for relative times: the moment the server rendered the page while hydrating (so both
 * render the same text), then the browser's clock, refreshed every minute.
 */
export function useNow(): number {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const [now, setNow] = useState(() => (root?.now ? Date.parse(root.now) : Date.now()));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * An instant in the reader's time zone, as a <time> element: "Dec 7, 2026, 5:00 PM CST", and with
 * `relative`, "(in 6 days)" after it.
 */
export function When({ at, relative = false }: { at: string | Date; relative?: boolean }) {
  const timeZone = useTimeZone();
  const now = useNow();
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso}>
      {formatDayTime(iso, timeZone)}
      {relative ? ` (${formatRelative(iso, now)})` : null}
    </time>
  );
}

/** "in 6 days" alone, as a <time> element titled with the exact instant. */
export function TimeLeft({ at }: { at: string | Date }) {
  const timeZone = useTimeZone();
  const now = useNow();
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={formatDayTime(iso, timeZone)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/**
 * Tells the server the browser's time zone once, when the account has none stored yet; a zone the
 * person chose in settings is never replaced (app/domain/accounts/time-zone.server.ts).
 */
export function TimeZoneReport() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const fetcher = useFetcher();
  const needed = Boolean(root?.user) && !root?.user?.timeZone;
  useEffect(() => {
    if (!needed || fetcher.state !== "idle" || fetcher.data) return;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!timeZone) return;
    fetcher.submit({ intent: "detect", timeZone }, { method: "post", action: "/settings/time-zone" });
  }, [needed, fetcher]);
  return null;
}

/** A formatter of instants in the reader's zone, for text built in templates: "Dec 7, 2026, 5:00 PM CST". */
export function useInstant(): (value: string | Date | null | undefined) => string {
  const timeZone = useTimeZone();
  return (value) => (value ? formatDayTime(value, timeZone) : "");
}
