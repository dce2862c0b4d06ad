// Admins deactivate and reactivate any account: the person is signed out at once and cannot get
// back in by password, reset or unlock link; an admin cannot deactivate themself or the last admin.
import { describe, expect, it } from "vitest";
import { createAdmin, createMerchant, unique } from "#tests/factories";
import { authenticate } from "~/domain/accounts/accounts.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";

async function admin(name = "Ada Admin") {
  const email = `${unique("adm")}@tradelift.example`;
  const user = await createAdmin(prisma, { email, name, password: PASSWORD });
  return { id: user.id, email, cookie: await cookieFor(user.id) };
}

describe("account deactivation", () => {
  it("signs the person out everywhere at once and keeps them out until reactivated", async () => {
    const { cookie } = await admin();
    const email = `${unique("gone")}@example.com`;
    const { userId } = await createMerchant(prisma, {
      email,
      userName: "Gone",
      password: PASSWORD,
      legalName: "Gone LLC",
    });
    const session = await cookieFor(userId);
    expect((await request("/merchant", { cookie: session })).status).toBe(200);

    const page = await request(`/admin/users/${userId}`, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Deactivate the account");

    // The reason and the confirmation step are asked for, at the field.
    const noReason = await request(`/admin/users/${userId}`, {
      cookie,
      form: { intent: "deactivate", confirmed: "yes" },
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why the account is deactivated");
    const unconfirmed = await request(`/admin/users/${userId}`, {
      cookie,
      form: { intent: "deactivate", reason: "Fraudulent documents uploaded" },
    });
    expect(unconfirmed.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).deactivatedAt).toBeNull();

    const done = await request(`/admin/users/${userId}`, {
      cookie,
      form: { intent: "deactivate", reason: "Fraudulent documents uploaded", confirmed: "yes" },
    });
    expect(done.status).toBe(302);
    expect((await request("/merchant", { cookie: session })).status).toBe(302);
    expect(await authenticate(prisma, { email, password: PASSWORD, ip: "10.7.0.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await request("/forgot-password", { form: { email }, ip: "10.7.0.1" });
    expect(
      await prisma.outboxEmail.count({ where: { to: email, subject: "Reset your TradeLift password" } }),
    ).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "admin.account_deactivated", entityId: userId },
    });
    expect(JSON.parse(event.summaryJson)).toEqual({
      role: "MERCHANT",
      reason: "Fraudulent documents uploaded",
      revokedSessions: 1,
    });
    expect(await (await request(`/admin/users/${userId}`, { cookie })).text()).toContain(
      "Fraudulent documents uploaded",
    );

    // Twice is refused, not repeated.
    const again = await request(`/admin/users/${userId}`, {
      cookie,
      form: { intent: "deactivate", reason: "Fraudulent documents uploaded", confirmed: "yes" },
    });
    expect(again.status).toBe(409);

    expect((await request(`/admin/users/${userId}`, { cookie, form: { intent: "reactivate" } })).status).toBe(
      302,
    );
    expect((await authenticate(prisma, { email, password: PASSWORD, ip: "10.7.0.2" })).ok).toBe(true);
    expect(
      await prisma.auditEvent.count({ where: { action: "admin.account_reactivated", entityId: userId } }),
    ).toBe(1);
  });

  it("never deactivates the admin's own account or the last active admin", async () => {
    const me = await admin("Me Admin");
    const self = await request(`/admin/users/${me.id}`, {
      cookie: me.cookie,
      form: { intent: "deactivate", reason: "Testing myself out", confirmed: "yes" },
    });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain("You cannot deactivate your own account");

    // With every other admin deactivated, the last one cannot be.
    const other = await admin("Other Admin");
    await prisma.user.updateMany({
      where: { role: "ADMIN", id: { notIn: [me.id, other.id] } },
      data: { deactivatedAt: new Date() },
    });
    expect(
      (
        await request(`/admin/users/${other.id}`, {
          cookie: me.cookie,
          form: { intent: "deactivate", reason: "Left the company", confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    const last = await request(`/admin/users/${me.id}`, {
      cookie: other.cookie,
      form: { intent: "deactivate", reason: "Left the company", confirmed: "yes" },
    });
    // The other admin was signed out by their deactivation: their request does not reach the action.
    expect(last.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).deactivatedAt).toBeNull();
    // Restore the others for the tests that follow.
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { deactivatedAt: null } });
  });

  it("answers 404 for an unknown account and to anyone but an admin", async () => {
    const { cookie } = await admin();
    expect((await request("/admin/users/nope", { cookie })).status).toBe(404);
    const { userId } = await createMerchant(prisma, {
      email: `${unique("m")}@example.com`,
      userName: "Merchant",
      password: PASSWORD,
      legalName: "M LLC",
    });
    const merchant = await cookieFor(userId);
    expect((await request(`/admin/users/${userId}`, { cookie: merchant })).status).toBe(404);
    expect(
      (await request(`/admin/users/${userId}`, { cookie: merchant, form: { intent: "reactivate" } })).status,
    ).toBe(404);
  });
});
