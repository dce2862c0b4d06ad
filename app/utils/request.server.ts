// What the server knows about a request beyond its URL: the client IP (from the Express server's
// load context) and the user agent.
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    clientIp?: string;
  }
}

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? "unknown";
}

export function userAgent(request: Request): string | null {
  return request.headers.get("User-Agent");
}

/**
 * A redirect target from user input, kept on this site: a path that starts with one "/".
 * Anything else (absolute URLs, "//evil.example", "/\\evil") falls back to `fallback`.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) return fallback;
  if (target.includes("\\") || /\p{Cc}/u.test(target)) return fallback;
  return target;
}
