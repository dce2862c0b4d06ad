import { describe, expect, it } from "vitest";
import { createAdmin, createLenderOrg, createLenderUser, unique } from "#tests/factories";
import { authenticate } from "~/domain/accounts/accounts.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";

async function lenderWithTeam() {
  const org = await createLenderOrg(prisma, { name: unique("Team Lender ") });
  const admin = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("la")}@l.example`,
    name: "Lead Admin",
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  const underwriter = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("uw")}@l.example`,
    name: "Una Writer",
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  const memberOf = async (userId: string) =>
    prisma.lenderMember.findUniqueOrThrow({
      where: { userId },
      select: { id: true, role: true, deactivatedAt: true },
    });
  return { org, admin, underwriter, memberOf };
}

describe("lender team management", () => {
  it("a lender admin promotes an underwriter, audited as a role change", async () => {
    const { admin, underwriter, memberOf } = await lenderWithTeam();
    const member = await memberOf(underwriter.id);
    const response = await request("/lender/team", {
      cookie: await cookieFor(admin.id),
      form: { intent: "change-role", memberId: member.id, role: "ADMIN" },
    });
    expect(response.status).toBe(302);
    expect((await memberOf(underwriter.id)).role).toBe("ADMIN");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "auth.role_changed", entityId: underwriter.id },
      select: { summaryJson: true, actorId: true },
    });
    expect(event.actorId).toBe(admin.id);
    expect(JSON.parse(event.summaryJson)).toMatchObject({
      before: { role: "UNDERWRITER" },
      after: { role: "ADMIN" },
    });
  });

  it("deactivating a member signs them out and stops their log-in; reactivating restores it", async () => {
    const { admin, underwriter, memberOf } = await lenderWithTeam();
    const member = await memberOf(underwriter.id);
    const theirCookie = await cookieFor(underwriter.id);
    expect((await request("/lender", { cookie: theirCookie })).status).toBe(200);
    const adminCookie = await cookieFor(admin.id);
    expect(
      (
        await request("/lender/team", {
          cookie: adminCookie,
          form: { intent: "set-active", memberId: member.id, active: "false" },
        })
      ).status,
    ).toBe(302);
    expect((await request("/lender", { cookie: theirCookie })).status).toBe(302);
    expect(
      (await authenticate(prisma, { email: underwriter.email, password: PASSWORD, ip: "10.2.0.1" })).ok,
    ).toBe(false);

    expect(
      (
        await request("/lender/team", {
          cookie: adminCookie,
          form: { intent: "set-active", memberId: member.id, active: "true" },
        })
      ).status,
    ).toBe(302);
    expect((await memberOf(underwriter.id)).deactivatedAt).toBeNull();
    expect(
      (await authenticate(prisma, { email: underwriter.email, password: PASSWORD, ip: "10.2.0.2" })).ok,
    ).toBe(true);
  });

  it("never leaves a lender without an active admin, and nobody changes themselves", async () => {
    const { admin, memberOf } = await lenderWithTeam();
    const platformAdmin = await createAdmin(prisma, {
      email: `${unique("pa")}@tradelift.example`,
      name: "PA",
      password: PASSWORD,
    });
    const own = await memberOf(admin.id);
    const selfChange = await request("/lender/team", {
      cookie: await cookieFor(admin.id),
      form: { intent: "change-role", memberId: own.id, role: "UNDERWRITER" },
    });
    expect(selfChange.status).toBe(409);
    const orgId = (
      await prisma.lenderMember.findUniqueOrThrow({
        where: { userId: admin.id },
        select: { lenderOrgId: true },
      })
    ).lenderOrgId;
    const lastAdmin = await request(`/admin/partners/${orgId}`, {
      cookie: await cookieFor(platformAdmin.id),
      form: { intent: "set-active", memberId: own.id, active: "false" },
    });
    expect(lastAdmin.status).toBe(409);
    expect(await lastAdmin.text()).toContain("at least one active lender admin");
    expect(await memberOf(admin.id)).toMatchObject({ role: "ADMIN", deactivatedAt: null });
  });

  it("a lender admin cannot touch another lender's people (404), and an underwriter cannot manage at all", async () => {
    const mine = await lenderWithTeam();
    const theirs = await lenderWithTeam();
    const foreign = await theirs.memberOf(theirs.underwriter.id);
    const response = await request("/lender/team", {
      cookie: await cookieFor(mine.admin.id),
      form: { intent: "set-active", memberId: foreign.id, active: "false" },
    });
    expect(response.status).toBe(404);
    expect((await theirs.memberOf(theirs.underwriter.id)).deactivatedAt).toBeNull();
    const ownMember = await mine.memberOf(mine.admin.id);
    const byUnderwriter = await request("/lender/team", {
      cookie: await cookieFor(mine.underwriter.id),
      form: { intent: "change-role", memberId: ownMember.id, role: "UNDERWRITER" },
    });
    expect(byUnderwriter.status).toBe(404);
    expect((await mine.memberOf(mine.admin.id)).role).toBe("ADMIN");
  });
});
