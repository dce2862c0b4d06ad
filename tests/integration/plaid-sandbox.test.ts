// Contract tests of the local Plaid sandbox through the real `plaid` client: every endpoint the
// app uses, Plaid's error shapes and statuses, and cursor pagination over several pages.
import { Configuration, PlaidApi, Products } from "plaid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlaidApiError, toPlaidApiError } from "~/domain/bank/plaid.server";
import { SANDBOX_TODAY, servedTransactionCount, startTestSandbox } from "../setup/plaid-sandbox";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let plaid: PlaidApi;

function clientWith(clientId: string, secret: string) {
  return new PlaidApi(
    new Configuration({
      basePath: sandbox.url,
      baseOptions: { headers: { "PLAID-CLIENT-ID": clientId, "PLAID-SECRET": secret } },
    }),
  );
}

async function plaidError(promise: Promise<unknown>): Promise<PlaidApiError> {
  try {
    await promise;
  } catch (error) {
    return toPlaidApiError(error);
  }
  throw new Error("expected Plaid to answer with an error");
}

async function newItem(persona = "steady_exporter", days = 730, webhook?: string) {
  const { data: created } = await plaid.sandboxPublicTokenCreate({
    institution_id: "ins_109508",
    initial_products: [Products.Transactions],
    options: {
      override_username: "user_custom",
      override_password: JSON.stringify({ persona }),
      transactions: { days_requested: days },
      webhook,
    },
  });
  const { data: exchanged } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
  return exchanged;
}

async function syncAll(accessToken: string, count = 500) {
  const added: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const { data } = await plaid.transactionsSync({ access_token: accessToken, cursor, count });
    added.push(...data.added.map((t) => t.transaction_id));
    pages += 1;
    cursor = data.next_cursor;
    if (!data.has_more) return { added, pages, cursor, last: data };
  }
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  plaid = clientWith("local-client-id", "local-secret");
});
afterAll(async () => {
  await sandbox.close();
});

describe("local Plaid sandbox", () => {
  it("creates link tokens", async () => {
    const { data } = await plaid.linkTokenCreate({
      client_name: "TradeLift",
      language: "en",
      country_codes: ["US" as never],
      user: { client_user_id: "user-1" },
      products: [Products.Transactions],
    });
    expect(data.link_token).toMatch(/^link-sandbox-/);
    expect(Date.parse(data.expiration)).toBeGreaterThan(Date.now());
    expect(data.request_id).toBeTruthy();
  });

  it("exchanges a public token once, and lists the persona's accounts with balances", async () => {
    const { data: created } = await plaid.sandboxPublicTokenCreate({
      institution_id: "ins_109508",
      initial_products: [Products.Transactions],
      options: {
        override_username: "user_custom",
        override_password: JSON.stringify({ persona: "steady_exporter" }),
      },
    });
    const { data: exchanged } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
    expect(exchanged.access_token).toMatch(/^access-sandbox-/);
    const reused = await plaidError(plaid.itemPublicTokenExchange({ public_token: created.public_token }));
    expect([reused.status, reused.errorType, reused.errorCode]).toEqual([
      400,
      "INVALID_INPUT",
      "INVALID_PUBLIC_TOKEN",
    ]);

    const { data } = await plaid.accountsGet({ access_token: exchanged.access_token });
    expect(data.accounts.map((a) => [a.type, a.subtype, a.mask])).toEqual([
      ["depository", "checking", "0000"],
      ["depository", "savings", "1111"],
    ]);
    expect(typeof data.accounts[0]?.balances.current).toBe("number");
    expect(data.item.institution_name).toBe("First Platypus Bank");
  });

  it("accepts a custom user in Plaid's override_accounts format", async () => {
    const user = {
      override_accounts: [
        {
          type: "depository",
          subtype: "checking",
          starting_balance: 1000,
          meta: { name: "Ops", mask: "9999" },
          transactions: [
            {
              date_transacted: "2026-11-01",
              date_posted: "2026-11-02",
              amount: -500,
              description: "WIRE IN KYOTO TEA CO",
              currency: "USD",
            },
            {
              date_transacted: "2026-11-03",
              date_posted: "2026-11-03",
              amount: 120.5,
              description: "FLEXPORT INC FREIGHT",
              currency: "USD",
            },
          ],
        },
      ],
    };
    const { data: created } = await plaid.sandboxPublicTokenCreate({
      institution_id: "ins_109508",
      initial_products: [Products.Transactions],
      options: { override_username: "user_custom", override_password: JSON.stringify(user) },
    });
    const { data: exchanged } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
    const { data } = await plaid.transactionsSync({ access_token: exchanged.access_token });
    expect(data.added.map((t) => [t.amount, t.name, t.personal_finance_category?.detailed])).toEqual([
      [-500, "WIRE IN KYOTO TEA CO", "INCOME_OTHER_INCOME"],
      [120.5, "FLEXPORT INC FREIGHT", "GENERAL_SERVICES_POSTAGE_AND_SHIPPING"],
    ]);
    expect(data.added[0]?.counterparties?.[0]?.name).toBe("KYOTO TEA CO");
    expect(data.accounts[0]?.balances.current).toBe(1379.5);
  });

  it("pages /transactions/sync with cursors, count up to 500 and has_more", async () => {
    const item = await newItem("steady_exporter");
    const expected = servedTransactionCount("steady_exporter");
    const small = await syncAll(item.access_token, 100);
    expect(small.pages).toBeGreaterThan(3);
    expect(new Set(small.added).size).toBe(small.added.length);
    expect(small.added.length).toBe(expected);
    const big = await syncAll(item.access_token, 500);
    expect(big.added.length).toBe(expected);
    // Nothing new after the last cursor.
    const { data } = await plaid.transactionsSync({ access_token: item.access_token, cursor: small.cursor });
    expect([data.added.length, data.has_more, data.next_cursor]).toEqual([0, false, small.cursor]);
    const tooMany = await plaidError(plaid.transactionsSync({ access_token: item.access_token, count: 501 }));
    expect([tooMany.status, tooMany.errorCode]).toEqual([400, "INVALID_FIELD"]);
    const badCursor = await plaidError(
      plaid.transactionsSync({ access_token: item.access_token, cursor: "not-a-cursor" }),
    );
    expect(badCursor.errorCode).toBe("INVALID_FIELD");
  });

  it("uses Plaid's sign (positive = money out) and honours days_requested", async () => {
    const short = await newItem("steady_exporter", 90);
    const { added } = await syncAll(short.access_token);
    const full = await newItem("steady_exporter", 730);
    const all = await syncAll(full.access_token);
    expect(added.length).toBeLessThan(all.added.length / 4);
    const { data } = await plaid.transactionsSync({ access_token: full.access_token, count: 500 });
    const wire = data.added.find((t) => t.name.startsWith("WIRE IN"));
    const payroll = data.added.find((t) => t.name.includes("PAYROLL"));
    expect(wire?.amount).toBeLessThan(0);
    expect(payroll?.amount).toBeGreaterThan(0);
  });

  it("reports added, modified and removed transactions after changes", async () => {
    const item = await newItem("new_business");
    const first = await syncAll(item.access_token);
    const [target, gone] = first.added;
    await sandbox.local("/sandbox/local/transactions/modify", {
      access_token: item.access_token,
      transaction_id: target,
      amount: 999.99,
    });
    await sandbox.local("/sandbox/local/transactions/remove", {
      access_token: item.access_token,
      transaction_ids: [gone],
    });
    await plaid.sandboxTransactionsCreate({
      access_token: item.access_token,
      transactions: [
        {
          amount: -1234.56,
          date_posted: "2026-11-19",
          date_transacted: "2026-11-19",
          description: "WIRE IN ORCHID BEAUTY PTE LTD",
        },
      ],
    });
    const { data } = await plaid.transactionsSync({ access_token: item.access_token, cursor: first.cursor });
    expect(data.modified.map((t) => [t.transaction_id, t.amount])).toEqual([[target, 999.99]]);
    expect(data.removed.map((t) => t.transaction_id)).toEqual([gone]);
    expect(data.added.map((t) => t.amount)).toEqual([-1234.56]);
  });

  it("serves a new Item's history in Plaid's steps: NOT_READY, the last 30 days, then the rest", async () => {
    expect((await sandbox.local("/sandbox/local/history/delay", { delay_ms: 1200 })).status).toBe(200);
    try {
      const item = await newItem("steady_exporter");
      const first = (await plaid.transactionsSync({ access_token: item.access_token })).data;
      expect([
        first.transactions_update_status,
        first.next_cursor,
        first.added.length,
        first.has_more,
      ]).toEqual(["NOT_READY", "", 0, false]);
      let initial = first;
      await expect
        .poll(async () => {
          initial = (await plaid.transactionsSync({ access_token: item.access_token, count: 500 })).data;
          return initial.transactions_update_status;
        })
        .toBe("INITIAL_UPDATE_COMPLETE");
      const monthAgo = new Date(Date.parse(`${SANDBOX_TODAY}T00:00:00Z`) - 30 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(initial.added.length).toBeGreaterThan(0);
      expect(initial.added.every((t) => t.date >= monthAgo)).toBe(true);
      expect(initial.has_more).toBe(false);

      let rest = initial;
      await expect
        .poll(async () => {
          rest = (
            await plaid.transactionsSync({
              access_token: item.access_token,
              cursor: initial.next_cursor,
              count: 500,
            })
          ).data;
          return rest.transactions_update_status;
        })
        .toBe("HISTORICAL_UPDATE_COMPLETE");
      const { added } = await syncAll(item.access_token);
      expect(added).toHaveLength(servedTransactionCount("steady_exporter"));
      expect(rest.added.every((t) => t.date < monthAgo)).toBe(true);
    } finally {
      await sandbox.local("/sandbox/local/history/delay", { delay_ms: 0 });
    }
  });

  it("answers with Plaid's error objects and statuses", async () => {
    const keys = await plaidError(
      clientWith("local-client-id", "wrong").accountsGet({ access_token: "access-sandbox-x" }),
    );
    expect([keys.status, keys.errorType, keys.errorCode]).toEqual([400, "INVALID_INPUT", "INVALID_API_KEYS"]);
    expect(keys.requestId).toBeTruthy();
    const token = await plaidError(plaid.accountsGet({ access_token: "access-sandbox-unknown" }));
    expect([token.status, token.errorCode]).toEqual([400, "INVALID_ACCESS_TOKEN"]);

    const item = await newItem("new_business");
    await plaid.sandboxItemResetLogin({ access_token: item.access_token });
    const login = await plaidError(plaid.transactionsSync({ access_token: item.access_token }));
    expect([login.status, login.errorType, login.errorCode]).toEqual([
      400,
      "ITEM_ERROR",
      "ITEM_LOGIN_REQUIRED",
    ]);
    expect(login.displayMessage).toBeTruthy();

    await sandbox.local("/sandbox/local/failures/set", {
      rules: [
        { endpoint: "/accounts/get", error: "RATE_LIMIT_EXCEEDED", times: 1 },
        { endpoint: "/item/get", error: "INTERNAL_SERVER_ERROR", times: 1 },
      ],
    });
    const other = await newItem("new_business");
    const limited = await plaidError(plaid.accountsGet({ access_token: other.access_token }));
    expect([limited.status, limited.errorType, limited.errorCode, limited.retryable]).toEqual([
      429,
      "RATE_LIMIT_EXCEEDED",
      "ACCOUNTS_LIMIT",
      true,
    ]);
    const crashed = await plaidError(plaid.itemGet({ access_token: other.access_token }));
    expect([crashed.status, crashed.errorType, crashed.retryable]).toEqual([500, "API_ERROR", true]);
    // Each failure happened once; the next calls succeed.
    expect((await plaid.accountsGet({ access_token: other.access_token })).status).toBe(200);
    await sandbox.local("/sandbox/local/failures/clear", {});
  });

  it("answers slowly on demand", async () => {
    const item = await newItem("new_business");
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/accounts/get", error: "SLOW", delayMs: 300, times: 1 }],
    });
    const started = performance.now();
    await plaid.accountsGet({ access_token: item.access_token });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await sandbox.local("/sandbox/local/failures/clear", {});
  });

  it("removes items, fires webhooks and serves its verification key", async () => {
    const received: { headers: Headers; body: string }[] = [];
    const { createServer } = await import("node:http");
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ headers: new Headers(req.headers as Record<string, string>), body });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", () => resolve()));
    const address = hook.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const item = await newItem("new_business", 730, `http://127.0.0.1:${port}/hook`);
    await plaid.sandboxItemFireWebhook({
      access_token: item.access_token,
      webhook_code: "SYNC_UPDATES_AVAILABLE" as never,
    });
    await expect.poll(() => received.length).toBe(1);
    const body = JSON.parse(received[0]?.body ?? "{}");
    expect(body).toMatchObject({
      webhook_type: "TRANSACTIONS",
      webhook_code: "SYNC_UPDATES_AVAILABLE",
      item_id: item.item_id,
    });
    const jwt = received[0]?.headers.get("plaid-verification") ?? "";
    const kid = JSON.parse(Buffer.from(jwt.split(".")[0] ?? "", "base64url").toString()).kid;
    const { data } = await plaid.webhookVerificationKeyGet({ key_id: kid });
    expect(data.key).toMatchObject({ alg: "ES256", crv: "P-256", kty: "EC", kid });
    hook.close();

    await plaid.itemRemove({ access_token: item.access_token });
    // Plaid forgets a removed Item: ITEM_NOT_FOUND, removing it again included.
    const removed = await plaidError(plaid.accountsGet({ access_token: item.access_token }));
    expect([removed.status, removed.errorType, removed.errorCode]).toEqual([
      400,
      "ITEM_ERROR",
      "ITEM_NOT_FOUND",
    ]);
    const again = await plaidError(plaid.itemRemove({ access_token: item.access_token }));
    expect(again.errorCode).toBe("ITEM_NOT_FOUND");
  });
});
