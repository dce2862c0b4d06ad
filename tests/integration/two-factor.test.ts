// Two-factor authentication through the built app: enrolment at log-in for staff, the code step
// (replays refused, wrong codes throttled like passwords), recovery codes, the pending state's
// expiry and isolation, a merchant turning it on and off, and an admin's reset.
import { describe, expect, it } from "vitest";
import { createAdmin, createMerchant, unique } from "#tests/factories";
import { pendingFingerprint } from "~/domain/accounts/two-factor.server";
import { decryptSecret, sha256Hex } from "~/utils/crypto.server";
import { prisma } from "~/utils/db.server";
import { pendingLoginCookie } from "~/utils/pending-login.server";
import { enrolKnownTotp, totpCode } from "../support/totp";
import { cookieFor, cookieHeader, request, setCookiesOf } from "./app";

const PASSWORD = "correct horse battery staple";
const STEP = 30_000;

function cookieNamed(response: Response, name: string): string | null {
  return setCookiesOf(response).find((c) => c.startsWith(`${name}=`) && !/Max-Age=0/i.test(c)) ?? null;
}

async function passwordStep(email: string, ip = "10.1.0.1") {
  const response = await request("/login", { form: { email, password: PASSWORD }, ip });
  expect(response.status).toBe(302);
  expect(cookieNamed(response, "__session")).toBeNull();
  return {
    location: response.headers.get("Location"),
    pending: cookieHeader(cookieNamed(response, "__login_pending")),
  };
}

/** An admin with 2FA on (its known secret), and the secret. */
async function enrolledAdmin() {
  const email = `${unique("admin")}@tradelift.example`;
  const user = await createAdmin(prisma, { email, name: "Alex Rivera", password: PASSWORD });
  const secret = await enrolKnownTotp(prisma, { id: user.id, email });
  return { user, email, secret };
}

const htmlOf = (response: Response) => response.text();
const secretOnPage = (html: string) =>
  (/data-testid="totp-secret"[^>]*>([^<]+)</.exec(html)?.[1] ?? "").replace(/\s/g, "");
const recoveryCodesOnPage = (html: string) =>
  [...html.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((match) => match[1] ?? "");

describe("enrolment at log-in", () => {
  it("sends staff without 2FA to enrolment, shows a QR code, stores the secret encrypted and the recovery codes hashed", async () => {
    const email = `${unique("new-admin")}@tradelift.example`;
    const user = await createAdmin(prisma, { email, name: "Nia Admin", password: PASSWORD });
    const { location, pending } = await passwordStep(email);
    expect(location).toBe("/login/enrol");

    const page = await request("/login/enrol", { cookie: pending });
    expect(page.status).toBe(200);
    const html = await htmlOf(page);
    expect(html).toContain('src="data:image/svg+xml;base64,');
    const secret = secretOnPage(html);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading the page keeps the secret the app was already given.
    expect(secretOnPage(await htmlOf(await request("/login/enrol", { cookie: pending })))).toBe(secret);
    const stored = await prisma.twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.secretEncrypted).not.toContain(secret);
    expect(decryptSecret(stored.secretEncrypted)).toBe(secret);
    expect(stored.enabledAt).toBeNull();

    const wrong = await request("/login/enrol", {
      cookie: pending,
      form: { intent: "confirm", code: "000000" },
    });
    expect(wrong.status).toBe(400);
    expect(await htmlOf(wrong)).toContain("That code is not right");

    const done = await request("/login/enrol", {
      cookie: pending,
      form: { intent: "confirm", code: totpCode(secret) },
    });
    expect(done.headers.get("Location")).toBeNull();
    expect(done.status).toBe(200);
    const codes = recoveryCodesOnPage(await htmlOf(done));
    expect(codes).toHaveLength(10);
    const session = cookieHeader(cookieNamed(done, "__session"));
    expect((await request("/admin", { cookie: session })).status).toBe(200);

    const rows = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(rows.map((row) => row.codeHash).sort()).toEqual(
      codes.map((c) => sha256Hex(c.replace("-", ""))).sort(),
    );
    expect(
      (await prisma.twoFactor.findUniqueOrThrow({ where: { userId: user.id } })).enabledAt,
    ).not.toBeNull();
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.two_factor_enabled", entityId: user.id } }),
    ).toBe(1);
    expect(
      await prisma.auditEvent.count({
        where: {
          action: "auth.two_factor_failed",
          entityId: user.id,
          summaryJson: { contains: "enrolment" },
        },
      }),
    ).toBe(1);
    // The pending state is spent: it shows no secret and cannot enrol again.
    expect(secretOnPage(await htmlOf(await request("/login/enrol", { cookie: pending })))).toBe("");
    const again = await request("/login/enrol", {
      cookie: pending,
      form: { intent: "confirm", code: totpCode(secret, Date.now() + STEP) },
    });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/login");
  });

  it("reaches no page but enrolment between the password and the confirmed code", async () => {
    const email = `${unique("admin")}@tradelift.example`;
    await createAdmin(prisma, { email, name: "Alex Rivera", password: PASSWORD });
    const { pending } = await passwordStep(email);
    for (const path of [
      "/admin",
      "/admin/users",
      "/settings/password",
      "/settings/two-factor",
      "/login/code",
    ]) {
      const response = await request(path, { cookie: pending });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toMatch(/^\/login(\?|$)/);
    }
    const post = await request("/settings/password", {
      cookie: pending,
      form: { currentPassword: PASSWORD, newPassword: "another long passphrase", confirmPassword: "x" },
    });
    expect(post.status).toBe(302);
    expect(post.headers.get("Location")).toMatch(/^\/login/);
  });

  it("counts a staff session for nothing while 2FA is off", async () => {
    const { user } = await enrolledAdmin();
    const cookie = await cookieFor(user.id);
    expect((await request("/admin", { cookie })).status).toBe(200);
    await prisma.twoFactor.delete({ where: { userId: user.id } });
    const after = await request("/admin", { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("the code step", () => {
  it("logs in with a current code and the code of the next step, and refuses a replay", async () => {
    const { email, secret, user } = await enrolledAdmin();
    const { location, pending } = await passwordStep(email, "10.2.0.1");
    expect(location).toBe("/login/code");
    expect((await request("/login/code", { cookie: pending })).status).toBe(200);
    const now = Date.now();
    const code = totpCode(secret, now);
    const ok = await request("/login/code", { cookie: pending, form: { code }, ip: "10.2.0.1" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/admin");
    expect((await request("/admin", { cookie: cookieHeader(cookieNamed(ok, "__session")) })).status).toBe(
      200,
    );

    // Someone who saw that code cannot use it again, even with the password.
    const second = await passwordStep(email, "10.2.0.2");
    const replay = await request("/login/code", { cookie: second.pending, form: { code }, ip: "10.2.0.2" });
    expect(replay.status).toBe(400);
    expect(await htmlOf(replay)).toContain("That code was already used");
    expect(cookieNamed(replay, "__session")).toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.two_factor_failed", entityId: user.id, summaryJson: { contains: "replayed" } },
      }),
    ).toBe(1);
    // The next step's code is accepted (a phone a little ahead), once.
    const next = totpCode(secret, Math.floor(now / STEP) * STEP + STEP);
    expect(
      (await request("/login/code", { cookie: second.pending, form: { code: next }, ip: "10.2.0.2" })).status,
    ).toBe(302);
  });

  it("refuses a code two steps away", async () => {
    const { email, secret } = await enrolledAdmin();
    const { pending } = await passwordStep(email, "10.3.0.1");
    const old = totpCode(secret, Date.now() - 2 * STEP);
    expect(
      (await request("/login/code", { cookie: pending, form: { code: old }, ip: "10.3.0.1" })).status,
    ).toBe(400);
  });

  it("throttles wrong codes like wrong passwords, and a right password does not reset the count", async () => {
    const { email, secret, user } = await enrolledAdmin();
    const ip = "10.4.0.1";
    const { pending } = await passwordStep(email, ip);
    const wrong = (Number(totpCode(secret)) + 500_000) % 1_000_000;
    const guess = String(wrong).padStart(6, "0");
    for (let i = 0; i < 3; i += 1)
      expect((await request("/login/code", { cookie: pending, form: { code: guess }, ip })).status).toBe(400);
    // Past the free failures, the next try waits, whatever the code (the right one included).
    const waiting = await request("/login/code", { cookie: pending, form: { code: totpCode(secret) }, ip });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await htmlOf(waiting)).toContain("Too many failed attempts");
    // Starting again with the password does not clear the count of wrong codes.
    const again = await request("/login", { form: { email, password: PASSWORD }, ip });
    expect(again.status).toBe(429);
    expect(
      await prisma.auditEvent.count({
        where: {
          action: "auth.two_factor_failed",
          entityId: user.id,
          summaryJson: { contains: "wrong_code" },
        },
      }),
    ).toBe(3);
  });

  it("expires: a pending log-in older than its lifetime, or tampered with, leads back to the password", async () => {
    const { user, secret } = await enrolledAdmin();
    const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const state = {
      userId: user.id,
      next: "code" as const,
      redirectTo: "/admin",
      fingerprint: pendingFingerprint(passwordHash),
    };
    const stale = cookieHeader(await pendingLoginCookie(state, new Date(Date.now() - 11 * 60_000)));
    const expired = await request("/login/code", { cookie: stale, form: { code: totpCode(secret) } });
    expect(expired.status).toBe(302);
    expect(expired.headers.get("Location")).toBe("/login");
    expect(cookieNamed(expired, "__session")).toBeNull();

    const fresh = cookieHeader(await pendingLoginCookie(state));
    const [name, value] = fresh.split("=");
    const tampered = `${name}=${(value ?? "").slice(0, -3)}abc`;
    expect((await request("/login/code", { cookie: tampered })).headers.get("Location")).toBe("/login");

    // A password reset meanwhile voids the state.
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: `${passwordHash}x` } });
    expect((await request("/login/code", { cookie: fresh })).headers.get("Location")).toBe("/login");
  });
});

describe("recovery codes", () => {
  it("logs in once with each recovery code, tells the owner, and refuses it a second time", async () => {
    const email = `${unique("lender-admin")}@tradelift.example`;
    const user = await createAdmin(prisma, { email, name: "Rae Covery", password: PASSWORD });
    const { pending } = await passwordStep(email, "10.5.0.1");
    const html = await htmlOf(await request("/login/enrol", { cookie: pending }));
    const secret = secretOnPage(html);
    const done = await request("/login/enrol", {
      cookie: pending,
      form: { intent: "confirm", code: totpCode(secret) },
    });
    const [first] = recoveryCodesOnPage(await htmlOf(done));

    const step = await passwordStep(email, "10.5.0.2");
    const used = await request("/login/code", {
      cookie: step.pending,
      form: { code: (first ?? "").toUpperCase() },
      ip: "10.5.0.2",
    });
    expect(used.status).toBe(302);
    expect(cookieNamed(used, "__session")).not.toBeNull();
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.recovery_code_used", entityId: user.id } }),
    ).toBe(1);
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: email, subject: { contains: "recovery code was used" } },
    });
    expect(mail.text).toContain("9 of them are left");

    const stepAgain = await passwordStep(email, "10.5.0.3");
    const refused = await request("/login/code", {
      cookie: stepAgain.pending,
      form: { code: first ?? "" },
      ip: "10.5.0.3",
    });
    expect(refused.status).toBe(400);
    expect(await htmlOf(refused)).toContain("That recovery code is not right, or was already used.");
  });

  it("makes new codes after a current code; the old ones stop working", async () => {
    const { user, email, secret } = await enrolledAdmin();
    const cookie = await cookieFor(user.id);
    const made = await request("/settings/two-factor", {
      cookie,
      form: { intent: "regenerate", code: totpCode(secret) },
    });
    expect(made.status).toBe(200);
    expect(recoveryCodesOnPage(await htmlOf(made))).toHaveLength(10);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
    expect(
      await prisma.auditEvent.count({
        where: { action: "auth.recovery_codes_regenerated", entityId: user.id },
      }),
    ).toBe(1);
    expect(email).toBeTruthy();
  });
});

describe("a merchant's choice", () => {
  it("turns 2FA on from settings, is then asked for a code, and turns it off with the password and a code", async () => {
    const email = `${unique("erin")}@example.com`;
    const merchant = await createMerchant(prisma, {
      email,
      userName: "Erin",
      password: PASSWORD,
      legalName: "Erin LLC",
    });
    const user = { id: merchant.userId };
    const cookie = await cookieFor(user.id);
    const off = await htmlOf(await request("/settings/two-factor", { cookie }));
    expect(off).toContain("Turn on two-factor authentication");
    const secret = secretOnPage(await htmlOf(await request("/settings/two-factor?setup=1", { cookie })));
    const on = await request("/settings/two-factor", {
      cookie,
      form: { intent: "confirm", code: totpCode(secret) },
    });
    expect(on.status).toBe(200);
    expect(recoveryCodesOnPage(await htmlOf(on))).toHaveLength(10);
    expect((await passwordStep(email, "10.6.0.1")).location).toBe("/login/code");

    const noPassword = await request("/settings/two-factor", {
      cookie,
      form: {
        intent: "disable",
        currentPassword: "wrong password here",
        code: totpCode(secret, Date.now() + STEP),
      },
    });
    expect(noPassword.status).toBe(400);
    expect(await htmlOf(noPassword)).toContain("The current password is not correct.");
    const disabled = await request("/settings/two-factor", {
      cookie,
      form: { intent: "disable", currentPassword: PASSWORD, code: totpCode(secret, Date.now() + STEP) },
    });
    expect(disabled.status).toBe(302);
    expect(await prisma.twoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await prisma.auditEvent.count({ where: { action: "auth.two_factor_disabled", entityId: user.id } }),
    ).toBe(1);
    expect(
      await prisma.outboxEmail.count({
        where: { to: email, subject: { contains: "two-factor authentication was turned off" } },
      }),
    ).toBe(1);
    expect(
      (await request("/login", { form: { email, password: PASSWORD }, ip: "10.6.0.2" })).headers.get(
        "Location",
      ),
    ).toBe("/merchant");
  });

  it("does not let staff turn 2FA off", async () => {
    const { user, secret } = await enrolledAdmin();
    const cookie = await cookieFor(user.id);
    const refused = await request("/settings/two-factor", {
      cookie,
      form: { intent: "disable", currentPassword: PASSWORD, code: totpCode(secret) },
    });
    expect(refused.status).toBe(400);
    expect(await prisma.twoFactor.count({ where: { userId: user.id, enabledAt: { not: null } } })).toBe(1);
  });
});

describe("an admin's reset", () => {
  it("forgets the authenticator, signs the person out, audits and e-mails; they enrol again at next log-in", async () => {
    const admin = await enrolledAdmin();
    const target = await enrolledAdmin();
    const targetSession = await cookieFor(target.user.id);
    const adminCookie = await cookieFor(admin.user.id);
    const unconfirmed = await request(`/admin/users/${target.user.id}`, {
      cookie: adminCookie,
      form: { intent: "reset-two-factor" },
    });
    expect(unconfirmed.status).toBe(400);
    const reset = await request(`/admin/users/${target.user.id}`, {
      cookie: adminCookie,
      form: { intent: "reset-two-factor", confirmed: "yes" },
    });
    expect(reset.status).toBe(302);
    expect(await prisma.twoFactor.count({ where: { userId: target.user.id } })).toBe(0);
    expect((await request("/admin", { cookie: targetSession })).status).toBe(302);
    expect(
      await prisma.auditEvent.count({
        where: { action: "admin.two_factor_reset", entityId: target.user.id, actorId: admin.user.id },
      }),
    ).toBe(1);
    expect(
      await prisma.outboxEmail.count({ where: { to: target.email, subject: { contains: "was reset" } } }),
    ).toBe(1);
    expect((await passwordStep(target.email, "10.7.0.1")).location).toBe("/login/enrol");
    // An admin cannot reset their own.
    const self = await request(`/admin/users/${admin.user.id}`, {
      cookie: adminCookie,
      form: { intent: "reset-two-factor", confirmed: "yes" },
    });
    expect(self.status).toBe(409);
  });
});
