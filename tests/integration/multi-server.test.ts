// Two app servers (`node server.js`, separate processes on separate ports) on one PostgreSQL
// database, as behind a load balancer (docs/deploy.md): a session made on one is valid on the
// other; two acceptances of one application's offers sent at once through different servers: one
// wins; both servers run the jobs every second: every e-mail goes out once, every expired offer
// expires once; log-in failures on both count toward one lock-out; a document uploaded through one
// downloads through the other; one server SIGKILLed mid-sync: the other resumes from the cursor,
// with no duplicate and no gap.
//
// PostgreSQL only: several servers share one database only on PostgreSQL (SQLite serves one
// machine, whose processes cluster.test.ts covers). Without TEST_POSTGRES_URL the suite is skipped.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, seedFxRates, unique } from "#tests/factories";
import { connectBank } from "~/domain/bank/sync.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { prisma } from "~/utils/db.server";
import { largeHistory } from "../../scripts/plaid-sandbox/personas";
import { type AppServer, startAppServer } from "../setup/app-server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { openRawDatabase } from "../setup/raw-database";
import { testPostgresUrl } from "../setup/test-database";
import { cookieFor, request, shownDisclosureHash } from "./app";
import { lender, offerForm, PASSWORD, submitted } from "./lending-fixtures";

const ON_POSTGRES = testPostgresUrl() !== null;
const today = new Date().toISOString().slice(0, 10);

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let smtp: SMTPServer;
const received: { to: string[]; subject: string }[] = [];
let a: AppServer;
let b: AppServer;

/** A request to one server as a browser on its page would send it (Origin, no redirects followed). */
async function send(
  server: AppServer,
  path: string,
  options: { cookie?: string; form?: Record<string, string>; multipart?: FormData; ip?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { Origin: server.url };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.ip) headers["X-Forwarded-For"] = options.ip;
  let body: URLSearchParams | FormData | undefined = options.multipart;
  if (options.form) {
    body = new URLSearchParams(options.form);
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  return fetch(`${server.url}${path}`, {
    method: body ? "POST" : "GET",
    redirect: "manual",
    headers,
    body,
  });
}

const sessionCookieOf = (response: Response) =>
  (response.headers.getSetCookie().find((c) => c.startsWith("__session=")) ?? "").split(";")[0] ?? "";

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for ${what} (last: ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))}).\nServer A:\n${a.output().slice(-1500)}\nServer B:\n${b.output().slice(-1500)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startServer(): Promise<AppServer> {
  return startAppServer({
    PLAID_BASE_PATH: sandbox.url,
    PLAID_SYNC_LEASE_MS: "3000",
    JOBS_INTERVAL_SECONDS: "1",
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    LOGIN_LOCK_THRESHOLD: "4",
    // The servers' pools: two servers and this test process on one database.
    DATABASE_POOL_SIZE: "5",
    // As this test process has on PostgreSQL (tests/setup/vitest-setup.ts): the loser of a race
    // waits for the winner's transaction, which on a loaded machine can outlast half a second.
    DATABASE_BUSY_TIMEOUT_MS: "3000",
  });
}

beforeAll(async () => {
  if (!ON_POSTGRES) return;
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? "",
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  [a, b] = await Promise.all([startServer(), startServer()]);
}, 120_000);

afterAll(async () => {
  if (!ON_POSTGRES) return;
  await Promise.all([a?.stop(), b?.stop()]);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await sandbox.close();
});

describe.skipIf(!ON_POSTGRES)("two app servers on one PostgreSQL database (needs TEST_POSTGRES_URL)", () => {
  it("a session made on one server is valid on the other, and ends on both", async () => {
    const email = `${unique("two")}@example.com`;
    await createMerchant(prisma, {
      email,
      userName: "Two Servers",
      password: PASSWORD,
      legalName: "Two Servers Exports LLC",
    });
    const login = await send(a, "/login", { form: { email, password: PASSWORD, redirectTo: "" } });
    expect(login.status).toBe(302);
    const cookie = sessionCookieOf(login);
    expect(cookie).toMatch(/^__session=.+/);
    for (const server of [b, a, b]) {
      const page = await send(server, "/merchant", { cookie });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Two Servers Exports LLC");
    }
    expect((await send(b, "/logout", { cookie, form: {} })).status).toBe(302);
    const after = await send(a, "/merchant", { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/^\/login/);
  });

  it("of two acceptances of one application's offers sent at once through different servers, exactly one wins", async () => {
    const [first, second] = [await lender("Ash"), await lender("Birch")];
    const app = await submitted([first.org.id, second.org.id], "INVOICE_FACTORING", "Racing Exports");
    const offerIds: string[] = [];
    for (const [l, fee] of [
      [first, "1.5"],
      [second, "2"],
    ] as const) {
      const referralId = app.referralOf(l.org.id);
      expect(
        (await request(`/lender/referrals/${referralId}`, { cookie: l.cookie, form: { intent: "start" } }))
          .status,
      ).toBe(302);
      expect(
        (
          await request(`/lender/referrals/${referralId}`, {
            cookie: l.cookie,
            form: { ...offerForm, feePer30Days: fee },
          })
        ).status,
      ).toBe(302);
      const offer = await prisma.offer.findFirstOrThrow({
        where: { referralId, status: "PENDING" },
        select: { id: true },
      });
      offerIds.push(offer.id);
    }
    const path = `/merchant/applications/${app.applicationId}`;
    const page = await (await send(a, path, { cookie: app.cookie })).text();
    const answers = await Promise.all(
      offerIds.map((offerId, i) =>
        send(i === 0 ? a : b, path, {
          cookie: app.cookie,
          form: {
            intent: "accept-offer",
            offerId,
            signatureName: "Rv Owner",
            consent: "on",
            disclosureSha256: shownDisclosureHash(page, offerId),
          },
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([302, 409]);
    const offers = await prisma.offer.findMany({
      where: { applicationId: app.applicationId },
      select: { status: true },
    });
    expect(offers.map((o) => o.status).sort()).toEqual(["ACCEPTED", "DECLINED"]);
    const referrals = await prisma.referral.findMany({
      where: { applicationId: app.applicationId },
      select: { status: true },
    });
    expect(referrals.map((r) => r.status).sort()).toEqual(["ACCEPTED", "CLOSED"]);
    expect(
      await prisma.auditEvent.count({
        where: { entityId: app.applicationId, action: "application.accepted" },
      }),
    ).toBe(1);
  });

  it("log-in failures on both servers, even at the same moment, count toward one lock-out", async () => {
    const email = `${unique("lock")}@example.com`;
    const { userId } = await createMerchant(prisma, {
      email,
      userName: "Locked Out",
      password: PASSWORD,
      legalName: "Lockout Exports LLC",
    });
    const ip = "198.51.100.23";
    const fail = (server: AppServer) =>
      send(server, "/login", { ip, form: { email, password: "not the password", redirectTo: "" } });
    // The three free failures, sent at once to both servers: each one counts.
    const free = await Promise.all([fail(a), fail(b), fail(a)]);
    expect(free.map((r) => r.status)).toEqual([400, 400, 400]);
    const counter = await prisma.loginThrottle.findUniqueOrThrow({
      where: { key: `source:${email}|${ip}` },
      select: { failures: true },
    });
    expect(counter.failures).toBe(3);
    // Past the free failures a source waits 2 s; the fourth failure (LOGIN_LOCK_THRESHOLD) stops it.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fail(b)).status).toBe(400);
    for (const server of [a, b]) {
      const refused = await send(server, "/login", {
        ip,
        form: { email, password: PASSWORD, redirectTo: "" },
      });
      expect(refused.status).toBe(429);
    }
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.source_stopped", entityId: userId } }),
    ).toBe(1);
    // The owner, from another network, still gets in (through either server).
    const owner = await send(a, "/login", {
      ip: "203.0.113.99",
      form: { email, password: PASSWORD, redirectTo: "" },
    });
    expect(owner.status).toBe(302);
  });

  it("a document uploaded through one server downloads through the other", async () => {
    const [asker] = [await lender("Cedar")];
    const app = await submitted([asker.org.id], "INVOICE_FACTORING", "Uploading Exports");
    const referralId = app.referralOf(asker.org.id);
    expect(
      (await request(`/lender/referrals/${referralId}`, { cookie: asker.cookie, form: { intent: "start" } }))
        .status,
    ).toBe(302);
    expect(
      (
        await request(`/lender/referrals/${referralId}`, {
          cookie: asker.cookie,
          form: {
            intent: "request-info",
            question: "The commercial invoice, please.",
            documentType: "INVOICE",
          },
        })
      ).status,
    ).toBe(302);
    const info = await prisma.infoRequest.findFirstOrThrow({ where: { referralId }, select: { id: true } });
    const content = `%PDF-1.4\n% uploaded through server A ${unique()}\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n`;
    const form = new FormData();
    form.set("intent", "answer-info");
    form.set("infoRequestId", info.id);
    form.set("responseText", "Attached.");
    form.set("document", new File([content], "invoice.pdf", { type: "application/pdf" }));
    const answered = await send(a, `/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      multipart: form,
    });
    expect(answered.status).toBe(302);
    const document = await prisma.document.findFirstOrThrow({
      where: { infoRequestId: info.id },
      select: { id: true, storageKey: true },
    });
    // In the database, where every server reads it (not on server A's disk).
    expect(document.storageKey).toMatch(/^db\//);
    const download = await send(b, `/lender/documents/${document.id}`, {
      cookie: asker.cookie,
    });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(content);
  });

  it("both servers run the jobs: every expired offer expires once, every e-mail is sent once", async () => {
    // Offers that expire all at the same moment, while both servers run the jobs every second.
    const merchant = await createMerchant(prisma, {
      email: `${unique("expiry")}@example.com`,
      userName: "Expiry",
      password: PASSWORD,
      legalName: "Expiring Offers LLC",
    });
    const owner = await lender("Dogwood");
    const offerIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const application = await prisma.application.create({
        data: {
          merchantId: merchant.merchantId,
          requestedAmountCents: 5_000_000,
          purpose: "Two servers expire this offer",
          productTypeWanted: "ANY",
          tenorDays: 60,
          status: "OFFERED",
          submittedAt: new Date(),
        },
        select: { id: true },
      });
      const referral = await prisma.referral.create({
        data: {
          applicationId: application.id,
          lenderProductId: owner.productIds[0] ?? "",
          lenderOrgId: owner.org.id,
          fitRank: 1,
          status: "OFFERED",
        },
        select: { id: true },
      });
      const offer = await prisma.offer.create({
        data: {
          referralId: referral.id,
          applicationId: application.id,
          lenderOrgId: owner.org.id,
          productType: "TERM_LOAN",
          amountCents: 5_000_000,
          advanceRateBps: 10000,
          interestRateBps: 1200,
          termDays: 365,
          paymentFrequency: "MONTHLY",
          paymentCount: 12,
          paymentAmountCents: 444_244,
          scheduleJson: "[]",
          fundsProvidedCents: 5_000_000,
          financeChargeCents: 330_928,
          totalRepaymentCents: 5_330_928,
          estimatedAprBps: 1200,
          prepaymentTerms: "No penalty.",
          expiresAt: new Date(Date.now() + 365 * 86_400_000),
          status: "PENDING",
        },
        select: { id: true },
      });
      offerIds.push(offer.id);
    }
    // And messages queued at once for both servers to deliver.
    const subjects = Array.from({ length: 60 }, (_, i) => `Two servers, message ${i} ${unique()}`);
    await Promise.all(
      subjects.map((subject) => enqueueEmail(prisma, { to: "ops@example.com", subject, text: "x" })),
    );
    await prisma.offer.updateMany({ where: { id: { in: offerIds } }, data: { expiresAt: new Date() } });

    await until(
      "the offers to expire",
      () => prisma.offer.count({ where: { id: { in: offerIds }, status: "EXPIRED" } }),
      (n) => n === offerIds.length,
    );
    await until(
      "the outbox to empty",
      () => prisma.outboxEmail.count({ where: { status: "PENDING" } }),
      (n) => n === 0,
    );
    for (const offerId of offerIds)
      expect(await prisma.auditEvent.count({ where: { entityId: offerId, action: "offer.expired" } })).toBe(
        1,
      );
    // The merchant and the lender's underwriter are each told once per offer.
    const merchantEmail = (
      await prisma.user.findUniqueOrThrow({ where: { id: merchant.userId }, select: { email: true } })
    ).email;
    expect(
      await prisma.outboxEmail.count({ where: { to: merchantEmail, subject: { contains: "has expired" } } }),
    ).toBe(offerIds.length);
    expect(
      await prisma.outboxEmail.count({
        where: { to: owner.user.email, subject: { contains: "has expired" } },
      }),
    ).toBe(offerIds.length);

    // Every message the outbox marked sent reached the mail server exactly once, and nothing else did.
    const sent = await prisma.outboxEmail.findMany({ where: { status: "SENT" }, select: { to: true } });
    expect(await prisma.outboxEmail.count({ where: { status: "FAILED" } })).toBe(0);
    expect(received).toHaveLength(sent.length);
    for (const subject of subjects)
      expect(received.filter((message) => message.subject === subject)).toHaveLength(1);
    const perRecipient = (list: string[]) =>
      list.reduce((m, to) => m.set(to, (m.get(to) ?? 0) + 1), new Map<string, number>());
    expect(perRecipient(received.flatMap((m) => m.to))).toEqual(perRecipient(sent.map((m) => m.to)));
  }, 120_000);

  it("one server SIGKILLed mid-sync: the other resumes from the cursor, with no duplicate and no gap", async () => {
    const TRANSACTIONS = 20_000;
    const merchant = await createMerchant(prisma, {
      email: `${unique("kill")}@example.com`,
      userName: "Kill Test",
      password: PASSWORD,
      legalName: "Interrupted Twice Exports LLC",
      complete: true,
    });
    const created = await sandbox.local("/sandbox/public_token/create", {
      institution_id: "ins_109508",
      initial_products: ["transactions"],
      options: {
        override_username: "user_custom",
        override_password: JSON.stringify(largeHistory(TRANSACTIONS, today)),
        transactions: { days_requested: 730 },
      },
    });
    const { connectionId } = await connectBank(prisma, {
      merchantId: merchant.merchantId,
      publicToken: String(created.body.public_token),
      actor: { id: merchant.userId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });
    /** Committed rows and the saved cursor, read in one snapshot as another process would. */
    const state = async () => {
      const db = await openRawDatabase(undefined, { readonly: true });
      await db.run("BEGIN ISOLATION LEVEL REPEATABLE READ");
      const [rows] = await db.all<{ n: number; d: number }>(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT "plaidTransactionId") AS d FROM "BankTransaction" WHERE "merchantId" = ?`,
        merchant.merchantId,
      );
      const [connection] = await db.all<{ syncCursor: string | null; lastSyncedAt: string | null }>(
        `SELECT "syncCursor", "lastSyncedAt" FROM "BankConnection" WHERE "id" = ?`,
        connectionId,
      );
      await db.run("COMMIT");
      await db.close();
      // The local sandbox's cursor is "<item id>:<events consumed>" in base64url.
      const consumed = connection?.syncCursor
        ? Number(Buffer.from(connection.syncCursor, "base64url").toString().split(":")[1])
        : 0;
      return {
        rows: Number(rows?.n),
        distinct: Number(rows?.d),
        consumed,
        finished: connection?.lastSyncedAt !== null,
      };
    };
    // Each page takes a while, so that the sync is surely under way when its server dies.
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "SLOW", delayMs: 150 }],
    });
    try {
      const refresh = await send(a, `/merchant/bank/${connectionId}`, {
        cookie: await cookieFor(merchant.userId),
        form: { intent: "refresh" },
      });
      expect(refresh.status).toBe(302);
      await until("server A to commit part of the history", state, (s) => s.rows >= 4_000);
      const exited = new Promise((resolve) => a.child.once("exit", resolve));
      a.child.kill("SIGKILL");
      await exited;
      const atKill = await state();
      expect(atKill.rows).toBeLessThan(TRANSACTIONS);
      expect(atKill.finished).toBe(false);
      expect(atKill.rows).toBe(atKill.consumed);
      expect(atKill.distinct).toBe(atKill.rows);

      // Server B's jobs find the lease lapsed (3 s here) and resume from the saved cursor.
      const after = await until("server B to finish the sync", state, (s) => s.finished, 180_000);
      expect(after).toEqual({
        rows: TRANSACTIONS,
        distinct: TRANSACTIONS,
        consumed: TRANSACTIONS,
        finished: true,
      });
    } finally {
      await sandbox.local("/sandbox/local/failures/clear", {});
    }
  }, 240_000);
});
