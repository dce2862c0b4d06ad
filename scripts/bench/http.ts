// HTTP under load: the built server (`node server.js`, production mode) on a database holding
// 10,000 applications referred to one lender, driven by autocannon at 50 connections. Each page is
// measured against a bare route of the same server (/healthz: one SELECT 1) in the same run, with
// one server process and with one per core (WEB_CONCURRENCY), unless --processes says otherwise.
// Targets (docs/design/platform.md): lender queue p95 ≤ 50 ms; every page ≥ 30% of the bare route's rate.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { availableParallelism } from "node:os";
import autocannon from "autocannon";
import { childPids, freePort, startBenchSandbox, startProcess, stopProcess } from "./bench-env";
import { type BenchRow, percentile } from "./row";

const STATUSES = [
  ["NEW", "SUBMITTED", 40],
  ["IN_REVIEW", "IN_REVIEW", 25],
  ["INFO_REQUESTED", "IN_REVIEW", 5],
  ["OFFERED", "OFFERED", 15],
  ["DECLINED", "DECLINED", 15],
] as const;
const COUNTRIES = ["JP", "KR", "CN", "TW", "VN", "SG", "IN", "TH"];
const GRADES = ["A", "B", "C", "D", "E"];
const gradeOf = (score: number) => GRADES[Math.min(4, Math.floor((820 - score) / 80))] ?? "C";

/** The referral status at this percentile of the mix above. */
function statusFor(percentile: number) {
  let below = 0;
  for (const entry of STATUSES) {
    below += entry[2];
    if (percentile < below) return entry;
  }
  return STATUSES[0];
}

type Measured = { rps: number; p50: number; p95: number; p99: number; requests: number };

/** Seeds `count` submitted applications from 200 merchants, each referred to the lender. */
export async function seedApplications(lenderOrgId: string, count: number) {
  const { prisma } = await import("~/utils/db.server");
  const { passwordHashFor } = await import("../../tests/factories");
  const products = await prisma.lenderProduct.findMany({ where: { lenderOrgId }, select: { id: true } });
  const passwordHash = await passwordHashFor("bench password 2026");
  const now = Date.now();
  const merchants = Array.from({ length: 200 }, (_, m) => ({
    userId: crypto.randomUUID(),
    merchantId: crypto.randomUUID(),
    orderIds: [crypto.randomUUID(), crypto.randomUUID()],
    m,
  }));
  await prisma.user.createMany({
    data: merchants.map((x) => ({
      id: x.userId,
      email: `queue-bench-${x.m}-${now}@bench.example`,
      name: `Queue Bench ${x.m}`,
      role: "MERCHANT",
      passwordHash,
    })),
  });
  await prisma.merchant.createMany({
    data: merchants.map((x) => ({ id: x.merchantId, legalName: `Queue Bench Exports ${x.m} LLC` })),
  });
  await prisma.merchantMember.createMany({
    data: merchants.map((x) => ({ userId: x.userId, merchantId: x.merchantId, role: "OWNER" })),
  });
  await prisma.exportOrder.createMany({
    data: merchants.flatMap((x) =>
      x.orderIds.map((id, i) => ({
        id,
        merchantId: x.merchantId,
        buyerName: `Buyer ${x.m}-${i}`,
        buyerCountry: COUNTRIES[(x.m + i) % COUNTRIES.length] ?? "JP",
        poNumber: `QB-${x.m}-${i}`,
        amountCents: BigInt(2_500_000 + x.m * 10_000),
        currency: "USD",
        orderDate: new Date(now - 20 * 86_400_000),
        paymentTerm: i === 0 ? "OPEN_ACCOUNT" : "LETTER_OF_CREDIT",
        paymentTermDays: 60,
        incoterm: "FOB",
        status: "OPEN",
      })),
    ),
  });
  const chunk = 1000;
  for (let start = 0; start < count; start += chunk) {
    const batch = Array.from({ length: Math.min(chunk, count - start) }, (_, k) => {
      const i = start + k;
      const merchant = merchants[i % merchants.length] ?? merchants[0];
      if (!merchant) throw new Error("no merchants");
      const status = statusFor((i * 7919) % 100);
      // Within the last 25 days, so the server's jobs expire none of them during the run.
      const created = new Date(now - (i % 25) * 86_400_000 - (i % 1440) * 60_000);
      const score = 420 + ((i * 104_729) % 400);
      return {
        i,
        merchant,
        status,
        created,
        score,
        appId: crypto.randomUUID(),
        reportId: crypto.randomUUID(),
      };
    });
    await prisma.scoreReport.createMany({
      data: batch.map((b) => ({
        id: b.reportId,
        merchantId: b.merchant.merchantId,
        modelVersion: "trs-1",
        asOfDate: b.created,
        scoreable: true,
        score: b.score,
        grade: gradeOf(b.score),
        featuresJson: "{}",
        pointsJson: "{}",
        reasonsJson: "[]",
        inputsHash: b.reportId,
        frozenAt: b.created,
      })),
    });
    await prisma.application.createMany({
      data: batch.map((b) => ({
        id: b.appId,
        merchantId: b.merchant.merchantId,
        requestedAmountCents: 2_000_000 + ((b.i * 7_919) % 400) * 100_000,
        purpose: "Materials and freight for an export order",
        productTypeWanted: "ANY",
        tenorDays: 60 + (b.i % 4) * 30,
        status: b.status[1],
        scoreReportId: b.reportId,
        submittedAt: b.created,
        createdAt: b.created,
      })),
    });
    await prisma.applicationOrder.createMany({
      data: batch.map((b) => ({
        applicationId: b.appId,
        exportOrderId: b.merchant.orderIds[b.i % 2] ?? "",
      })),
    });
    await prisma.referral.createMany({
      data: batch.map((b) => ({
        applicationId: b.appId,
        lenderProductId: products[b.i % products.length]?.id ?? "",
        lenderOrgId,
        fitRank: 1,
        status: b.status[0],
        score: b.score,
        grade: gradeOf(b.score),
        createdAt: b.created,
        reviewStartedAt: b.status[0] === "NEW" ? null : b.created,
      })),
    });
  }
}

/** One application of a demo merchant with three offers, made through the lenders' real path. */
async function applicationWithOffers(merchantEmail: string) {
  const { prisma } = await import("~/utils/db.server");
  const { makeOffer, startReview } = await import("~/domain/referrals/referrals.server");
  const { OfferSchema } = await import("~/domain/offers/offer");
  const member = await prisma.merchantMember.findFirstOrThrow({
    where: { user: { email: merchantEmail } },
    select: { merchantId: true, userId: true },
  });
  const lenders = await prisma.lenderOrg.findMany({
    where: { status: "ACTIVE", products: { some: { status: "ACTIVE" } } },
    take: 3,
    orderBy: { name: "asc" },
    select: {
      id: true,
      products: { where: { status: "ACTIVE" }, take: 1, select: { id: true, type: true } },
      members: { take: 1, select: { userId: true } },
    },
  });
  const application = await prisma.application.create({
    data: {
      merchantId: member.merchantId,
      requestedAmountCents: 7_500_000,
      purpose: "Materials and freight for the Yokohama order",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "SUBMITTED",
      submittedAt: new Date(),
    },
    select: { id: true },
  });
  for (const [n, lender] of lenders.entries()) {
    const product = lender.products[0];
    const actorId = lender.members[0]?.userId;
    if (!product || !actorId) continue;
    const referral = await prisma.referral.create({
      data: {
        applicationId: application.id,
        lenderProductId: product.id,
        lenderOrgId: lender.id,
        fitRank: n + 1,
        status: "NEW",
      },
      select: { id: true },
    });
    const actor = { id: actorId, role: "LENDER" };
    await startReview(prisma, { lenderOrgId: lender.id, referralId: referral.id, actor, ip: "127.0.0.1" });
    const feePriced = product.type === "PO_FINANCING" || product.type === "INVOICE_FACTORING";
    const offer = OfferSchema.parse({
      productType: product.type,
      amount: "75000",
      advanceRate: "85",
      expiresInDays: 14,
      ...(feePriced
        ? { feePer30Days: String(1.5 + n), termDays: 90, recourse: "WITH_RECOURSE" }
        : {
            interestRate: String(9 + n),
            paymentFrequency: "MONTHLY",
            paymentCount: 3,
            securityTerms: "A lien on all business assets",
          }),
    });
    const made = await makeOffer(prisma, {
      lenderOrgId: lender.id,
      referralId: referral.id,
      offer,
      actor,
      ip: "127.0.0.1",
    });
    if (!made.ok) throw new Error(`Could not make the benchmark offer: ${JSON.stringify(made)}`);
  }
  return { applicationId: application.id, userId: member.userId, merchantId: member.merchantId };
}

/** Gives the merchant two years of bank history through the real sync, so its dashboard scores real data. */
async function withBankHistory(merchantId: string) {
  const sandbox = await startBenchSandbox();
  try {
    const { overrideEnvForTests } = await import("~/utils/env.server");
    const { resetPlaidClient, createSandboxPublicToken } = await import("~/domain/bank/plaid.server");
    const { connectBank, syncConnection } = await import("~/domain/bank/sync.server");
    const { prisma } = await import("~/utils/db.server");
    overrideEnvForTests({ PLAID_BASE_PATH: sandbox.url });
    resetPlaidClient();
    const owner = await prisma.merchantMember.findFirstOrThrow({
      where: { merchantId },
      select: { userId: true },
    });
    const { public_token } = await createSandboxPublicToken("steady_exporter");
    const { connectionId } = await connectBank(prisma, {
      merchantId,
      publicToken: public_token,
      actor: { id: owner.userId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });
    const outcome = await syncConnection(prisma, connectionId);
    if (outcome.status !== "synced")
      throw new Error(`The benchmark merchant's bank did not sync: ${outcome.status}`);
  } finally {
    await sandbox.stop();
  }
}

/**
 * The highest request rate at which the page keeps p95 ≤ 50 ms, with requests arriving at random
 * (a Poisson process, as from many independent users) over at most `connections` connections: a
 * bisection between nothing and the page's saturated rate, 5 seconds per probe, the result
 * confirmed by a second probe. Under saturation
 * (clients that never pause) the latency is mostly the queue of waiting requests; this is the load
 * an operator can plan for.
 */
async function capacityAt50ms(url: string, cookie: string, connections: number, saturated: number) {
  const PROBE_SECONDS = 5;
  // A light warm-up first: the saturated runs before leave the heap large and the collector busy.
  await openLoop(url, cookie, Math.max(1, Math.round(saturated / 4)), 2, connections);
  let low = 0;
  let high = Math.ceil(saturated);
  let best: { rate: number; result: Measured } | null = null;
  for (let probe = 0; probe < 7 && high - low > Math.max(2, saturated * 0.03); probe++) {
    const rate = Math.max(1, Math.round((low + high) / 2));
    const result = await openLoop(url, cookie, rate, PROBE_SECONDS, connections);
    if (result.p95 <= 50) {
      low = rate;
      best = { rate, result };
    } else high = rate;
  }
  // One passing probe can be luck: the rate must pass again, or it is lowered by a tenth until it does.
  for (let retry = 0; best && retry < 3; retry++) {
    const again = await openLoop(url, cookie, best.rate, PROBE_SECONDS, connections);
    if (again.p95 <= 50) return { rate: best.rate, result: again };
    best = { rate: Math.max(1, Math.round(best.rate * 0.9)), result: again };
  }
  return null;
}

/**
 * Requests sent at `rate` per second on average, at random moments, whether or not the earlier
 * ones were answered (at most `connections` at once; the rest wait for a connection). Each latency
 * counts from the moment the request was due, so a slow answer cannot hide the ones queued
 * behind it.
 */
async function openLoop(
  url: string,
  cookie: string,
  rate: number,
  seconds: number,
  connections: number,
): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let bad = 0;
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  const end = start + seconds * 1000;
  let due = start;
  while (due < end) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const scheduled = due;
    const answered = new Promise<void>((resolve) => {
      const request = http.get(url, { agent, headers: { cookie } }, (response) => {
        response.resume();
        response.on("end", () => {
          latencies.push(performance.now() - scheduled);
          if (response.statusCode !== 200) bad += 1;
          resolve();
        });
      });
      request.on("error", () => {
        bad += 1;
        resolve();
      });
    });
    pending.add(answered);
    void answered.then(() => pending.delete(answered));
    due += (-Math.log(1 - Math.random()) * 1000) / rate;
  }
  await Promise.all(pending);
  agent.destroy();
  if (bad > 0) throw new Error(`${url}: ${bad} failed requests at ${rate} req/s`);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
  };
}

async function load(
  url: string,
  cookie: string | null,
  seconds: number,
  connections: number,
): Promise<Measured> {
  const latencies: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: cookie ? { cookie } : {},
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== 200) bad += 1;
      latencies.push(responseTime);
    });
  });
  if (bad > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${url}: ${bad} non-200 answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
  };
}

/** The peak resident memory of a process and its children (a cluster's workers), added up. */
function peakRssMiB(pid: number | undefined): number | null {
  if (!pid || !existsSync(`/proc/${pid}/status`)) return null;
  const hwm = (id: number | string) => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, "utf8"));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  const children = childPids(pid);
  return hwm(pid) + children.reduce((sum, child) => sum + hwm(child), 0);
}

export async function httpBenchmarks(
  options: { applications?: number; seconds?: number; connections?: number; processes?: number[] } = {},
): Promise<BenchRow[]> {
  const applications = options.applications ?? 10_000;
  const processCounts = [...new Set(options.processes ?? [1, availableParallelism()])].filter((n) => n >= 1);
  const seconds = options.seconds ?? 8;
  const connections = options.connections ?? 50;
  if (!existsSync("build/index.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });

  const { prisma } = await import("~/utils/db.server");
  const { createSession, sessionCookie } = await import("~/utils/session.server");
  const { DEMO_ACCOUNTS, seedDemo } = await import("../../tests/factories/demo");
  if ((await prisma.user.count({ where: { email: DEMO_ACCOUNTS.admin } })) === 0) await seedDemo(prisma);
  const underwriter = await prisma.user.findUniqueOrThrow({
    where: { email: DEMO_ACCOUNTS.meridianUnderwriter },
    select: { id: true, lenderMember: { select: { lenderOrgId: true } } },
  });
  const lenderOrgId = underwriter.lenderMember?.lenderOrgId ?? "";
  await seedApplications(lenderOrgId, applications);
  const offers = await applicationWithOffers(DEMO_ACCOUNTS.bayou);
  await withBankHistory(offers.merchantId);
  const referred = await prisma.referral.count({ where: { lenderOrgId } });
  // PostgreSQL plans from table statistics, which a bulk load leaves stale until autovacuum's next
  // ANALYZE (within about a minute on a server): planned as 26 rows, the queue's 10,000 referrals
  // were joined whole and sorted, 45 ms instead of 0.6 ms. Measure the steady state, as a server
  // runs it. (SQLite keeps no statistics unless told to: its figures are without.)
  const { databaseEngine } = await import("~/utils/db.server");
  if (databaseEngine() === "postgresql") await prisma.$executeRawUnsafe("ANALYZE");

  const { enrolKnownTotp } = await import("../../tests/support/totp");
  const cookieFor = async (userId: string) => {
    // A staff session counts only with two-factor authentication on.
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, role: true },
    });
    if (user.role !== "MERCHANT") await enrolKnownTotp(prisma, user);
    const { sessionId } = await createSession(prisma, { userId, ip: "127.0.0.1", userAgent: "bench" });
    return (await sessionCookie().serialize(sessionId)).split(";")[0] ?? "";
  };
  const lenderCookie = await cookieFor(underwriter.id);
  const merchantCookie = await cookieFor(offers.userId);
  await prisma.$disconnect();

  const rows: BenchRow[] = [];
  for (const processes of processCounts)
    rows.push(
      ...(await measureServer(processes, {
        lenderCookie,
        merchantCookie,
        offers,
        referred,
        seconds,
        connections,
      })),
    );
  return rows;
}

/** Starts the built server with `processes` server processes and loads each page, then the bare route. */
async function measureServer(
  processes: number,
  setup: {
    lenderCookie: string;
    merchantCookie: string;
    offers: { applicationId: string };
    referred: number;
    seconds: number;
    connections: number;
  },
): Promise<BenchRow[]> {
  const { lenderCookie, merchantCookie, offers, referred, seconds, connections } = setup;
  const port = await freePort();
  const server = await startProcess(
    [
      ...(process.env.BENCH_PROFILE_SERVER ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof/server"] : []),
      "server.js",
    ],
    {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      BCRYPT_COST: "12",
      WEB_CONCURRENCY: String(processes),
    },
    processes > 1 ? new RegExp(`running ${processes} server processes`) : /listening/,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const targets = [
      { name: "bare route (/healthz)", path: "/healthz", cookie: null },
      {
        name: `lender queue (${referred.toLocaleString("en-US")} referrals)`,
        path: "/lender",
        cookie: lenderCookie,
        queue: true,
      },
      {
        name: "lender queue, filtered and sorted by score",
        path: "/lender?status=IN_REVIEW&sort=score&page=3",
        cookie: lenderCookie,
        queue: true,
      },
      { name: "merchant dashboard (24 months of bank data)", path: "/merchant", cookie: merchantCookie },
      {
        name: "merchant offers page (3 offers)",
        path: `/merchant/applications/${offers.applicationId}`,
        cookie: merchantCookie,
      },
    ];
    const measured: { target: (typeof targets)[number]; result: Measured }[] = [];
    for (const target of targets) {
      await load(`${base}${target.path}`, target.cookie, 1, connections); // warm-up
      measured.push({
        target,
        result: await load(`${base}${target.path}`, target.cookie, seconds, connections),
      });
    }
    const bare = measured[0]?.result;
    if (!bare) throw new Error("The bare route was not measured.");
    const queue = measured[1];
    const capacity = queue
      ? await capacityAt50ms(`${base}${queue.target.path}`, lenderCookie, connections, queue.result.rps)
      : null;
    const rss = peakRssMiB(server.pid);
    const label = processes === 1 ? "1 process" : `${processes} processes`;
    const capacityRow: BenchRow[] =
      queue && capacity
        ? [
            {
              name: `HTTP ${label}: lender queue, the highest steady rate that keeps p95 ≤ 50 ms`,
              figure: capacity.rate,
              unit: "req/s" as const,
              detail: `requests at random moments, ${capacity.rate} req/s on average over up to ${connections} connections, 5 s (passed twice): p50 ${capacity.result.p50.toFixed(1)} ms, p95 ${capacity.result.p95.toFixed(1)} ms, p99 ${capacity.result.p99.toFixed(1)} ms`,
              referenceName: "the queue's rate when clients never pause",
              referenceFigure: queue.result.rps,
              ratio: capacity.rate / queue.result.rps,
              ratioLabel: `${((capacity.rate / queue.result.rps) * 100).toFixed(0)}% of saturation`,
              target: null,
              pass: null,
            },
          ]
        : [];
    return [
      ...measured.map(({ target, result }, index) => {
        const share = result.rps / bare.rps;
        const isBare = index === 0;
        const p95Ok = !("queue" in target) || result.p95 <= 50;
        return {
          name: `HTTP ${label}: ${target.name}`,
          figure: result.rps,
          unit: "req/s" as const,
          detail: `${connections} connections, ${seconds} s: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.requests.toLocaleString("en-US")} requests${isBare && rss ? `; server peak RSS ${rss.toFixed(0)} MiB over the whole run${processes > 1 ? " (its processes added up)" : ""}` : ""}`,
          referenceName: "bare route, same server",
          referenceFigure: bare.rps,
          ratio: share,
          ratioLabel: `${(share * 100).toFixed(0)}% of bare`,
          target: isBare ? null : "queue" in target ? "p95 ≤ 50 ms, ≥ 30% of bare" : "≥ 30% of bare",
          pass: isBare ? null : p95Ok && share >= 0.3,
        };
      }),
      ...capacityRow,
    ];
  } finally {
    await stopProcess(server);
  }
}
