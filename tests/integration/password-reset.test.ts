// Password reset by e-mail: the same answer for known and unknown addresses, a one-time link
// stored only as its hash, expiry, and a reset that ends every session and forgets failed log-ins.
import { describe, expect, it } from "vitest";
import { createMerchant, unique } from "#tests/factories";
import { authenticate } from "~/domain/accounts/accounts.server";
import { sha256Hex } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a fresh long passphrase 42";

async function merchant() {
  const email = `${unique("reset")}@example.com`;
  const { userId } = await createMerchant(prisma, {
    email,
    userName: "Reset",
    password: PASSWORD,
    legalName: "Reset LLC",
  });
  return { email, userId };
}

function linkIn(text: string): string {
  return /\/reset-password\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
}

describe("forgot password", () => {
  it("answers a known and an unknown address the same way, and e-mails only the account", async () => {
    const { email, userId } = await merchant();
    const ghost = `${unique("ghost")}@example.com`;
    const known = await request("/forgot-password", { form: { email }, ip: "10.9.0.1" });
    const unknown = await request("/forgot-password", { form: { email: ghost }, ip: "10.9.0.1" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (body: string, address: string) => body.replaceAll(address, "ADDRESS");
    expect(strip(await known.text(), email)).toBe(strip(await unknown.text(), ghost));
    expect(await prisma.outboxEmail.count({ where: { to: ghost } })).toBe(0);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toBe("Reset your TradeLift password");
    const token = linkIn(mail.text);
    const stored = await prisma.accountToken.findFirstOrThrow({
      where: { userId, purpose: "PASSWORD_RESET" },
    });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeCloseTo(3_600_000, -3);
  });

  it("sets the new password once, ends every session, and forgets failed log-ins", async () => {
    const { email, userId } = await merchant();
    const session = await cookieFor(userId);
    // Someone had been guessing from this network.
    let clock = new Date();
    for (let i = 0; i < 10; i++) {
      clock = new Date(clock.getTime() + 10 * 60_000);
      await authenticate(prisma, { email, password: "wrong guess here", ip: "10.9.0.2" }, clock);
    }
    await request("/forgot-password", { form: { email }, ip: "10.9.0.2" });
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: email, subject: "Reset your TradeLift password" },
    });
    const token = linkIn(mail.text);
    const page = await request(`/reset-password/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);

    // Field errors first: nothing is used up.
    const mismatch = await request(`/reset-password/${token}`, {
      form: { password: NEW_PASSWORD, confirmPassword: "something else entirely" },
    });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("The passwords do not match.");

    const done = await request(`/reset-password/${token}`, {
      form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login");
    expect((await request("/merchant", { cookie: session })).status).toBe(302);
    expect((await authenticate(prisma, { email, password: PASSWORD, ip: "10.9.0.3" })).ok).toBe(false);
    // The network that was stopped may log in at once with the new password.
    expect((await authenticate(prisma, { email, password: NEW_PASSWORD, ip: "10.9.0.2" }, clock)).ok).toBe(
      true,
    );
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.password_reset", entityId: userId } }),
    ).toBe(1);
    expect(
      await prisma.outboxEmail.count({
        where: { to: email, subject: "Your TradeLift password was changed" },
      }),
    ).toBe(1);
    // Used once, gone.
    expect((await request(`/reset-password/${token}`)).status).toBe(410);
    const again = await request(`/reset-password/${token}`, {
      form: { password: "yet another passphrase 9", confirmPassword: "yet another passphrase 9" },
    });
    expect(again.status).toBe(410);
  });

  it("refuses an expired link, a link a newer one replaced, and a made-up one", async () => {
    const { email, userId } = await merchant();
    await request("/forgot-password", { form: { email }, ip: "10.9.0.4" });
    const first = linkIn((await prisma.outboxEmail.findFirstOrThrow({ where: { to: email } })).text);
    await request("/forgot-password", { form: { email }, ip: "10.9.0.4" });
    const mails = await prisma.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
    const second = linkIn(mails[1]?.text ?? "");
    expect((await request(`/reset-password/${first}`)).status).toBe(410);
    expect((await request(`/reset-password/${second}`)).status).toBe(200);
    await prisma.accountToken.updateMany({
      where: { userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await request(`/reset-password/${second}`)).status).toBe(410);
    expect((await request("/reset-password/not-a-real-token-at-all-xx")).status).toBe(410);
  });

  it("sends at most three links an hour to one address, still with the same answer", async () => {
    const { email } = await merchant();
    for (let i = 0; i < 5; i++)
      expect((await request("/forgot-password", { form: { email }, ip: `10.9.1.${i}` })).status).toBe(200);
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(3);
  });

  it("asks for a valid address at the field", async () => {
    const response = await request("/forgot-password", { form: { email: "not-an-address" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter a valid e-mail address");
  });
});
