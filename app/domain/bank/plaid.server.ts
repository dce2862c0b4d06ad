// The only module that talks to Plaid, through the real `plaid` client. PLAID_ENV=local points
// the same client at the project's Plaid-compatible sandbox (scripts/plaid-sandbox); sandbox and
// production talk to Plaid. Access tokens come in and go out of here only to reach Plaid.
import http from "node:http";
import https from "node:https";
import {
  type AccountBase,
  Configuration,
  CountryCode,
  PlaidApi,
  PlaidEnvironments,
  Products,
  type RemovedTransaction,
  type Transaction,
} from "plaid";
import { env } from "~/utils/env.server";

export type {
  AccountBase as PlaidAccount,
  RemovedTransaction as PlaidRemovedTransaction,
  Transaction as PlaidTransaction,
};

export function plaidBasePath(): string {
  const config = env();
  if (config.PLAID_BASE_PATH) return config.PLAID_BASE_PATH;
  if (config.PLAID_ENV === "local") return `http://127.0.0.1:${config.PLAID_SANDBOX_PORT}`;
  return PlaidEnvironments[config.PLAID_ENV] ?? PlaidEnvironments.sandbox ?? "";
}

let client: PlaidApi | undefined;

export function plaidClient(): PlaidApi {
  if (!client) {
    const config = env();
    client = new PlaidApi(
      new Configuration({
        basePath: plaidBasePath(),
        baseOptions: {
          timeout: config.PLAID_TIMEOUT_MS,
          // One connection reused across a sync's pages: no TCP and TLS handshake per page.
          httpAgent: new http.Agent({ keepAlive: true }),
          httpsAgent: new https.Agent({ keepAlive: true }),
          headers: { "PLAID-CLIENT-ID": config.PLAID_CLIENT_ID, "PLAID-SECRET": config.PLAID_SECRET },
        },
      }),
    );
  }
  return client;
}

/** Tests only: forget the client so the next call uses the current settings. */
export function resetPlaidClient(): void {
  client = undefined;
}

/** Plaid's error object, or a network failure, as one error type. */
export class PlaidApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly errorCode: string,
    message: string,
    readonly displayMessage: string | null,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = "PlaidApiError";
  }

  /** Rate limits, Plaid's 5xx and network failures: worth trying again later. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || this.status === 0;
  }
}

type AxiosLikeError = {
  response?: { status?: number; data?: Record<string, unknown> };
  code?: string;
  message?: string;
};

export function toPlaidApiError(error: unknown): PlaidApiError {
  if (error instanceof PlaidApiError) return error;
  const e = error as AxiosLikeError;
  const data = e.response?.data ?? {};
  if (e.response) {
    return new PlaidApiError(
      e.response.status ?? 500,
      String(data.error_type ?? "API_ERROR"),
      String(data.error_code ?? "UNKNOWN"),
      String(data.error_message ?? e.message ?? "Plaid answered with an error."),
      typeof data.display_message === "string" ? data.display_message : null,
      typeof data.request_id === "string" ? data.request_id : null,
    );
  }
  return new PlaidApiError(
    0,
    "NETWORK_ERROR",
    e.code ?? "NETWORK_ERROR",
    e.message ?? "Plaid could not be reached.",
    null,
    null,
  );
}

async function call<T>(request: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    throw toPlaidApiError(error);
  }
}

function webhookUrl(): string {
  const config = env();
  return config.PLAID_WEBHOOK_URL ?? new URL("/webhooks/plaid", config.APP_URL).toString();
}

/** A Link token for the browser (Plaid Link), new or in update mode for an existing item. */
export async function createLinkToken(input: { clientUserId: string; accessToken?: string }) {
  return call(() =>
    plaidClient().linkTokenCreate({
      client_name: "TradeLift",
      language: "en",
      country_codes: [CountryCode.Us],
      user: { client_user_id: input.clientUserId },
      webhook: webhookUrl(),
      ...(input.accessToken
        ? { access_token: input.accessToken }
        : { products: [Products.Transactions], transactions: { days_requested: 730 } }),
    }),
  );
}

/**
 * Local mode only: a public token for a sandbox persona, standing in for Plaid Link (which cannot
 * load offline). Everything after the public token is the production path.
 */
export async function createSandboxPublicToken(persona: string) {
  if (env().PLAID_ENV === "production") throw new Error("Sandbox public tokens do not exist in production.");
  return call(() =>
    plaidClient().sandboxPublicTokenCreate({
      institution_id: "ins_109508",
      initial_products: [Products.Transactions],
      options: {
        webhook: webhookUrl(),
        override_username: "user_custom",
        override_password: JSON.stringify({ persona }),
        transactions: { days_requested: 730 },
      },
    }),
  );
}

export async function exchangePublicToken(publicToken: string) {
  return call(() => plaidClient().itemPublicTokenExchange({ public_token: publicToken }));
}

export async function getAccounts(accessToken: string) {
  return call(() => plaidClient().accountsGet({ access_token: accessToken }));
}

export async function syncTransactions(accessToken: string, cursor: string | null, count = 500) {
  return call(() =>
    plaidClient().transactionsSync({
      access_token: accessToken,
      count,
      ...(cursor ? { cursor } : {}),
      options: { include_original_description: true },
    }),
  );
}

export async function removeItem(accessToken: string) {
  return call(() => plaidClient().itemRemove({ access_token: accessToken }));
}

export async function getWebhookVerificationKey(keyId: string) {
  return call(() => plaidClient().webhookVerificationKeyGet({ key_id: keyId }));
}

/** Local mode only: the merchant signs in to the sandbox bank again (Link's update mode). */
export async function localSandboxRelogin(accessToken: string): Promise<void> {
  const config = env();
  if (config.PLAID_ENV !== "local") throw new Error("Only the local sandbox has this shortcut.");
  const response = await fetch(new URL("/sandbox/local/item/login", plaidBasePath()), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      client_id: config.PLAID_CLIENT_ID,
      secret: config.PLAID_SECRET,
      access_token: accessToken,
    }),
    signal: AbortSignal.timeout(config.PLAID_TIMEOUT_MS),
  });
  if (!response.ok) {
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    throw toPlaidApiError({ response: { status: response.status, data } });
  }
}

export type SandboxPersona = { id: string; name: string; description: string };

/** Local mode only: the business personas the sandbox can connect, in place of Plaid Link. */
export async function listSandboxPersonas(): Promise<SandboxPersona[]> {
  const config = env();
  if (config.PLAID_ENV !== "local") return [];
  const response = await fetch(new URL("/sandbox/local/personas/list", plaidBasePath()), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: config.PLAID_CLIENT_ID, secret: config.PLAID_SECRET }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok)
    throw toPlaidApiError({
      response: { status: response.status, data: await response.json().catch(() => ({})) },
    });
  const body = (await response.json()) as { personas?: SandboxPersona[] };
  return body.personas ?? [];
}
