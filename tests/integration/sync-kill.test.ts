// The server is killed (SIGKILL: no chance to clean up) in the middle of a 100,000-transaction
// bank sync, then started again. The rows it committed match its saved cursor exactly; the
// restarted server's jobs resume the sync from that cursor once its lease runs out; in the end
// every transaction is there exactly once — no duplicate, no gap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { connectBank } from "~/domain/bank/sync.server";
import { prisma } from "~/utils/db.server";
import { largeHistory } from "../../scripts/plaid-sandbox/personas";
import { type AppServer, freePort, startAppServer } from "../setup/app-server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { openRawDatabase } from "../setup/raw-database";
import { cookieFor } from "./app";

const TRANSACTIONS = 100_000;
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let server: AppServer | null = null;
let port = 0;
/** Everything the servers printed, for the failure messages. */
let serverOutput = "";

/** The production server on the same port each time, its syncs' lease cut to 3 seconds. */
async function startServer(): Promise<AppServer> {
  if (server) serverOutput += server.output();
  return startAppServer({ PLAID_BASE_PATH: sandbox.url, PLAID_SYNC_LEASE_MS: "3000" }, port);
}

/** Committed rows and the saved cursor, read as another process would, in one snapshot. */
async function state(connectionId: string, merchantId: string) {
  const db = await openRawDatabase(undefined, { readonly: true });
  // One read transaction (one snapshot on PostgreSQL): the count and the cursor come from the same moment.
  await db.run(db.engine === "postgresql" ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN");
  const [rows] = await db.all<{ n: number; d: number }>(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT "plaidTransactionId") AS d FROM "BankTransaction" WHERE "merchantId" = ?`,
    merchantId,
  );
  const [connection] = await db.all<{ syncCursor: string | null; lastSyncedAt: string | null }>(
    `SELECT "syncCursor", "lastSyncedAt" FROM "BankConnection" WHERE "id" = ?`,
    connectionId,
  );
  await db.run("COMMIT");
  await db.close();
  if (!rows || !connection) throw new Error(`Connection ${connectionId} is missing.`);
  // The local sandbox's cursor is "<item id>:<events consumed>" in base64url.
  const consumed = connection.syncCursor
    ? Number(Buffer.from(connection.syncCursor, "base64url").toString().split(":")[1])
    : 0;
  return {
    rows: Number(rows.n),
    distinct: Number(rows.d),
    consumed,
    finished: connection.lastSyncedAt !== null,
  };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  port = await freePort();
});

afterAll(async () => {
  await server?.stop();
  await sandbox.close();
});

describe("a server killed during a long sync", () => {
  it("resumes from its cursor after a restart, with no duplicate and no gap", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("kill")}@example.com`,
      userName: "Kill Test",
      password: "correct horse battery staple",
      legalName: "Interrupted Exports LLC",
      complete: true,
    });
    const created = await sandbox.local("/sandbox/public_token/create", {
      institution_id: "ins_109508",
      initial_products: ["transactions"],
      options: {
        override_username: "user_custom",
        override_password: JSON.stringify(largeHistory(TRANSACTIONS)),
        transactions: { days_requested: 730 },
      },
    });
    const { connectionId } = await connectBank(prisma, {
      merchantId: merchant.merchantId,
      publicToken: String(created.body.public_token),
      actor: { id: merchant.userId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });
    const cookie = await cookieFor(merchant.userId);

    server = await startServer();
    const refresh = await fetch(`http://localhost:${port}/merchant/bank/${connectionId}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: cookie,
        Origin: `http://localhost:${port}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "refresh" }),
    });
    expect(refresh.status).toBe(302);

    // Kill it once a good part, but not all, of the history is in.
    for (let i = 0; i < 2400 && (await state(connectionId, merchant.merchantId)).rows < 25_000; i++)
      await new Promise((r) => setTimeout(r, 50));
    const killed = server.child;
    const exited = new Promise((resolve) => killed.once("exit", resolve));
    killed.kill("SIGKILL");
    await exited;

    const atKill = await state(connectionId, merchant.merchantId);
    const context = () =>
      `at kill ${JSON.stringify(atKill)}; server output:\n${(serverOutput + (server?.output() ?? "")).slice(-2000)}`;
    expect(atKill.rows, context()).toBeGreaterThanOrEqual(25_000);
    expect(atKill.rows, context()).toBeLessThan(TRANSACTIONS);
    expect(atKill.finished, context()).toBe(false);
    // Every committed row is accounted for by the saved cursor, and none twice.
    expect(atKill.rows, context()).toBe(atKill.consumed);
    expect(atKill.distinct, context()).toBe(atKill.rows);

    // Restarted, the server's jobs find the stale lease and resume from the cursor.
    server = await startServer();
    let after = await state(connectionId, merchant.merchantId);
    for (let i = 0; i < 3000 && !after.finished; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await state(connectionId, merchant.merchantId);
    }
    expect(after, `after restart ${JSON.stringify(after)}; ${context()}`).toEqual({
      rows: TRANSACTIONS,
      distinct: TRANSACTIONS,
      consumed: TRANSACTIONS,
      finished: true,
    });
  }, 420_000);
});
