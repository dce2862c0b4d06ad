/**
 * Lighthouse on the main pages, desktop and mobile, with Debian's Chromium:
 *   npm run build && npm run audit:pages [-- --runs=N] [--write] [/path ...]
 * Starts the built app on a fresh database with the demo data (its own port), signs in as the
 * demo merchant, the Meridian lender admin and the platform admin, and audits each page for
 * performance, accessibility and best practices. Prints a table; with --write it also replaces
 * the results in docs/benchmarks.md ("Lighthouse"). With --runs=N (default 1) each figure is the
 * median of N runs. Not part of `npm test`: scores depend on the machine's load.
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { launch } from "chrome-launcher";
import lighthouse, { type Flags } from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { createTestDatabase, removeTestDatabase } from "../tests/setup/test-database";
import { TEST_ENV } from "../tests/setup/test-env";
import { startChild, waitForUrl } from "./services";

type Who = "anonymous" | "merchant" | "lender" | "admin";
const PAGES: { path: string; who: Who }[] = [
  { path: "/login", who: "anonymous" },
  { path: "/signup", who: "anonymous" },
  { path: "/merchant", who: "merchant" },
  { path: "/merchant/profile", who: "merchant" },
  { path: "/merchant/orders", who: "merchant" },
  { path: "/merchant/orders/new", who: "merchant" },
  { path: "/merchant/sales", who: "merchant" },
  { path: "/merchant/score", who: "merchant" },
  { path: "/merchant/applications/new", who: "merchant" },
  { path: "/lender", who: "lender" },
  { path: "/lender/products", who: "lender" },
  { path: "/admin", who: "admin" },
  { path: "/admin/partners", who: "admin" },
];
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
/** The widths of the table's figure headings: mobile perf, a11y, best pr., desktop perf, a11y, best pr. */
const COLUMN_WIDTHS = [11, 4, 8, 12, 4, 8];
type Scores = Record<(typeof CATEGORIES)[number], number>;

const args = process.argv.slice(2);
// Pages named on the command line (e.g. `-- /login /lender`), else all of them.
const named = args.filter((a) => a.startsWith("/"));
const pages = named.length > 0 ? PAGES.filter((p) => named.includes(p.path)) : PAGES;
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? "1");
const write = args.includes("--write");

if (!existsSync("build/index.js")) {
  console.error("build/index.js is missing: run `npm run build` first.");
  process.exit(1);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const port = String(await freePort());
const { url: databaseUrl } = createTestDatabase("audit");
const env: Record<string, string | undefined> = {
  ...process.env,
  ...TEST_ENV,
  NODE_ENV: "production",
  BCRYPT_COST: "12",
  DATABASE_URL: databaseUrl,
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  PLAID_ENV: "local",
  PLAID_SANDBOX_PORT: String(await freePort()),
};
Object.assign(process.env, env);

const { prisma } = await import("~/utils/db.server");
const { seedDemo, DEMO_ACCOUNTS } = await import("../tests/factories/demo");
const { enrolKnownTotp } = await import("../tests/support/totp");
const { createSession, sessionCookie } = await import("~/utils/session.server");
await seedDemo(prisma);

async function cookieFor(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, role: true },
  });
  // Staff accounts need two-factor authentication before a session counts as signed in.
  if (user.role !== "MERCHANT") await enrolKnownTotp(prisma, user);
  const { sessionId } = await createSession(prisma, {
    userId: user.id,
    ip: "127.0.0.1",
    userAgent: "lighthouse",
  });
  return (await sessionCookie().serialize(sessionId)).split(";")[0] ?? "";
}
const cookies: Record<Who, string | null> = {
  anonymous: null,
  merchant: await cookieFor(DEMO_ACCOUNTS.pacificRim),
  lender: await cookieFor(DEMO_ACCOUNTS.meridianAdmin),
  admin: await cookieFor(DEMO_ACCOUNTS.admin),
};
await prisma.$disconnect();

const server = startChild(process.execPath, ["server.js"], env as NodeJS.ProcessEnv);
const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** One Lighthouse run; a failed trace (it happens on a busy machine) is tried again, twice. */
async function lighthouseRun(path: string, flags: Flags, formFactor: "mobile" | "desktop") {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(
      `http://localhost:${port}${path}`,
      flags,
      formFactor === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}.`);
    if (!result.lhr.runtimeError) return result.lhr;
    if (attempt === 3) throw new Error(`${path}: ${result.lhr.runtimeError.message}`);
    console.info(`  ${formFactor} ${path}: ${result.lhr.runtimeError.code}, running it again`);
  }
}

async function audit(path: string, who: Who, formFactor: "mobile" | "desktop"): Promise<Scores> {
  const flags: Flags = {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
    extraHeaders: cookies[who] ? { Cookie: cookies[who] } : undefined,
  };
  const all: Scores[] = [];
  for (let i = 0; i < runs; i++) {
    const lhr = await lighthouseRun(path, flags, formFactor);
    if (new URL(lhr.finalDisplayedUrl).pathname !== path)
      throw new Error(`${path} ended at ${lhr.finalDisplayedUrl}: the sign-in did not hold.`);
    const scores = {} as Scores;
    for (const category of CATEGORIES)
      scores[category] = Math.round((lhr.categories[category]?.score ?? 0) * 100);
    all.push(scores);
    // The audits that cost points, so a figure below target says why.
    for (const category of CATEGORIES) {
      if (scores[category] === 100) continue;
      const failing = (lhr.categories[category]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
        .map((ref) => ref.id);
      for (const id of failing) {
        const items = (lhr.audits[id]?.details as { items?: { node?: { selector?: string } }[] } | undefined)
          ?.items;
        const where = (items ?? [])
          .flatMap((item) => (item.node?.selector ? [item.node.selector] : []))
          .slice(0, 3);
        console.info(
          `  ${formFactor} ${path} ${category}: ${id}${where.length ? ` (${where.join("; ")})` : ""}`,
        );
      }
    }
  }
  const scores = {} as Scores;
  for (const category of CATEGORIES) scores[category] = median(all.map((s) => s[category]));
  return scores;
}

const rows: string[] = [];
try {
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, 60_000);
  for (const page of pages) {
    const mobile = await audit(page.path, page.who, "mobile");
    const desktop = await audit(page.path, page.who, "desktop");
    // Each figure padded to its column's heading, as the Markdown formatter (Biome) lays tables out.
    const figures = [mobile, desktop].flatMap((s) => CATEGORIES.map((c) => s[c]));
    const row = `| ${page.path.padEnd(26)} | ${figures
      .map((figure, i) => String(figure).padStart(COLUMN_WIDTHS[i] ?? 3))
      .join(" | ")} |`;
    rows.push(row);
    console.info(row);
  }
} finally {
  chrome.kill();
  server.kill("SIGTERM");
  removeTestDatabase(databaseUrl);
}

const table = [
  "| page                       | mobile perf | a11y | best pr. | desktop perf | a11y | best pr. |",
  "| -------------------------- | ----------: | ---: | -------: | -----------: | ---: | -------: |",
  ...rows,
].join("\n");
console.info(`\n${table}`);

if (write) {
  const file = "docs/benchmarks.md";
  const doc = readFileSync(file, "utf8");
  const start = doc.indexOf("<!-- lighthouse:start -->");
  const end = doc.indexOf("<!-- lighthouse:end -->");
  if (start < 0 || end < 0) throw new Error(`${file} has no lighthouse markers.`);
  const stamp = `Measured ${new Date().toISOString().slice(0, 10)}, median of ${runs} run(s) per figure.`;
  writeFileSync(
    file,
    `${doc.slice(0, start)}<!-- lighthouse:start -->\n${stamp}\n\n${table}\n${doc.slice(end)}`,
  );
  console.info(`Wrote the table into ${file}.`);
}
process.exit(0);
