// Plaid's webhooks (a resource route: it answers with plain Responses). Not a browser request: no session; trust comes only from the verified
// signature over the exact raw body.
import type { ActionFunctionArgs } from "@remix-run/node";
import { recordLimited } from "~/domain/audit/refusals.server";
import { handlePlaidWebhook, type PlaidWebhook, verifyPlaidWebhook } from "~/domain/bank/webhooks.server";
import { prisma } from "~/utils/db.server";
import { bodyTextAtMost } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";

const MAX_BODY_BYTES = 256 * 1024;
const WEBHOOK_REFUSAL_WINDOW_MS = 10 * 60_000;

export async function loader() {
  return Response.json(
    { message: "Plaid webhooks are POSTed here." },
    { status: 405, headers: { Allow: "POST" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  let raw: string | null;
  try {
    raw = await bodyTextAtMost(request, MAX_BODY_BYTES);
  } catch {
    return Response.json({ message: "The body is not UTF-8 text." }, { status: 400 });
  }
  if (raw === null) return Response.json({ message: "Body too large." }, { status: 413 });
  const verdict = await verifyPlaidWebhook(raw, request.headers.get("Plaid-Verification"));
  if (!verdict.ok) {
    // Anyone can post here: refusals are counted, and the trail gets at most one event per
    // window carrying how many came since, so forged calls cannot flood it.
    await recordLimited(
      prisma,
      { key: "webhook-refused:plaid", limit: 1, windowMs: WEBHOOK_REFUSAL_WINDOW_MS },
      {
        actor: null,
        action: "bank.webhook_refused",
        entityType: "BankConnection",
        summary: { reason: verdict.reason },
        ip: clientIp(context),
      },
    );
    return Response.json({ message: "Webhook signature refused." }, { status: 401 });
  }
  let webhook: PlaidWebhook;
  try {
    webhook = JSON.parse(raw) as PlaidWebhook;
  } catch {
    return Response.json({ message: "The body is not JSON." }, { status: 400 });
  }
  const outcome = await handlePlaidWebhook(prisma, webhook);
  return Response.json({ received: true, outcome });
}
