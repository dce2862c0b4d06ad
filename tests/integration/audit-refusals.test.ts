// Refused attempts are recorded in the audit trail, through the real app: another owner's record
// or another role's page (404) and a move a workflow forbids (409), each once, with who asked,
// how, and what for; at most REFUSAL_LIMIT per actor and window, the rest counted in the next
// recorded one. A signed-out visitor's unknown URL is a missing page, not a refusal: nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createAdmin, createLenderOrg, createMerchant, unique } from "#tests/factories";
import { REFUSAL_LIMIT } from "~/domain/audit/refusals.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";

async function merchant(label: string) {
  const m = await createMerchant(prisma, {
    email: `${unique(label)}@example.com`,
    userName: `Merchant ${label}`,
    password: PASSWORD,
    legalName: `${label} LLC`,
  });
  const application = await prisma.application.create({
    data: {
      merchantId: m.merchantId,
      requestedAmountCents: 5_000_000,
      purpose: "Materials",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "DRAFT",
    },
    select: { id: true },
  });
  return { ...m, applicationId: application.id, cookie: await cookieFor(m.userId) };
}

function refusalsOf(actorId: string) {
  return prisma.auditEvent.findMany({
    where: { actorId, action: { endsWith: ".refused" } },
    orderBy: { createdAt: "asc" },
    select: { action: true, entityType: true, entityId: true, summaryJson: true, ip: true, actorName: true },
  });
}

let owner: Awaited<ReturnType<typeof merchant>>;

beforeAll(async () => {
  owner = await merchant("owner");
});

describe("refused attempts in the audit trail", () => {
  it("records a merchant asking for another merchant's application once, with path, method, entity and status", async () => {
    const prober = await merchant("prober");
    const path = `/merchant/applications/${owner.applicationId}`;
    const response = await request(path, { cookie: prober.cookie, ip: "203.0.113.7" });
    expect(response.status).toBe(404);
    const events = await refusalsOf(prober.userId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "access.refused",
      entityType: "Application",
      entityId: owner.applicationId,
      ip: "203.0.113.7",
      actorName: "Merchant prober",
    });
    expect(JSON.parse(events[0]?.summaryJson ?? "{}")).toMatchObject({ status: 404, method: "GET", path });
    // The owner's own page is no refusal.
    expect((await request(path, { cookie: owner.cookie })).status).toBe(200);
    expect(await refusalsOf(owner.userId)).toHaveLength(0);
  });

  it("records the same refusal when the page's data is fetched by the browser (single fetch)", async () => {
    const prober = await merchant("fetcher");
    const response = await request(`/merchant/applications/${owner.applicationId}.data`, {
      cookie: prober.cookie,
    });
    expect(response.status).toBe(404);
    const events = await refusalsOf(prober.userId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.summaryJson ?? "{}")).toMatchObject({
      status: 404,
      path: `/merchant/applications/${owner.applicationId}`,
    });
  });

  it("records refusals of resource routes too (another merchant's bank connection, a lender's download)", async () => {
    const prober = await merchant("resource");
    const connection = await prisma.bankConnection.create({
      data: {
        merchantId: owner.merchantId,
        plaidItemId: unique("item"),
        accessTokenEncrypted: "v1.x.y.z",
        institutionName: "Owner Bank",
        status: "ACTIVE",
      },
      select: { id: true },
    });
    const response = await request(`/merchant/bank/${connection.id}`, {
      cookie: prober.cookie,
      form: { intent: "disconnect" },
    });
    expect(response.status).toBe(404);
    expect((await request(`/lender/documents/${unique("doc")}`, { cookie: prober.cookie })).status).toBe(404);
    const events = await refusalsOf(prober.userId);
    expect(events.map((e) => [e.entityType, JSON.parse(e.summaryJson).method])).toEqual([
      ["BankConnection", "POST"],
      ["Document", "GET"],
    ]);
    expect(events[0]?.entityId).toBe(connection.id);
  });

  it("records another role's page", async () => {
    const prober = await merchant("roles");
    expect((await request("/admin/users", { cookie: prober.cookie })).status).toBe(404);
    const events = await refusalsOf(prober.userId);
    expect(events.map((e) => [e.action, JSON.parse(e.summaryJson).path])).toEqual([
      ["access.refused", "/admin/users"],
    ]);
  });

  it("writes at most the limit for 200 refusals, and counts the rest in the next recorded one", async () => {
    const prober = await merchant("flood");
    for (let i = 0; i < 200; i++) {
      const response = await request(`/merchant/applications/${owner.applicationId}`, {
        cookie: prober.cookie,
      });
      expect(response.status).toBe(404);
    }
    expect(await refusalsOf(prober.userId)).toHaveLength(REFUSAL_LIMIT);
    // The window passes.
    await prisma.rateLimitBucket.update({
      where: { key: `refusal:user:${prober.userId}` },
      data: { windowStart: new Date(Date.now() - 24 * 3_600_000) },
    });
    expect(
      (await request(`/merchant/applications/${owner.applicationId}`, { cookie: prober.cookie })).status,
    ).toBe(404);
    const events = await refusalsOf(prober.userId);
    expect(events).toHaveLength(REFUSAL_LIMIT + 1);
    expect(JSON.parse(events.at(-1)?.summaryJson ?? "{}")).toMatchObject({
      suppressedBefore: 200 - REFUSAL_LIMIT,
    });
  });

  it("writes nothing for a signed-out visitor's unknown URLs", async () => {
    const before = await prisma.auditEvent.count();
    for (let i = 0; i < 25; i++) {
      expect((await request(`/wp-admin/${unique("probe")}.php`, { ip: "198.51.100.9" })).status).toBe(404);
    }
    expect(await prisma.auditEvent.count()).toBe(before);
    expect(await prisma.rateLimitBucket.count({ where: { key: { contains: "198.51.100.9" } } })).toBe(0);
  });

  it("records a move the workflow forbids as transition.refused, with the entity and the reason", async () => {
    const admin = await createAdmin(prisma, {
      email: `${unique("ra")}@tradelift.example`,
      name: "Refusal Admin",
      password: PASSWORD,
    });
    const cookie = await cookieFor(admin.id);
    const org = await createLenderOrg(prisma, { name: unique("Already Suspended "), status: "SUSPENDED" });
    const response = await request(`/admin/partners/${org.id}`, {
      cookie,
      form: { intent: "suspend", reason: "Suspending twice", confirmed: "yes" },
    });
    expect(response.status).toBe(409);
    const events = await refusalsOf(admin.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "transition.refused",
      entityType: "LenderOrg",
      entityId: org.id,
    });
    expect(JSON.parse(events[0]?.summaryJson ?? "{}")).toMatchObject({
      status: 409,
      method: "POST",
      message: "A lending partner that is suspended cannot become suspended.",
    });
    // The same refusal sent by the page's script (single fetch) is recorded the same way.
    const fetched = await request(`/admin/partners/${org.id}.data`, {
      cookie,
      form: { intent: "suspend", reason: "Suspending twice", confirmed: "yes" },
    });
    expect(fetched.status).toBe(409);
    const both = await refusalsOf(admin.id);
    expect(both).toHaveLength(2);
    expect(JSON.parse(both[1]?.summaryJson ?? "{}")).toMatchObject({
      status: 409,
      path: `/admin/partners/${org.id}`,
    });
  });
});
