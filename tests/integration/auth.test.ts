import { describe, expect, it } from "vitest";
import { createAdmin, createLenderOrg, createMerchant, unique } from "#tests/factories";
import { authenticate } from "~/domain/accounts/accounts.server";
import { acceptInvitation, createInvitation } from "~/domain/accounts/invitations.server";
import { sha256Hex } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, cookieHeader, request, setCookiesOf } from "./app";

const PASSWORD = "correct horse battery staple";

function signupForm(email: string) {
  return {
    name: "Erin Matsuda",
    email,
    businessName: "Pacific Rim Outdoor Gear LLC",
    password: PASSWORD,
    confirmPassword: PASSWORD,
    agree: "on",
  };
}

/** The confirmation link e-mailed to a new sign-up (read from the outbox). */
async function verificationPath(email: string): Promise<string> {
  const mail = await prisma.outboxEmail.findFirstOrThrow({
    where: { to: email, subject: { contains: "Confirm your e-mail address" } },
    orderBy: { createdAt: "desc" },
    select: { text: true },
  });
  return /\/verify-email\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? "";
}

// Since #16 a sign-up creates nothing until its address is confirmed by e-mail, and answers the
// same for an address that already has an account.
describe("merchant sign-up", () => {
  it("e-mails a one-time link; confirming it creates the user, its business and the owner membership, signs in and audits", async () => {
    const email = `${unique("erin")}@pacificrim.example`;
    const response = await request("/signup", { form: signupForm(email.toUpperCase()) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Check your e-mail");
    expect(setCookiesOf(response).some((c) => c.startsWith("__session="))).toBe(false);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    const stored = await prisma.signupRequest.findFirstOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$2b\$/);

    const link = await verificationPath(email);
    expect(stored.tokenHash).toBe(sha256Hex(link.split("/").pop() ?? ""));
    expect((await request(link)).status).toBe(200);
    const confirmed = await request(link, { form: { intent: "confirm" } });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/merchant/profile");
    const session = setCookiesOf(confirmed).find((c) => c.startsWith("__session="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);

    const user = await prisma.user.findUniqueOrThrow({
      where: { email },
      select: {
        role: true,
        passwordHash: true,
        merchantMember: { select: { role: true, merchant: { select: { legalName: true } } } },
      },
    });
    expect(user.role).toBe("MERCHANT");
    expect(user.passwordHash).toBe(stored.passwordHash);
    expect(user.merchantMember?.role).toBe("OWNER");
    expect(user.merchantMember?.merchant.legalName).toBe("Pacific Rim Outdoor Gear LLC");
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.signed_up", summaryJson: { contains: "Pacific Rim" } },
      }),
    ).toBeGreaterThan(0);

    const home = await request("/merchant", { cookie: cookieHeader(session ?? null) });
    expect(home.status).toBe(200);
    // The link works once.
    expect((await request(link, { form: { intent: "confirm" } })).status).toBe(410);
    expect((await request(link)).status).toBe(410);
    expect((await request("/login", { form: { email, password: PASSWORD } })).headers.get("Location")).toBe(
      "/merchant",
    );
  });

  it("answers an address that has an account exactly as a new one, writes nothing and e-mails the owner", async () => {
    const known = `${unique("dup")}@example.com`;
    await createMerchant(prisma, {
      email: known,
      userName: "Known",
      password: PASSWORD,
      legalName: "Known LLC",
    });
    const fresh = `${unique("new")}@example.com`;
    const before = await prisma.merchant.count();
    const again = await request("/signup", { form: signupForm(known), ip: "10.8.0.1" });
    const other = await request("/signup", { form: signupForm(fresh), ip: "10.8.0.1" });
    expect(again.status).toBe(other.status);
    const normalise = (html: string, email: string) =>
      html.replaceAll(email, "EMAIL").replace(/nonce="[^"]*"/g, "");
    expect(normalise(await again.text(), known)).toBe(normalise(await other.text(), fresh));
    expect(await prisma.merchant.count()).toBe(before);
    expect(await prisma.signupRequest.count({ where: { email: known } })).toBe(0);
    const note = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: known },
      select: { subject: true, text: true },
    });
    expect(note.subject).toContain("you already have an account");
    expect(note.text).toContain("/forgot-password");
    expect(note.text).not.toContain("/verify-email/");
  });

  it("lets only one of two links for one address create the account", async () => {
    const email = `${unique("twice")}@example.com`;
    await request("/signup", { form: signupForm(email), ip: "10.8.0.2" });
    const first = await verificationPath(email);
    await request("/signup", { form: signupForm(email), ip: "10.8.0.2" });
    const second = await verificationPath(email);
    expect(second).not.toBe(first);
    // A newer link voids the older one.
    expect((await request(first)).status).toBe(410);
    expect((await request(second, { form: { intent: "confirm" } })).status).toBe(302);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe("log-in", () => {
  it("signs a merchant in with the right password and lands on the role's home", async () => {
    const email = `${unique("merchant")}@example.com`;
    await createMerchant(prisma, { email, userName: "Erin", password: PASSWORD, legalName: "Erin LLC" });
    const response = await request("/login", { form: { email, password: PASSWORD } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/merchant");
  });

  // Two-factor authentication is required of staff since #16: the password leads to enrolment
  // (tests/integration/two-factor.test.ts follows the rest of the way).
  it("sends an admin without two-factor authentication to enrolment, without a session", async () => {
    const email = `${unique("admin")}@tradelift.example`;
    await createAdmin(prisma, { email, name: "Alex Rivera", password: PASSWORD });
    const response = await request("/login", { form: { email, password: PASSWORD } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login/enrol");
    expect(setCookiesOf(response).some((c) => c.startsWith("__session="))).toBe(false);
  });

  it("answers an unknown e-mail and a wrong password the same way", async () => {
    const email = `${unique("known")}@example.com`;
    await createMerchant(prisma, { email, userName: "Known", password: PASSWORD, legalName: "Known LLC" });
    const wrong = await request("/login", { form: { email, password: "not the password" }, ip: "10.0.0.1" });
    const unknown = await request("/login", {
      form: { email: `${unique("nobody")}@example.com`, password: "x" },
      ip: "10.0.0.1",
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const message = "The e-mail address or the password is not correct.";
    expect(JSON.stringify(await wrong.text())).toContain(message);
    expect(JSON.stringify(await unknown.text())).toContain(message);
  });

  it("slows one source with growing delays, then stops that source alone; the owner on another network gets in", async () => {
    const email = `${unique("slow")}@example.com`;
    const { userId } = await createMerchant(prisma, {
      email,
      userName: "Slow",
      password: PASSWORD,
      legalName: "Slow LLC",
    });
    const attacker = "10.0.0.2";
    let clock = new Date();
    const tryFrom = (ip: string, password: string) => authenticate(prisma, { email, password, ip }, clock);
    const seconds = (n: number) => {
      clock = new Date(clock.getTime() + n * 1000);
    };
    // Three free failures, then each attempt must wait: 2 s, 4 s, 8 s...
    for (let i = 0; i < 3; i++)
      expect(await tryFrom(attacker, "wrong password!")).toEqual({ ok: false, reason: "invalid" });
    expect(await tryFrom(attacker, PASSWORD)).toEqual({ ok: false, reason: "wait", retryAfterSeconds: 2 });
    seconds(2);
    expect(await tryFrom(attacker, "wrong password!")).toEqual({ ok: false, reason: "invalid" });
    expect(await tryFrom(attacker, "wrong password!")).toEqual({
      ok: false,
      reason: "wait",
      retryAfterSeconds: 4,
    });
    // Waiting out each delay, the source reaches its hard stop at the tenth failure.
    for (let failures = 4; failures < 10; failures++) {
      seconds(2 ** (failures - 2));
      expect(await tryFrom(attacker, "wrong password!")).toEqual({ ok: false, reason: "invalid" });
    }
    const stopped = await tryFrom(attacker, PASSWORD);
    expect(stopped).toEqual({ ok: false, reason: "stopped", retryAfterSeconds: 15 * 60 });
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.source_stopped", entityId: userId } }),
    ).toBe(1);
    // The owner, from another network, is not locked out.
    expect((await tryFrom("10.0.0.77", PASSWORD)).ok).toBe(true);
    // The stop runs out after 15 minutes and the source starts again from zero.
    seconds(15 * 60 + 1);
    expect((await tryFrom(attacker, PASSWORD)).ok).toBe(true);
  });

  it("e-mails the owner once with a one-time link that unlocks log-in at once", async () => {
    const email = `${unique("unlock")}@example.com`;
    const { userId } = await createMerchant(prisma, {
      email,
      userName: "Unlock",
      password: PASSWORD,
      legalName: "Unlock LLC",
    });
    let clock = new Date();
    for (let failures = 0; failures < 10; failures++) {
      clock = new Date(clock.getTime() + 10 * 60_000);
      await authenticate(prisma, { email, password: "wrong password!", ip: "10.0.0.5" }, clock);
    }
    expect(await authenticate(prisma, { email, password: PASSWORD, ip: "10.0.0.5" }, clock)).toMatchObject({
      reason: "stopped",
    });
    const alerts = await prisma.outboxEmail.findMany({ where: { to: email } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subject).toBe("TradeLift: failed log-ins to your account");
    const link = /http\S+\/unlock\/([A-Za-z0-9_-]+)/.exec(alerts[0]?.text ?? "");
    expect(link).not.toBeNull();
    const token = link?.[1] ?? "";
    const stored = await prisma.accountToken.findFirstOrThrow({ where: { userId, purpose: "UNLOCK" } });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(stored.tokenHash).not.toBe(token);

    const page = await request(`/unlock/${token}`);
    expect(page.status).toBe(200);
    const used = await request(`/unlock/${token}`, { form: { intent: "unlock" } });
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/login");
    expect(await authenticate(prisma, { email, password: PASSWORD, ip: "10.0.0.5" }, clock)).toMatchObject({
      ok: true,
    });
    expect(await prisma.auditEvent.count({ where: { action: "auth.unlocked", entityId: userId } })).toBe(1);
    // The link works once.
    expect((await request(`/unlock/${token}`, { form: { intent: "unlock" } })).status).toBe(410);
    expect((await request("/unlock/made-up-token-aaaaaaaaaaaaaaaa")).status).toBe(410);
  });

  it("throttles an unknown address exactly like a real account, and tells no one", async () => {
    const real = `${unique("real")}@example.com`;
    await createMerchant(prisma, {
      email: real,
      userName: "Real",
      password: PASSWORD,
      legalName: "Real LLC",
    });
    const ghost = `${unique("ghost")}@example.com`;
    const outcomes = async (email: string) => {
      let clock = new Date();
      const seen: unknown[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        clock = new Date(clock.getTime() + 3000);
        seen.push(await authenticate(prisma, { email, password: "whatever wrong", ip: "10.0.0.3" }, clock));
      }
      return seen;
    };
    expect(await outcomes(ghost)).toEqual(await outcomes(real));
    expect(await prisma.outboxEmail.count({ where: { to: ghost } })).toBe(0);
  });

  it("slows every source once an account has many failures across networks, but never stops the owner", async () => {
    const email = `${unique("spread")}@example.com`;
    await createMerchant(prisma, { email, userName: "Spread", password: PASSWORD, legalName: "Spread LLC" });
    const clock = new Date();
    for (let i = 0; i < 20; i++)
      expect(
        await authenticate(prisma, { email, password: "guess guess", ip: `198.51.100.${i}` }, clock),
      ).toEqual({
        ok: false,
        reason: "invalid",
      });
    // A fresh network must wait too (2 s, growing to at most a minute)...
    expect(await authenticate(prisma, { email, password: PASSWORD, ip: "192.0.2.9" }, clock)).toEqual({
      ok: false,
      reason: "wait",
      retryAfterSeconds: 2,
    });
    // ...and then gets in.
    const later = new Date(clock.getTime() + 2000);
    expect((await authenticate(prisma, { email, password: PASSWORD, ip: "192.0.2.9" }, later)).ok).toBe(true);
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(1);
  });

  it("rate-limits log-in attempts per IP with a 429", async () => {
    const ip = "10.0.0.99";
    let last: Response | undefined;
    for (let attempt = 0; attempt < 31; attempt++) {
      last = await request("/login", {
        form: { email: `${unique("spray")}@example.com`, password: "x" },
        ip,
      });
    }
    expect(last?.status).toBe(429);
    // Another client is not affected.
    const other = await request("/login", {
      form: { email: `${unique("ok")}@example.com`, password: "x" },
      ip: "10.0.0.100",
    });
    expect(other.status).toBe(400);
  });
});

describe("sessions", () => {
  it("log-out revokes the session", async () => {
    const { userId } = await createMerchant(prisma, {
      email: `${unique("out")}@example.com`,
      userName: "Out",
      password: PASSWORD,
      legalName: "Out LLC",
    });
    const cookie = await cookieFor(userId);
    expect((await request("/merchant", { cookie })).status).toBe(200);
    const out = await request("/logout", { method: "POST", cookie });
    expect(out.status).toBe(302);
    const after = await request("/merchant", { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toBe("/login?redirectTo=%2Fmerchant");
  });

  it("changing the password revokes every other session but keeps this one", async () => {
    const { userId } = await createMerchant(prisma, {
      email: `${unique("pw")}@example.com`,
      userName: "Pw",
      password: PASSWORD,
      legalName: "Pw LLC",
    });
    const here = await cookieFor(userId);
    const elsewhere = await cookieFor(userId);
    const newPassword = "a brand new passphrase 7";
    const wrong = await request("/settings/password", {
      cookie: here,
      form: { currentPassword: "not it at all", newPassword, confirmPassword: newPassword },
    });
    expect(wrong.status).toBe(400);
    const response = await request("/settings/password", {
      cookie: here,
      form: { currentPassword: PASSWORD, newPassword, confirmPassword: newPassword },
    });
    expect(response.status).toBe(302);
    expect((await request("/merchant", { cookie: here })).status).toBe(200);
    expect((await request("/merchant", { cookie: elsewhere })).status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    expect(
      (await authenticate(prisma, { email: user.email, password: newPassword, ip: "10.1.0.1" })).ok,
    ).toBe(true);
  });

  it("limits current-password checks on the password page like log-in", async () => {
    const { userId } = await createMerchant(prisma, {
      email: `${unique("pwlimit")}@example.com`,
      userName: "Pw Limit",
      password: PASSWORD,
      legalName: "Pw Limit LLC",
    });
    const cookie = await cookieFor(userId);
    const newPassword = "a brand new passphrase 8";
    const attempt = (currentPassword: string) =>
      request("/settings/password", {
        cookie,
        ip: "10.2.0.1",
        form: { currentPassword, newPassword, confirmPassword: newPassword },
      });
    for (let i = 0; i < 3; i++) expect((await attempt(`wrong guess number ${i}`)).status).toBe(400);
    // The fourth try comes too soon: refused without checking, even with the right password.
    const refused = await attempt(PASSWORD);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Too many failed attempts");
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.password_check_failed", entityId: userId } }),
    ).toBe(3);
  });

  it("ignores a forged or tampered session cookie", async () => {
    const { userId } = await createMerchant(prisma, {
      email: `${unique("forge")}@example.com`,
      userName: "F",
      password: PASSWORD,
      legalName: "F LLC",
    });
    const { id } = await prisma.session.create({
      data: { userId, expiresAt: new Date(Date.now() + 3_600_000) },
      select: { id: true },
    });
    const unsigned = `__session=${encodeURIComponent(Buffer.from(JSON.stringify(id)).toString("base64"))}`;
    expect((await request("/merchant", { cookie: unsigned })).status).toBe(302);
  });
});

describe("invitations", () => {
  async function invite(lenderRole: "ADMIN" | "UNDERWRITER" = "ADMIN", now?: Date) {
    const admin = await createAdmin(prisma, {
      email: `${unique("adm")}@tradelift.example`,
      name: "Admin",
      password: PASSWORD,
    });
    const org = await createLenderOrg(prisma, { name: unique("Lender ") });
    const email = `${unique("invitee")}@lender.example`;
    const invitation = await createInvitation(prisma, {
      name: "Maria Chen",
      email,
      target: { kind: "lender", lenderOrgId: org.id, lenderRole },
      actor: { id: admin.id, role: "ADMIN" },
      ip: "127.0.0.1",
      now,
    });
    const token = invitation.url.split("/invitations/")[1] ?? "";
    return { org, email, token, invitation };
  }

  it("stores only the token's hash, e-mails the link and audits", async () => {
    const { token, email, invitation } = await invite();
    const stored = await prisma.invitation.findUniqueOrThrow({
      where: { id: invitation.invitationId },
      select: { tokenHash: true },
    });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: email },
      select: { text: true, status: true },
    });
    expect(mail.text).toContain(invitation.url);
    expect(mail.status).toBe("PENDING");
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.invitation_created", entityId: invitation.invitationId },
      }),
    ).toBe(1);
  });

  it("is accepted once: creates the lender user and membership, then the link is dead", async () => {
    const { org, email, token } = await invite("ADMIN");
    const page = await request(`/invitations/${token}`);
    expect(page.status).toBe(200);
    const form = { name: "Maria Chen", password: PASSWORD, confirmPassword: PASSWORD };
    const accepted = await request(`/invitations/${token}`, { form });
    expect(accepted.status).toBe(302);
    // Staff set up two-factor authentication before their first session (#16).
    expect(accepted.headers.get("Location")).toBe("/login/enrol");
    const user = await prisma.user.findUniqueOrThrow({
      where: { email },
      select: { role: true, lenderMember: { select: { lenderOrgId: true, role: true } } },
    });
    expect(user).toEqual({ role: "LENDER", lenderMember: { lenderOrgId: org.id, role: "ADMIN" } });

    const again = await request(`/invitations/${token}`, { form });
    expect(again.status).toBe(410);
    expect((await request(`/invitations/${token}`)).status).toBe(410);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("refuses an expired link", async () => {
    const issued = new Date(Date.now() - 73 * 3_600_000);
    const { token, email } = await invite("UNDERWRITER", issued);
    expect((await request(`/invitations/${token}`)).status).toBe(410);
    const outcome = await acceptInvitation(prisma, {
      token,
      name: "Late",
      password: PASSWORD,
      ip: "127.0.0.1",
    });
    expect(outcome).toEqual({ ok: false, reason: "gone" });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("lets only one of two simultaneous acceptances win", async () => {
    const { token, email } = await invite();
    const results = await Promise.all([
      acceptInvitation(prisma, { token, name: "One", password: PASSWORD, ip: "127.0.0.1" }),
      acceptInvitation(prisma, { token, name: "Two", password: PASSWORD, ip: "127.0.0.1" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("answers 410 for a made-up token", async () => {
    expect((await request(`/invitations/${"A".repeat(43)}`)).status).toBe(410);
    expect((await request("/invitations/%3Cscript%3E")).status).toBe(410);
  });
});
