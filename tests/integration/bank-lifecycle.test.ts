// A bank connection's life, through the real app and the real local sandbox: Plaid's history
// arriving in steps (NOT_READY → INITIAL_UPDATE_COMPLETE → HISTORICAL_UPDATE_COMPLETE, announced
// by signed webhooks) with nothing scored or submitted before it is complete; a disconnected or
// revoked connection that no request can revive; a sync that outlives a disconnection and writes
// nothing after it; an Item Plaid already forgot (ITEM_NOT_FOUND) counted as removed.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportOrder, createMerchant, seedFxRates, unique } from "#tests/factories";
import { ApplicationSchema } from "~/domain/applications/application";
import { createDraft, submitApplication } from "~/domain/applications/applications.server";
import { createSandboxPublicToken, syncTransactions, toPlaidApiError } from "~/domain/bank/plaid.server";
import { connectBank, resumeInterruptedSyncs, syncConnection } from "~/domain/bank/sync.server";
import { handlePlaidWebhook } from "~/domain/bank/webhooks.server";
import { currentScoreReport, HISTORY_PENDING_REASON } from "~/domain/scoring/score.server";
import { decryptSecret } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { readToast } from "~/utils/toast.server";
import { largeHistory } from "../../scripts/plaid-sandbox/personas";
import { servedTransactionCount, startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, cookieHeader, request, setCookiesOf } from "./app";

const today = new Date().toISOString().slice(0, 10);
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let hookServer: ReturnType<typeof createServer>;
/** Every webhook the sandbox sent, in order. */
const hooks: Record<string, unknown>[] = [];
/** Whether webhooks go on to the app (off: as if they were lost on the way). */
let deliver = true;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
  // The sandbox's signed webhooks reach the app's webhook route through this relay.
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", async () => {
      hooks.push(JSON.parse(body));
      if (deliver) {
        await request("/webhooks/plaid", {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Plaid-Verification": String(req.headers["plaid-verification"] ?? ""),
          },
          body,
        });
      }
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", () => resolve()));
  const address = hookServer.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/webhooks/plaid`;
  // Both the built app (it reads the environment on its first request) and this process.
  process.env.PLAID_WEBHOOK_URL = url;
  overrideEnvForTests({ PLAID_WEBHOOK_URL: url });
});

afterAll(async () => {
  hookServer.close();
  await sandbox.close();
});

async function newMerchant() {
  const merchant = await createMerchant(prisma, {
    email: `${unique("lifecycle")}@example.com`,
    userName: "Lifecycle Owner",
    password: "correct horse battery staple",
    legalName: unique("Lifecycle Exports "),
    complete: true,
    yearFounded: 2012,
  });
  return { ...merchant, cookie: await cookieFor(merchant.userId) };
}

type Merchant = Awaited<ReturnType<typeof newMerchant>>;

/** Connected in the background of this process, as the app does after Plaid Link. */
async function connected(merchant: Merchant, persona: string | { count: number } = "new_business") {
  const publicToken =
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
                webhook: process.env.PLAID_WEBHOOK_URL,
              },
            })
          ).body.public_token,
        );
  const { connectionId } = await connectBank(prisma, {
    merchantId: merchant.merchantId,
    publicToken,
    actor: { id: merchant.userId, role: "MERCHANT" },
    ip: "127.0.0.1",
  });
  const row = await prisma.bankConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { accessTokenEncrypted: true, plaidItemId: true },
  });
  return { connectionId, itemId: row.plaidItemId, accessToken: decryptSecret(row.accessTokenEncrypted) };
}

function connection(id: string) {
  return prisma.bankConnection.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      historyStatus: true,
      syncCursor: true,
      syncStartedAt: true,
      disconnectedAt: true,
      lastSyncedAt: true,
    },
  });
}

function rows(merchantId: string) {
  return prisma.bankTransaction.count({ where: { merchantId } });
}

/** The connection's recorded moves (refused attempts are recorded too, as *.refused: not moves). */
function statusEvents(connectionId: string) {
  return prisma.auditEvent.findMany({
    where: {
      entityType: "BankConnection",
      entityId: connectionId,
      action: { notIn: ["access.refused", "transition.refused"] },
    },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorId: true, summaryJson: true },
  });
}

function disconnect(merchant: Merchant, connectionId: string, form: Record<string, string> = {}) {
  return request(`/merchant/bank/${connectionId}`, {
    cookie: merchant.cookie,
    form: { intent: "disconnect", confirmed: "yes", ...form },
  });
}

async function toastOf(response: Response) {
  const cookie = cookieHeader(...setCookiesOf(response));
  return (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast;
}

async function setHistoryDelay(ms: number) {
  expect((await sandbox.local("/sandbox/local/history/delay", { delay_ms: ms })).status).toBe(200);
}

describe("Plaid's history life cycle", () => {
  it("a new bank's history arrives in steps, announced by webhooks; nothing is scored or submitted before it is complete", async () => {
    await setHistoryDelay(4000);
    try {
      const merchant = await newMerchant();
      hooks.length = 0;
      const linked = await request("/merchant/bank", {
        cookie: merchant.cookie,
        form: { intent: "connect-sandbox", persona: "steady_exporter" },
      });
      expect(linked.status).toBe(302);
      const { id } = await prisma.bankConnection.findFirstOrThrow({
        where: { merchantId: merchant.merchantId },
        select: { id: true },
      });
      // Plaid has nothing yet: the app's first sync found NOT_READY and an empty cursor.
      expect((await connection(id)).historyStatus).toBe("NOT_READY");
      const page = await (await request("/merchant/bank", { cookie: merchant.cookie })).text();
      expect(page).toContain("Your bank is still sending history");
      expect(page).not.toContain("posted transactions from");

      const withheld = await currentScoreReport(prisma, merchant.merchantId);
      expect(withheld).toMatchObject({
        scoreable: false,
        score: null,
        grade: null,
        notScoreableReason: HISTORY_PENDING_REASON,
      });
      const order = await createExportOrder(prisma, {
        merchantId: merchant.merchantId,
        buyerName: "Yamato Outdoor Supply K.K.",
        buyerCountry: "JP",
        poNumber: unique("PO-"),
        amountMinor: 18_600_000n,
        currency: "JPY",
        orderDate: new Date(`${today}T00:00:00Z`),
        paymentTerm: "LETTER_OF_CREDIT",
        paymentTermDays: 60,
        incoterm: "FOB",
      });
      const draft = await createDraft(prisma, {
        merchantId: merchant.merchantId,
        application: ApplicationSchema.parse({
          amount: "75,000",
          purpose: "Materials and freight for the Yamato order",
          productTypeWanted: "ANY",
          tenorDays: 90,
          orderIds: [order.id],
        }),
        actor: { id: merchant.userId, role: "MERCHANT" },
        ip: "127.0.0.1",
      });
      const submitted = await submitApplication(prisma, {
        merchantId: merchant.merchantId,
        applicationId: draft.id,
        actor: { id: merchant.userId, role: "MERCHANT" },
        ip: "127.0.0.1",
      });
      // Refused before scoring, by the rule of what every application needs (readiness.ts).
      expect(submitted).toEqual({
        status: "incomplete",
        missing: [expect.objectContaining({ key: "bankHistory", href: "/merchant/bank" })],
      });

      // The initial update (the last 30 days) arrives: the webhook makes the app sync it.
      await expect
        .poll(async () => (await connection(id)).historyStatus, { timeout: 15_000, interval: 50 })
        .toBe("INITIAL_UPDATE_COMPLETE");
      const total = servedTransactionCount("steady_exporter", today);
      await expect.poll(() => rows(merchant.merchantId), { timeout: 5_000, interval: 50 }).toBeGreaterThan(0);
      const partial = await rows(merchant.merchantId);
      expect(partial).toBeLessThan(total);
      expect((await currentScoreReport(prisma, merchant.merchantId)).scoreable).toBe(false);

      // Then the whole history, picked up by the sync its webhook starts.
      await expect
        .poll(
          async () => {
            const now = await connection(id);
            return [now.historyStatus, now.syncStartedAt, await rows(merchant.merchantId)];
          },
          { timeout: 20_000, interval: 100 },
        )
        .toEqual(["HISTORICAL_UPDATE_COMPLETE", null, total]);
      const report = await currentScoreReport(prisma, merchant.merchantId);
      expect(report.scoreable).toBe(true);
      expect(report.notScoreableReason).toBeNull();
      const after = await (await request("/merchant/bank", { cookie: merchant.cookie })).text();
      expect(after).not.toContain("Your bank is still sending history");
      expect(after).toContain("posted transactions from");

      const announced = hooks
        .filter((hook) => hook.item_id === (hooks[0]?.item_id ?? ""))
        .map((hook) => [
          hook.webhook_code,
          hook.initial_update_complete ?? null,
          hook.historical_update_complete ?? null,
        ]);
      expect(announced).toEqual([
        ["INITIAL_UPDATE", null, null],
        ["SYNC_UPDATES_AVAILABLE", true, false],
        ["HISTORICAL_UPDATE", null, null],
        ["SYNC_UPDATES_AVAILABLE", true, true],
      ]);
      expect(hooks[0]?.new_transactions).toBe(partial);
      expect(hooks[2]?.new_transactions).toBe(total - partial);
    } finally {
      await setHistoryDelay(0);
    }
  }, 60_000);

  it("a history whose webhook was lost is picked up by the jobs", async () => {
    // Plaid says NOT_READY for the first third of the delay: long enough that linking and the first
    // sync finish inside it on a busy machine (300 ms was not, on CI's PostgreSQL run).
    await setHistoryDelay(3000);
    deliver = false;
    try {
      const merchant = await newMerchant();
      const bank = await connected(merchant, "new_business");
      const first = await syncConnection(prisma, bank.connectionId);
      expect(first).toMatchObject({ status: "synced", added: 0, history: "NOT_READY" });
      expect(await currentScoreReport(prisma, merchant.merchantId)).toMatchObject({
        scoreable: false,
        notScoreableReason: HISTORY_PENDING_REASON,
      });
      await new Promise((resolve) => setTimeout(resolve, 3100));
      // A minute later the jobs ask Plaid again, webhook or not.
      expect(await resumeInterruptedSyncs(prisma, new Date(Date.now() + 61_000))).toBeGreaterThanOrEqual(1);
      await expect
        .poll(async () => [
          (await connection(bank.connectionId)).historyStatus,
          await rows(merchant.merchantId),
        ])
        .toEqual(["HISTORICAL_UPDATE_COMPLETE", servedTransactionCount("new_business", today)]);
    } finally {
      deliver = true;
      await setHistoryDelay(0);
    }
  });
});

describe("a disconnected or revoked connection stays so", () => {
  it("disconnecting asks for confirmation; a crafted reconnect, a login webhook or a refresh cannot revive it; a new link makes a new connection", async () => {
    const merchant = await newMerchant();
    const bank = await connected(merchant);
    await syncConnection(prisma, bank.connectionId);

    // Not a state that needs a sign-in: nothing to reconnect.
    const needless = await request(`/merchant/bank/${bank.connectionId}`, {
      cookie: merchant.cookie,
      form: { intent: "reconnect" },
    });
    expect(needless.status).toBe(409);

    const unconfirmed = await request(`/merchant/bank/${bank.connectionId}`, {
      cookie: merchant.cookie,
      form: { intent: "disconnect" },
    });
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as { message: string }).message).toMatch(/Confirm/);
    expect((await connection(bank.connectionId)).status).toBe("ACTIVE");

    const done = await disconnect(merchant, bank.connectionId);
    expect(done.status).toBe(302);
    expect(await toastOf(done)).toMatchObject({ kind: "success", title: "Bank disconnected" });
    expect((await connection(bank.connectionId)).status).toBe("REVOKED");

    // The request the page never offers for a disconnected bank, crafted by hand.
    const revived = await request(`/merchant/bank/${bank.connectionId}`, {
      cookie: merchant.cookie,
      form: { intent: "reconnect" },
    });
    expect(revived.status).toBe(409);
    expect(((await revived.json()) as { message: string }).message).toMatch(/connect it as a new bank/);
    expect(
      await handlePlaidWebhook(prisma, {
        webhook_type: "ITEM",
        webhook_code: "LOGIN_REPAIRED",
        item_id: bank.itemId,
      }),
    ).toBe("ignored");
    const refreshed = await request(`/merchant/bank/${bank.connectionId}`, {
      cookie: merchant.cookie,
      form: { intent: "refresh" },
    });
    expect(refreshed.status).toBe(302);
    expect(await syncConnection(prisma, bank.connectionId)).toEqual({ status: "busy" });
    expect((await connection(bank.connectionId)).status).toBe("REVOKED");
    expect((await statusEvents(bank.connectionId)).map((event) => event.action)).toEqual([
      "bank.connected",
      "bank.disconnected",
    ]);
    // The crafted revival was refused, and the refusal is on the record.
    expect(
      await prisma.auditEvent.count({
        where: { entityType: "BankConnection", entityId: bank.connectionId, action: "transition.refused" },
      }),
    ).toBeGreaterThan(0);

    // The same bank again: a new Item, a new connection; the old one stays disconnected.
    const relinked = await request("/merchant/bank", {
      cookie: merchant.cookie,
      form: { intent: "connect-sandbox", persona: "new_business" },
    });
    expect(relinked.status).toBe(302);
    const all = await prisma.bankConnection.findMany({
      where: { merchantId: merchant.merchantId },
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true, plaidItemId: true },
    });
    expect(all.map((c) => c.status)).toEqual(["REVOKED", "ACTIVE"]);
    expect(all[1]?.plaidItemId).not.toBe(bank.itemId);
  });

  it("a sync still running when the merchant disconnects writes neither rows nor status after it", async () => {
    const merchant = await newMerchant();
    const bank = await connected(merchant, { count: 6000 });
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "SLOW", delayMs: 80, after: 2 }],
    });
    try {
      const running = syncConnection(prisma, bank.connectionId, { pageSize: 100 });
      // Pages are committed 2,000 rows at a time: the first batch is in, the rest still coming.
      await expect
        .poll(() => rows(merchant.merchantId), { interval: 20, timeout: 15_000 })
        .toBeGreaterThanOrEqual(2000);
      const done = await disconnect(merchant, bank.connectionId);
      expect(done.status).toBe(302);
      const atDisconnect = {
        rows: await rows(merchant.merchantId),
        connection: await connection(bank.connectionId),
      };
      expect(atDisconnect.rows).toBeLessThan(6000);

      expect(await running).toEqual({ status: "closed" });
      expect(await rows(merchant.merchantId)).toBe(atDisconnect.rows);
      expect(await connection(bank.connectionId)).toEqual(atDisconnect.connection);
      expect(atDisconnect.connection).toMatchObject({
        status: "REVOKED",
        lastSyncedAt: null,
        syncStartedAt: null,
      });
      expect((await statusEvents(bank.connectionId)).map((event) => event.action)).toEqual([
        "bank.connected",
        "bank.disconnected",
      ]);
    } finally {
      await sandbox.local("/sandbox/local/failures/clear", {});
    }
  });

  it("access revoked at the bank in the middle of a sync: the pages still coming are not written", async () => {
    const merchant = await newMerchant();
    const bank = await connected(merchant, { count: 6000 });
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "SLOW", delayMs: 80, after: 2 }],
    });
    try {
      const running = syncConnection(prisma, bank.connectionId, { pageSize: 100 });
      // Pages are committed 2,000 rows at a time: the first batch is in, the rest still coming.
      await expect
        .poll(() => rows(merchant.merchantId), { interval: 20, timeout: 15_000 })
        .toBeGreaterThanOrEqual(2000);
      // The Item still exists at Plaid, so pages keep coming: the page writer refuses them.
      expect(
        await handlePlaidWebhook(prisma, {
          webhook_type: "ITEM",
          webhook_code: "USER_PERMISSION_REVOKED",
          item_id: bank.itemId,
        }),
      ).toBe("revoked");
      const atRevocation = {
        rows: await rows(merchant.merchantId),
        connection: await connection(bank.connectionId),
      };
      expect(await running).toEqual({ status: "closed" });
      expect(await rows(merchant.merchantId)).toBe(atRevocation.rows);
      expect(await connection(bank.connectionId)).toEqual(atRevocation.connection);
      expect(atRevocation.rows).toBeLessThan(6000);
      const events = await statusEvents(bank.connectionId);
      expect(events.map((event) => [event.action, event.actorId])).toEqual([
        ["bank.connected", merchant.userId],
        ["bankConnection.revoked", null],
      ]);
      expect(JSON.parse(events[1]?.summaryJson ?? "{}")).toMatchObject({
        from: "ACTIVE",
        to: "REVOKED",
        reason: "USER_PERMISSION_REVOKED",
      });
    } finally {
      await sandbox.local("/sandbox/local/failures/clear", {});
    }
  });
});

describe("an Item Plaid already forgot", () => {
  it("disconnecting it answers ITEM_NOT_FOUND at Plaid: the connection is disconnected, with no error", async () => {
    const merchant = await newMerchant();
    const bank = await connected(merchant);
    await syncConnection(prisma, bank.connectionId);
    expect((await sandbox.local("/item/remove", { access_token: bank.accessToken })).status).toBe(200);

    const done = await disconnect(merchant, bank.connectionId);
    expect(done.status).toBe(302);
    expect(await toastOf(done)).toMatchObject({ kind: "success", title: "Bank disconnected" });
    expect(await connection(bank.connectionId)).toMatchObject({ status: "REVOKED" });
    expect((await connection(bank.connectionId)).disconnectedAt).not.toBeNull();
  });

  it("a sync that finds it gone ends the connection, audited without an actor", async () => {
    const merchant = await newMerchant();
    const bank = await connected(merchant);
    await sandbox.local("/item/remove", { access_token: bank.accessToken });
    expect(await syncConnection(prisma, bank.connectionId)).toEqual({ status: "closed" });
    expect((await connection(bank.connectionId)).status).toBe("REVOKED");
    const events = await statusEvents(bank.connectionId);
    expect(events.at(-1)).toMatchObject({ action: "bankConnection.revoked", actorId: null });
    expect(JSON.parse(events.at(-1)?.summaryJson ?? "{}")).toMatchObject({ reason: "ITEM_NOT_FOUND" });
  });
});

describe("the local sandbox speaks Plaid", () => {
  it("rate limits answer Plaid's own codes, and DEFAULT_UPDATE carries new_transactions", async () => {
    const merchant = await newMerchant();
    const bank = await connected(merchant);
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "RATE_LIMIT_EXCEEDED" }],
    });
    try {
      const limited = await syncTransactions(bank.accessToken, null).then(
        () => null,
        (error: unknown) => toPlaidApiError(error),
      );
      expect([limited?.status, limited?.errorType, limited?.errorCode, limited?.retryable]).toEqual([
        429,
        "RATE_LIMIT_EXCEEDED",
        "TRANSACTIONS_SYNC_LIMIT",
        true,
      ]);
    } finally {
      await sandbox.local("/sandbox/local/failures/clear", {});
    }

    deliver = false;
    try {
      hooks.length = 0;
      await sandbox.local("/sandbox/transactions/create", {
        access_token: bank.accessToken,
        transactions: [
          { amount: -1200, date_posted: today, date_transacted: today, description: "WIRE IN ORCHID BEAUTY" },
          { amount: 80, date_posted: today, date_transacted: today, description: "FEDEX FREIGHT" },
        ],
      });
      await expect.poll(() => hooks.length).toBe(2);
      expect(hooks).toEqual([
        expect.objectContaining({
          webhook_code: "DEFAULT_UPDATE",
          new_transactions: 2,
          item_id: bank.itemId,
        }),
        expect.objectContaining({
          webhook_code: "SYNC_UPDATES_AVAILABLE",
          initial_update_complete: true,
          historical_update_complete: true,
        }),
      ]);
    } finally {
      deliver = true;
    }
  });
});
