// Requests through the real, built Remix app (routing, loaders, actions, guards) on this test
// file's own database. `npm test` builds first; alone, run `npm run build` once.
import { existsSync } from "node:fs";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { createSession, sessionCookie } from "~/utils/session.server";
import { enrolKnownTotp } from "../support/totp";

const BUILD = path.resolve("build/index.js");
let handler: ((request: Request, context?: Record<string, unknown>) => Promise<Response>) | undefined;

async function getHandler() {
  if (!handler) {
    if (!existsSync(BUILD))
      throw new Error("build/index.js is missing: run `npm run build` before the integration tests.");
    const build = (await import(/* @vite-ignore */ BUILD)) as ServerBuild;
    handler = createRequestHandler(build, "production");
  }
  return handler;
}

export type RequestOptions = {
  method?: string;
  cookie?: string;
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  ip?: string;
  /** A raw body (for webhooks and the API); `form` sends a urlencoded one. */
  body?: string | Uint8Array<ArrayBuffer>;
  /** A multipart body (file uploads). */
  multipart?: FormData;
};

export async function request(pathname: string, options: RequestOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | string | Uint8Array<ArrayBuffer> | FormData | undefined =
    options.body ?? options.multipart;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const method = options.method ?? (options.form || options.multipart ? "POST" : "GET");
  const req = new Request(`http://localhost:3000${pathname}`, { method, headers, body });
  return (await getHandler())(req, { clientIp: options.ip ?? "127.0.0.1", cspNonce: "test-nonce" });
}

/**
 * A signed session cookie for the user, as the log-in page would set it after every step: lender
 * staff and admins get 2FA turned on (with their address's known secret, tests/support/totp.ts),
 * since a session of theirs without it counts for nothing.
 */
export async function cookieFor(userId: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, role: true },
  });
  if (user.role !== "MERCHANT") await enrolKnownTotp(prisma, { id: userId, email: user.email });
  const { sessionId } = await createSession(prisma, { userId, ip: "127.0.0.1", userAgent: "vitest" });
  return cookieHeader(await sessionCookie().serialize(sessionId));
}

/** The Cookie request header that carries the cookies a response set. */
export function cookieHeader(...setCookies: (string | null)[]): string {
  return setCookies
    .filter((value): value is string => Boolean(value))
    .map((value) => value.split(";")[0])
    .join("; ");
}

export function setCookiesOf(response: Response): string[] {
  return response.headers.getSetCookie();
}

/** The disclosure hash the merchant's application page put in an offer's accept form. */
export function shownDisclosureHash(page: string, offerId: string): string {
  const form = page.slice(page.indexOf(`name="offerId" value="${offerId}"`));
  return /name="disclosureSha256" value="([0-9a-f]{64})"/.exec(form)?.[1] ?? "";
}
