// Secrets never reach the logs. The built server runs as in production, its output captured,
// while a merchant signs up, enters the EIN, connects a bank whose sync then fails at Plaid,
// mistypes the password, changes it and signs out; an invitation is accepted. Then every line the
// server printed is searched for the EIN, the passwords, the Plaid access token and secret, the
// session cookie, the invitation token and the app's own keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, unique } from "#tests/factories";
import { createInvitation } from "~/domain/accounts/invitations.server";
import { decryptSecret } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { type AppServer, startAppServer } from "../setup/app-server";
import { SANDBOX_CREDENTIALS, startTestSandbox } from "../setup/plaid-sandbox";
import { TEST_ENV } from "../setup/test-env";

const EIN = "84-7351926";
const PASSWORD = "kyoto matcha ledger 2026";
const NEW_PASSWORD = "busan kelp invoices 2027";
const WRONG_PASSWORD = "definitely not the password";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let server: AppServer;
let base = "";

beforeAll(async () => {
  sandbox = await startTestSandbox();
  server = await startAppServer({
    PLAID_BASE_PATH: sandbox.url,
    PLAID_SYNC_RETRY_BASE_MS: "1",
    PLAID_SYNC_MAX_RETRIES: "1",
  });
  base = server.url;
}, 60_000);

afterAll(async () => {
  await server.stop();
  await sandbox.close();
});

/** A browser-like client: keeps its cookies, sends forms from the app's own origin. */
function client() {
  const jar = new Map<string, string>();
  return async (path: string, form?: Record<string, string | string[]>) => {
    const body = form ? new URLSearchParams() : undefined;
    for (const [key, value] of Object.entries(form ?? {}))
      for (const item of Array.isArray(value) ? value : [value]) body?.append(key, item);
    const response = await fetch(`${base}${path}`, {
      method: form ? "POST" : "GET",
      body,
      redirect: "manual",
      headers: {
        Origin: base,
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) jar.set(name, value.join("="));
    }
    await response.arrayBuffer();
    return { status: response.status, cookies: jar };
  };
}

describe("logs", () => {
  it("carry no EIN, password, Plaid token or secret, session, invitation token or key through a whole journey", async () => {
    const email = `${unique("logs")}@example.com`;
    const merchant = client();
    expect(
      (
        await merchant("/signup", {
          name: "Mina Park",
          email,
          businessName: "Log Check Exports LLC",
          password: PASSWORD,
          confirmPassword: PASSWORD,
          agree: "on",
        })
      ).status,
    ).toBe(200);
    // The account exists once the e-mailed link is used (#16: sign-up confirms the address).
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: email }, select: { text: true } });
    const link = /\/verify-email\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? "";
    expect((await merchant(link, { intent: "confirm" })).status).toBe(302);
    expect(
      (
        await merchant("/merchant/profile", {
          legalName: "Log Check Exports LLC",
          ein: EIN,
          entityType: "LLC",
          stateOfIncorporation: "OR",
          yearFounded: "2014",
          monthFounded: "5",
          naicsCode: "339920",
          addressLine1: "2150 NW Front Ave",
          city: "Portland",
          addressState: "OR",
          postalCode: "97209",
          employees: "38",
          annualRevenue: "6,400,000",
          exportMarkets: ["JP", "KR"],
          "owners[0].name": "Mina Park",
          "owners[0].title": "CEO",
          "owners[0].ownershipPercent": "100",
        })
      ).status,
    ).toBe(302);

    // Plaid fails every sync: the app reports it, and that report must not carry the token.
    await sandbox.local("/sandbox/local/failures/set", {
      rules: [{ endpoint: "/transactions/sync", error: "INTERNAL_SERVER_ERROR" }],
    });
    expect(
      (await merchant("/merchant/bank", { intent: "connect-sandbox", persona: "steady_exporter" })).status,
    ).toBe(302);
    const connection = await prisma.bankConnection.findFirstOrThrow({
      where: { merchant: { legalName: "Log Check Exports LLC" } },
      select: { id: true, accessTokenEncrypted: true },
    });
    for (let i = 0; i < 50 && !server.output().includes(`connection ${connection.id} stopped`); i++)
      await new Promise((r) => setTimeout(r, 100));
    await sandbox.local("/sandbox/local/failures/clear", {});
    const accessToken = decryptSecret(connection.accessTokenEncrypted);

    const stranger = client();
    expect((await stranger("/login", { email, password: WRONG_PASSWORD })).status).toBe(400);
    expect(
      (
        await merchant("/settings/password", {
          currentPassword: PASSWORD,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        })
      ).status,
    ).toBe(302);
    const { cookies } = await merchant("/merchant");
    const session = cookies.get("__session") ?? "";
    expect(session.length).toBeGreaterThan(20);
    expect((await merchant("/logout", {})).status).toBe(302);

    const admin = await createAdmin(prisma, {
      email: `${unique("la")}@tradelift.example`,
      name: "Log Admin",
      password: PASSWORD,
    });
    const invitation = await createInvitation(prisma, {
      email: `${unique("inv")}@tradelift.example`,
      name: "Invited Admin",
      target: { kind: "admin" },
      actor: { id: admin.id, role: "ADMIN" },
      ip: "127.0.0.1",
    });
    const token = invitation.url.split("/invitations/")[1] ?? "";
    const invited = client();
    expect(
      (
        await invited(`/invitations/${token}`, {
          name: "Invited Admin",
          password: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        })
      ).status,
    ).toBe(302);

    // The capture works: the server's start and the failed sync are there, with their context.
    expect(server.output()).toContain("TradeLift is listening on");
    expect(server.output()).toMatch(
      new RegExp(`Bank sync of connection ${connection.id} stopped: INTERNAL_SERVER_ERROR`),
    );

    const secrets = {
      ein: EIN,
      "ein digits": EIN.replace("-", ""),
      password: PASSWORD,
      "new password": NEW_PASSWORD,
      "wrong password": WRONG_PASSWORD,
      "Plaid access token": accessToken,
      "Plaid secret": SANDBOX_CREDENTIALS.secret,
      "session cookie": decodeURIComponent(session),
      "invitation token": token,
      "session secret": TEST_ENV.SESSION_SECRET,
      "encryption key": TEST_ENV.ENCRYPTION_KEY,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(7);
      expect(server.output().includes(secret), `${name} appears in the server's logs`).toBe(false);
    }
  }, 60_000);
});
