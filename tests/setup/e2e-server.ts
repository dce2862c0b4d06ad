// Starts the built app for the browser tests: its own fresh database with the demo data, its own
// port, production mode. Playwright's webServer runs this; it builds nothing itself.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { startChild, startPlaidSandbox, superviseChildren, waitForUrl } from "../../scripts/services";
import { createTestDatabase, removeTestDatabase } from "./test-database";
import { e2eDatabaseUrlFile, TEST_ENV } from "./test-env";

if (!existsSync("build/index.js")) {
  console.error("build/index.js is missing: run `npm run build` before the browser tests.");
  process.exit(1);
}

const { url } = createTestDatabase("e2e");
const port = process.env.E2E_PORT ?? "3100";
// Where a browser test finds this run's database, to move a deal's dates back in time
// (tests/setup/servicing-clock.ts): keyed by port, so parallel runs on other ports do not meet.
const urlFile = e2eDatabaseUrlFile(port);
writeFileSync(urlFile, url);
process.once("exit", () => {
  removeTestDatabase(url);
  rmSync(urlFile, { force: true });
});
const env: Record<string, string | undefined> = {
  ...process.env,
  ...TEST_ENV,
  NODE_ENV: "production",
  BCRYPT_COST: "12",
  DATABASE_URL: url,
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  // Every browser test signs in from 127.0.0.1; the per-IP limit itself is tested in integration.
  LOGIN_RATE_LIMIT_PER_IP: "100000",
  // Its own local Plaid sandbox, fresh for each run, on its own port; webhooks come back here.
  PLAID_ENV: "local",
  PLAID_SANDBOX_PORT: process.env.E2E_PLAID_PORT ?? "4110",
  PLAID_SANDBOX_STATE: "",
  PLAID_SANDBOX_TODAY: "2026-11-20",
};
Object.assign(process.env, env);

const { prisma } = await import("~/utils/db.server");
const { seedDemo } = await import("../factories/demo");
await seedDemo(prisma);
// As a fresh install does (`npm run setup`): the shipped OFAC SDN list, so every party is screened.
const { ensureShippedList } = await import("~/domain/sanctions/lists.server");
await ensureShippedList(prisma);
// The demo's staff have enrolled an authenticator with their address's known secret, so browser
// tests compute their codes (tests/support/totp.ts); `npm start` leaves them to enrol at first log-in.
const { enrolKnownTotp } = await import("../support/totp");
for (const user of await prisma.user.findMany({ where: { role: { in: ["LENDER", "ADMIN"] } } }))
  await enrolKnownTotp(prisma, user);
await prisma.$disconnect();

startPlaidSandbox(env as NodeJS.ProcessEnv);
await waitForUrl(`http://127.0.0.1:${env.PLAID_SANDBOX_PORT}/`);
superviseChildren(startChild(process.execPath, ["server.js"], env as NodeJS.ProcessEnv));
