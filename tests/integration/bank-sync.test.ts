import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { createSandboxPublicToken, resetPlaidClient } from "~/domain/bank/plaid.server";
import { connectBank, disconnectBank, syncConnection } from "~/domain/bank/sync.server";
import { verifyPlaidWebhook } from "~/domain/bank/webhooks.server";
import { decryptSecret } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { largeHistory } from "../../scripts/plaid-sandbox/personas";
import { servedTransactionCount, startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const hooks: { body: string; jwt: string }[] = [];
let hookServer: ReturnType<typeof createServer>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      hooks.push({ body, jwt: String(req.headers["plaid-verification"] ?? "") });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", () => resolve()));
  const address = hookServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  overrideEnvForTests({ PLAID_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/plaid` });
});
afterAll(async () => {
  hookServer.close();
  await sandbox.close();
});

const actor = (userId: string) => ({ id: userId, role: "MERCHANT" });

/** A merchant connected to the sandbox bank of a persona, or to a custom history of `count` rows. */
async function connected(persona: string | { count: number }) {
  const merchant = await createMerchant(prisma, {
    email: `${unique("bank")}@example.com`,
    userName: "B",
    password: "correct horse battery",
    legalName: "Bank LLC",
  });
  const public_token =
    typeof persona === "string"
      ? (await createSandboxPublicToken(persona)).public_token
      : String(
          (
            await sandbox.local("/sandbox/public_token/create", {
              institution_id: "ins_109508",
              options: {
                override_username: "user_custom",
                override_password: JSON.stringify(largeHistory(persona.count)),
                transactions: { days_requested: 730 },
              },
            })
          ).body.public_token,
        );
  const { connectionId } = await connectBank(prisma, {
    merchantId: merchant.merchantId,
    publicToken: public_token,
    actor: actor(merchant.userId),
    ip: "127.0.0.1",
  });
  const accessToken = decryptSecret(
    (
      await prisma.bankConnection.findUniqueOrThrow({
        where: { id: connectionId },
        select: { accessTokenEncrypted: true },
      })
    ).accessTokenEncrypted,
  );
  return { ...merchant, connectionId, accessToken };
}

function expectedCount(persona: "steady_exporter" | "new_business" | "declining_business") {
  return servedTransactionCount(persona);
}

async function rowsOf(merchantId: string) {
  return prisma.bankTransaction.findMany({
    where: { merchantId },
    select: {
      plaidTransactionId: true,
      amountCents: true,
      name: true,
      pending: true,
      removedAt: true,
      categoryDetailed: true,
    },
  });
}

describe("bank sync", () => {
  it("connects, stores the accounts with the token encrypted, and syncs every transaction once", async () => {
    const bank = await connected("steady_exporter");
    const stored = await prisma.bankConnection.findUniqueOrThrow({
      where: { id: bank.connectionId },
      select: { accessTokenEncrypted: true, status: true },
    });
    expect(stored.accessTokenEncrypted).not.toContain("access-sandbox");
    expect(stored.status).toBe("ACTIVE");
    expect(await prisma.bankAccount.count({ where: { merchantId: bank.merchantId } })).toBe(2);

    const first = await syncConnection(prisma, bank.connectionId);
    expect(first).toMatchObject({ status: "synced", added: expectedCount("steady_exporter") });
    const rows = await rowsOf(bank.merchantId);
    expect(rows).toHaveLength(expectedCount("steady_exporter"));
    // Our sign: money in is positive.
    expect(rows.find((r) => r.name.startsWith("WIRE IN"))?.amountCents).toBeGreaterThan(0);
    expect(rows.find((r) => r.name.includes("PAYROLL"))?.amountCents).toBeLessThan(0);

    const again = await syncConnection(prisma, bank.connectionId);
    expect(again).toMatchObject({ status: "synced", added: 0 });
    expect(await rowsOf(bank.merchantId)).toEqual(rows);
    const connection = await prisma.bankConnection.findUniqueOrThrow({
      where: { id: bank.connectionId },
      select: { lastSyncedAt: true, syncStartedAt: true },
    });
    expect(connection.lastSyncedAt).not.toBeNull();
    expect(connection.syncStartedAt).toBeNull();
  });

  it("resumes after a failure in the middle of the pages with no duplicate and no gap", async () => {
    const bank = await connected("steady_exporter");
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "INTERNAL_SERVER_ERROR", after: 2 }],
    });
    const failed = await syncConnection(prisma, bank.connectionId, {
      pageSize: 100,
      maxRetries: 2,
      retryBaseMs: 1,
    });
    expect(failed).toMatchObject({ status: "failed", retryable: true });
    expect(await prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } })).toBe(200);
    const halfway = await prisma.bankConnection.findUniqueOrThrow({
      where: { id: bank.connectionId },
      select: { status: true, syncCursor: true, lastSyncError: true },
    });
    expect(halfway.status).toBe("ACTIVE");
    expect(halfway.syncCursor).toBeTruthy();
    expect(halfway.lastSyncError).toMatch(/kept/);

    await sandbox.local("/sandbox/local/failures/clear", {});
    const resumed = await syncConnection(prisma, bank.connectionId, { pageSize: 100 });
    expect(resumed).toMatchObject({ status: "synced", added: expectedCount("steady_exporter") - 200 });
    const rows = await rowsOf(bank.merchantId);
    expect(rows).toHaveLength(expectedCount("steady_exporter"));
    expect(new Set(rows.map((r) => r.plaidTransactionId)).size).toBe(rows.length);
  });

  it("retries rate limits with backoff and loses nothing", async () => {
    const bank = await connected("new_business");
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "RATE_LIMIT_EXCEEDED", times: 2 }],
    });
    const outcome = await syncConnection(prisma, bank.connectionId, { retryBaseMs: 1 });
    await sandbox.local("/sandbox/local/failures/clear", {});
    expect(outcome).toMatchObject({ status: "synced", added: expectedCount("new_business") });
  });

  it("restarts from the loop's first cursor when Plaid's data changes during pagination", async () => {
    const bank = await connected("steady_exporter");
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [
        {
          endpoint: "/transactions/sync",
          error: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
          after: 1,
          times: 1,
        },
      ],
    });
    const outcome = await syncConnection(prisma, bank.connectionId, { pageSize: 400 });
    await sandbox.local("/sandbox/local/failures/clear", {});
    expect(outcome.status).toBe("synced");
    expect(await prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } })).toBe(
      expectedCount("steady_exporter"),
    );
  });

  it("applies modified and removed transactions, and keeps pending ones apart", async () => {
    const bank = await connected("new_business");
    await syncConnection(prisma, bank.connectionId);
    const rows = await rowsOf(bank.merchantId);
    const [target, gone] = rows.filter((r) => !r.pending);
    expect(rows.some((r) => r.pending)).toBe(true);
    await sandbox.local("/sandbox/local/transactions/modify", {
      access_token: bank.accessToken,
      transaction_id: target?.plaidTransactionId,
      amount: -4321.09,
    });
    await sandbox.local("/sandbox/local/transactions/remove", {
      access_token: bank.accessToken,
      transaction_ids: [gone?.plaidTransactionId],
    });
    await sandbox.local("/sandbox/local/transactions/post_pending", { access_token: bank.accessToken });
    const outcome = await syncConnection(prisma, bank.connectionId);
    expect(outcome).toMatchObject({ status: "synced", modified: 1 });
    const after = await rowsOf(bank.merchantId);
    expect(after.find((r) => r.plaidTransactionId === target?.plaidTransactionId)?.amountCents).toBe(432109);
    expect(after.find((r) => r.plaidTransactionId === gone?.plaidTransactionId)?.removedAt).not.toBeNull();
    const live = after.filter((r) => r.removedAt === null);
    expect(live.some((r) => r.pending)).toBe(false);
    expect(live.length).toBe(rows.length - 1);
  });

  it("marks the connection LOGIN_REQUIRED on ITEM_LOGIN_REQUIRED and recovers after the merchant signs in again", async () => {
    const bank = await connected("new_business");
    await syncConnection(prisma, bank.connectionId);
    const before = await prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } });
    await sandbox.local("/sandbox/item/reset_login", { access_token: bank.accessToken });
    expect(await syncConnection(prisma, bank.connectionId)).toEqual({ status: "login-required" });
    const connection = await prisma.bankConnection.findUniqueOrThrow({
      where: { id: bank.connectionId },
      select: { status: true, lastSyncError: true },
    });
    expect(connection.status).toBe("LOGIN_REQUIRED");
    expect(connection.lastSyncError).toBeTruthy();
    expect(await prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } })).toBe(before);

    const cookie = await cookieFor(bank.userId);
    const response = await request(`/merchant/bank/${bank.connectionId}`, {
      cookie,
      form: { intent: "reconnect" },
    });
    expect(response.status).toBe(302);
    await expect
      .poll(
        async () =>
          (
            await prisma.bankConnection.findUniqueOrThrow({
              where: { id: bank.connectionId },
              select: { status: true },
            })
          ).status,
      )
      .toBe("ACTIVE");
  });

  it("survives 429s, a 500, a timeout and ITEM_LOGIN_REQUIRED in the middle of a long sync: nothing lost, nothing twice", async () => {
    const bank = await connected({ count: 3000 });
    overrideEnvForTests({ PLAID_TIMEOUT_MS: 1500 }); // well above a loaded machine's slowest honest answer
    resetPlaidClient();
    // Page calls are counted from here: 4–5 are rate-limited, 8 fails, 11 hangs past the client's
    // timeout, 14 finds the bank wanting the merchant to sign in again.
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [
        { endpoint: "/transactions/sync", error: "RATE_LIMIT_EXCEEDED", after: 3, times: 2 },
        { endpoint: "/transactions/sync", error: "INTERNAL_SERVER_ERROR", after: 7, times: 1 },
        { endpoint: "/transactions/sync", error: "SLOW", delayMs: 4000, after: 10, times: 1 },
        { endpoint: "/transactions/sync", error: "ITEM_LOGIN_REQUIRED", after: 13, times: 1 },
      ],
    });
    try {
      const first = await syncConnection(prisma, bank.connectionId, {
        pageSize: 100,
        retryBaseMs: 1,
        maxRetries: 3,
      });
      expect(first).toEqual({ status: "login-required" });
      // Pages 1–9 (calls 1–3, 6–7, 9–10, 12–13) were committed before the bank asked for a login.
      const halfway = await rowsOf(bank.merchantId);
      expect(halfway).toHaveLength(900);
      expect(new Set(halfway.map((r) => r.plaidTransactionId)).size).toBe(900);
      expect(
        (
          await prisma.bankConnection.findUniqueOrThrow({
            where: { id: bank.connectionId },
            select: { status: true },
          })
        ).status,
      ).toBe("LOGIN_REQUIRED");
    } finally {
      await sandbox.local("/sandbox/local/failures/clear", {});
      overrideEnvForTests({ PLAID_TIMEOUT_MS: 30_000 });
      resetPlaidClient();
    }
    // The merchant signs in again; the sync goes on from its cursor to the end.
    await prisma.bankConnection.update({ where: { id: bank.connectionId }, data: { status: "ACTIVE" } });
    const second = await syncConnection(prisma, bank.connectionId, { pageSize: 100 });
    expect(second).toMatchObject({ status: "synced", added: 3000 - 900 });
    const rows = await rowsOf(bank.merchantId);
    expect(rows).toHaveLength(3000);
    expect(new Set(rows.map((r) => r.plaidTransactionId)).size).toBe(rows.length);
  });

  it("disconnects: removes the item at Plaid, stops syncing and keeps the history", async () => {
    const bank = await connected("new_business");
    await syncConnection(prisma, bank.connectionId);
    const before = await prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } });
    expect(
      await disconnectBank(prisma, {
        merchantId: bank.merchantId,
        connectionId: bank.connectionId,
        actor: actor(bank.userId),
        ip: "127.0.0.1",
      }),
    ).toBe(true);
    expect(await syncConnection(prisma, bank.connectionId)).toEqual({ status: "busy" });
    const gone = await sandbox.local("/accounts/get", { access_token: bank.accessToken });
    expect(gone.body.error_code).toBe("ITEM_NOT_FOUND");
    expect(await prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } })).toBe(before);
  });
});

describe("Plaid webhooks", () => {
  async function captured(persona = "new_business") {
    const bank = await connected(persona);
    hooks.length = 0;
    await sandbox.local("/sandbox/item/fire_webhook", {
      access_token: bank.accessToken,
      webhook_code: "SYNC_UPDATES_AVAILABLE",
    });
    await expect.poll(() => hooks.length).toBe(1);
    const hook = hooks[0];
    if (!hook) throw new Error("no webhook");
    return { bank, hook };
  }

  it("accepts a genuine webhook and rejects tampered, expired and forged ones", async () => {
    const { hook } = await captured();
    expect(await verifyPlaidWebhook(hook.body, hook.jwt)).toEqual({ ok: true });
    expect(
      (await verifyPlaidWebhook(hook.body.replace("SYNC_UPDATES_AVAILABLE", "DEFAULT_UPDATE"), hook.jwt)).ok,
    ).toBe(false);
    expect((await verifyPlaidWebhook(hook.body, hook.jwt, new Date(Date.now() + 6 * 60_000))).ok).toBe(false);
    expect((await verifyPlaidWebhook(hook.body, null)).ok).toBe(false);
    expect((await verifyPlaidWebhook(hook.body, "not.a.jwt")).ok).toBe(false);

    // Signed with another key under the sandbox's key id: refused.
    const kid = JSON.parse(Buffer.from(hook.jwt.split(".")[0] ?? "", "base64url").toString()).kid;
    const { privateKey } = await generateKeyPair("ES256");
    const { createHash } = await import("node:crypto");
    const forged = await new SignJWT({
      request_body_sha256: createHash("sha256").update(hook.body).digest("hex"),
    })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuedAt()
      .sign(privateKey);
    expect((await verifyPlaidWebhook(hook.body, forged)).ok).toBe(false);
    // An HS256 token (algorithm confusion) is refused before any key is used.
    const { privateKey: other, publicKey } = await generateKeyPair("ES256");
    expect(await exportJWK(publicKey)).toBeTruthy();
    const wrongKid = await new SignJWT({ request_body_sha256: "x" })
      .setProtectedHeader({ alg: "ES256", kid: "unknown-kid" })
      .setIssuedAt()
      .sign(other);
    expect(await verifyPlaidWebhook(hook.body, wrongKid)).toEqual({ ok: false, reason: "unknown key" });
  });

  it("the webhook route syncs on SYNC_UPDATES_AVAILABLE and refuses a forged call with 401", async () => {
    const { bank, hook } = await captured();
    const forged = await request("/webhooks/plaid", {
      method: "POST",
      headers: { "Plaid-Verification": hook.jwt, "Content-Type": "application/json" },
      body: hook.body.replace("TRANSACTIONS", "TRANSACTIONZ"),
    });
    expect(forged.status, await forged.clone().text()).toBe(401);
    const response = await request("/webhooks/plaid", {
      method: "POST",
      headers: { "Plaid-Verification": hook.jwt, "Content-Type": "application/json" },
      body: hook.body,
    });
    expect(response.status).toBe(200);
    await expect
      .poll(() => prisma.bankTransaction.count({ where: { merchantId: bank.merchantId } }))
      .toBe(expectedCount("new_business"));
  });

  it("counts a flood of forged webhooks instead of writing each one to the audit trail", async () => {
    await prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: "webhook-refused:" } } });
    const before = await prisma.auditEvent.count({ where: { action: "bank.webhook_refused" } });
    for (let i = 0; i < 12; i++) {
      const forged = await request("/webhooks/plaid", {
        method: "POST",
        headers: { "Plaid-Verification": "not-a-jwt", "Content-Type": "application/json" },
        body: JSON.stringify({ webhook_type: "TRANSACTIONS", n: i }),
        ip: `203.0.113.${i}`,
      });
      expect(forged.status).toBe(401);
    }
    expect(await prisma.auditEvent.count({ where: { action: "bank.webhook_refused" } })).toBe(before + 1);
    // The next window's first refusal carries the count of those the trail did not hold.
    await prisma.rateLimitBucket.updateMany({
      where: { key: "webhook-refused:plaid" },
      data: { windowStart: new Date(Date.now() - 11 * 60_000) },
    });
    await request("/webhooks/plaid", {
      method: "POST",
      headers: { "Plaid-Verification": "not-a-jwt", "Content-Type": "application/json" },
      body: "{}",
    });
    const latest = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "bank.webhook_refused" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(latest.summaryJson)).toMatchObject({ suppressedBefore: 11 });
  });
});
