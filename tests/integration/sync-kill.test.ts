// The server is killed (SIGKILL: no chance to clean up) in the middle of a 100,000-transaction
// bank sync, then started again. The rows it committed match its saved cursor exactly; the
// restarted server's jobs resume the sync from that cursor once its lease runs out; in the end
// every transaction is there exactly once — no duplicate, no gap.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { connectBank } from "~/domain/bank/sync.server";
import { databaseFile } from "~/utils/database-file.server";
import { prisma } from "~/utils/db.server";
import { largeHistory } from "../../scripts/plaid-sandbox/personas";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { TEST_ENV } from "../setup/test-env";
import { cookieFor } from "./app";

const TRANSACTIONS = 100_000;
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let server: ChildProcess | null = null;
let port = 0;
/** Everything the servers printed, for the failure messages. */
let serverOutput = "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      ...TEST_ENV,
      NODE_ENV: "production",
      BCRYPT_COST: "12",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: process.env.DATABASE_URL,
      PLAID_ENV: "local",
      PLAID_BASE_PATH: sandbox.url,
      PLAID_SYNC_LEASE_MS: "3000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    serverOutput += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  for (let i = 0; i < 600 && !output.includes("listening"); i++) await new Promise((r) => setTimeout(r, 100));
  if (!output.includes("listening")) throw new Error(`The server did not start:\n${output}`);
  return child;
}

/** Committed rows and the saved cursor, read as another process would, in one snapshot. */
function state(connectionId: string, merchantId: string) {
  const db = new Database(databaseFile(), { readonly: true });
  // One read transaction: the count and the cursor come from the same moment.
  const read = db.transaction(() => ({
    rows: db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT "plaidTransactionId") AS d FROM "BankTransaction" WHERE "merchantId" = ?`,
      )
      .get(merchantId) as { n: number; d: number },
    connection: db
      .prepare(`SELECT "syncCursor", "lastSyncedAt" FROM "BankConnection" WHERE "id" = ?`)
      .get(connectionId) as { syncCursor: string | null; lastSyncedAt: string | null },
  }));
  const { rows, connection } = read();
  db.close();
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
  if (server && server.exitCode === null) server.kill("SIGKILL");
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
    for (let i = 0; i < 2400 && state(connectionId, merchant.merchantId).rows < 25_000; i++)
      await new Promise((r) => setTimeout(r, 50));
    server.kill("SIGKILL");
    await new Promise((resolve) => server?.once("exit", resolve));

    const atKill = state(connectionId, merchant.merchantId);
    const context = () => `at kill ${JSON.stringify(atKill)}; server output:\n${serverOutput.slice(-2000)}`;
    expect(atKill.rows, context()).toBeGreaterThanOrEqual(25_000);
    expect(atKill.rows, context()).toBeLessThan(TRANSACTIONS);
    expect(atKill.finished, context()).toBe(false);
    // Every committed row is accounted for by the saved cursor, and none twice.
    expect(atKill.rows, context()).toBe(atKill.consumed);
    expect(atKill.distinct, context()).toBe(atKill.rows);

    // Restarted, the server's jobs find the stale lease and resume from the cursor.
    server = await startServer();
    let after = state(connectionId, merchant.merchantId);
    for (let i = 0; i < 3000 && !after.finished; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = state(connectionId, merchant.merchantId);
    }
    expect(after, `after restart ${JSON.stringify(after)}; ${context()}`).toEqual({
      rows: TRANSACTIONS,
      distinct: TRANSACTIONS,
      consumed: TRANSACTIONS,
      finished: true,
    });
    server.kill("SIGTERM");
  }, 420_000);
});
