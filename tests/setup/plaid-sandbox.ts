// Starts the local Plaid sandbox inside a test process and points the app's Plaid client at it.
import { resetPlaidClient } from "~/domain/bank/plaid.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { type PersonaId, personaCustomUser } from "../../scripts/plaid-sandbox/personas";
import { createPlaidSandbox } from "../../scripts/plaid-sandbox/server";

export const SANDBOX_CREDENTIALS = { clientId: "local-client-id", secret: "local-secret" };
export const SANDBOX_TODAY = "2026-11-20";

export async function startTestSandbox(options: { today?: string } = {}) {
  const sandbox = await createPlaidSandbox({
    ...SANDBOX_CREDENTIALS,
    today: () => options.today ?? SANDBOX_TODAY,
  });
  const server = await sandbox.listen(0);
  process.env.PLAID_BASE_PATH = server.url;
  overrideEnvForTests({ PLAID_BASE_PATH: server.url, PLAID_SYNC_RETRY_BASE_MS: 1 });
  resetPlaidClient();
  const local = async (endpoint: string, body: Record<string, unknown>) => {
    const response = await fetch(`${server.url}${endpoint}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        client_id: SANDBOX_CREDENTIALS.clientId,
        secret: SANDBOX_CREDENTIALS.secret,
        ...body,
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { url: server.url, close: server.close, local };
}

/** How many transactions of a persona a 730-day item serves (Plaid's longest history). */
export function servedTransactionCount(persona: PersonaId, today = SANDBOX_TODAY, days = 730): number {
  const windowStart = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return personaCustomUser(persona, today).override_accounts.reduce(
    (n, account) => n + account.transactions.filter((t) => t.date_posted >= windowStart).length,
    0,
  );
}
