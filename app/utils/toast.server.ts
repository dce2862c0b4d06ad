// One-time messages after a successful POST ("Profile saved"), carried by a flash cookie across
// the redirect that follows it.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { z } from "zod";
import { env } from "./env.server";

const ToastSchema = z.object({
  kind: z.enum(["success", "info", "error"]).default("success"),
  title: z.string(),
  description: z.string().optional(),
  // A link to show with the message, e.g. a one-time invitation link (kept until dismissed).
  link: z.string().optional(),
});
export type Toast = z.infer<typeof ToastSchema>;

type ToastFlash = { toast: Toast };
let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, ToastFlash>> | undefined;

function toastStorage() {
  const config = env();
  storage ??= createCookieSessionStorage<Record<string, never>, ToastFlash>({
    cookie: {
      name: "__toast",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: config.APP_URL.startsWith("https:"),
      secrets: config.SESSION_SECRET,
    },
  });
  return storage;
}

export async function toastCookie(toast: Toast): Promise<string> {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, headers: HeadersInit = {}) {
  const merged = new Headers(headers);
  merged.append("Set-Cookie", await toastCookie(toast));
  return redirect(url, { headers: merged });
}

/** The pending toast, if any, and the header that clears it. */
export async function readToast(
  request: Request,
): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const parsed = ToastSchema.safeParse(session.get("toast"));
  if (!parsed.success) return { toast: null, setCookie: null };
  return { toast: parsed.data, setCookie: await toastStorage().destroySession(session) };
}
