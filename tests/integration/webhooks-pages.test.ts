// The lender admin's webhook pages through the built app: registering an endpoint (the secret
// shown once, stored encrypted), a bad address refused at its field, underwriters and other
// lenders refused, the delivery log, resending, rotating, switching off and deleting — each audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLenderOrg, createLenderUser, unique } from "#tests/factories";
import { type Receiver, startWebhookReceiver } from "#tests/support/webhook-receiver";
import { deliverPendingWebhooks } from "~/domain/webhooks/delivery.server";
import { WEBHOOK_EVENT_TYPES } from "~/domain/webhooks/events";
import { emitWebhookEvent } from "~/domain/webhooks/webhooks.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function lenderTeam() {
  const org = await createLenderOrg(prisma, { name: unique("Hook Lender ") });
  const admin = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("ha")}@l.example`,
    name: "Hook Admin",
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  const underwriter = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("hu")}@l.example`,
    name: "Hook Underwriter",
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  return {
    org,
    admin,
    underwriter,
    adminCookie: await cookieFor(admin.id),
    uwCookie: await cookieFor(underwriter.id),
  };
}

const ALL_EVENTS = [...WEBHOOK_EVENT_TYPES];

async function register(cookie: string, url: string, events = ALL_EVENTS) {
  return request("/lender/webhooks", {
    cookie,
    form: { intent: "create", url, description: "Our LOS", events },
  });
}

const audits = (action: string, entityId: string) => prisma.auditEvent.count({ where: { action, entityId } });

describe("registering an endpoint", () => {
  it("shows the secret once, stores it encrypted, and audits the creation", async () => {
    const team = await lenderTeam();
    const team_page = await (await request("/lender/team", { cookie: team.adminCookie })).text();
    expect(team_page).toContain("Connect your systems");
    expect(team_page).toContain('href="/lender/webhooks"');

    const path = `/${unique("p")}`;
    const response = await register(team.adminCookie, receiver.url(path));
    expect(response.status).toBe(200);
    const html = await response.text();
    const secret = /data-testid="webhook-secret">(whsec_[A-Za-z0-9_-]+)</.exec(html)?.[1];
    expect(secret).toBeDefined();
    expect(html).toContain("it will not be shown again");
    const endpoint = await prisma.webhookEndpoint.findFirstOrThrow({
      where: { lenderOrgId: team.org.id },
      select: { id: true, url: true, events: true, secretEncrypted: true },
    });
    expect(endpoint.url).toBe(receiver.url(path));
    expect(endpoint.events.split(",")).toEqual(ALL_EVENTS);
    expect(endpoint.secretEncrypted).toMatch(/^v1\./);
    expect(endpoint.secretEncrypted).not.toContain(secret);
    expect(await audits("webhook_endpoint.created", endpoint.id)).toBe(1);

    const list = await (await request("/lender/webhooks", { cookie: team.adminCookie })).text();
    expect(list).toContain(receiver.url(path));
    expect(list).not.toContain(secret);
    const detail = await (
      await request(`/lender/webhooks/${endpoint.id}`, { cookie: team.adminCookie })
    ).text();
    expect(detail).not.toContain(secret);
  });

  it("refuses a bad address and a form without events at the field, writing nothing", async () => {
    const team = await lenderTeam();
    for (const url of ["http://hooks.lender.example/tradelift", "ftp://hooks.lender.example/", "not a url"]) {
      const response = await register(team.adminCookie, url);
      expect(response.status, url).toBe(400);
      const html = await response.text();
      expect(html).toMatch(/aria-invalid="true"[^>]*name="url"|name="url"[^>]*aria-invalid="true"/);
      expect(html).toMatch(/Use an https:\/\/ address|Enter the full address/);
    }
    const noEvents = await register(team.adminCookie, "https://hooks.lender.example/tradelift", []);
    expect(noEvents.status).toBe(400);
    expect(await noEvents.text()).toContain("Choose at least one event.");
    expect(await prisma.webhookEndpoint.count({ where: { lenderOrgId: team.org.id } })).toBe(0);
  });

  it("is for lender admins only: an underwriter gets 404 and no link", async () => {
    const team = await lenderTeam();
    expect((await request("/lender/webhooks", { cookie: team.uwCookie })).status).toBe(404);
    expect((await register(team.uwCookie, "https://hooks.lender.example/tradelift")).status).toBe(404);
    expect(await (await request("/lender/team", { cookie: team.uwCookie })).text()).not.toContain(
      "/lender/webhooks",
    );
    expect(await prisma.webhookEndpoint.count({ where: { lenderOrgId: team.org.id } })).toBe(0);
  });
});

describe("an endpoint's page", () => {
  async function withDelivery() {
    const team = await lenderTeam();
    const path = `/${unique("p")}`;
    const html = await (await register(team.adminCookie, receiver.url(path))).text();
    receiver.secrets.set(path, /data-testid="webhook-secret">(whsec_[A-Za-z0-9_-]+)</.exec(html)?.[1] ?? "");
    const endpoint = await prisma.webhookEndpoint.findFirstOrThrow({
      where: { lenderOrgId: team.org.id },
      select: { id: true },
    });
    await prisma.$transaction((tx) =>
      emitWebhookEvent(tx, {
        lenderOrgId: team.org.id,
        type: "offer.declined",
        data: {
          referralId: "ref_page",
          applicationId: "app_page",
          offerId: "off_page",
          declinedAt: new Date().toISOString(),
        },
      }),
    );
    await deliverPendingWebhooks(prisma);
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({
      where: { endpointId: endpoint.id },
      select: { id: true, eventId: true, status: true },
    });
    expect(delivery.status).toBe("DELIVERED");
    return { team, path, endpointId: endpoint.id, delivery };
  }

  it("shows the delivery log with the payload, and resends a delivery with the same event id", async () => {
    const { team, path, endpointId, delivery } = await withDelivery();
    const page = await (await request(`/lender/webhooks/${endpointId}`, { cookie: team.adminCookie })).text();
    expect(page).toContain("offer.declined");
    expect(page).toContain("Delivered");
    expect(page).toContain(delivery.eventId);
    expect(page).toContain("ref_page");

    const resent = await request(`/lender/webhooks/${endpointId}`, {
      cookie: team.adminCookie,
      form: { intent: "resend", deliveryId: delivery.id },
    });
    expect(resent.status).toBe(302);
    expect(await audits("webhook.resent", delivery.id)).toBe(1);
    await deliverPendingWebhooks(prisma);
    expect(receiver.at(path).map((r) => [r.body.id, r.verdict])).toEqual([
      [delivery.eventId, "ok"],
      [delivery.eventId, "duplicate"],
    ]);

    // Another lender's admin reaches neither the page nor the resend.
    const other = await lenderTeam();
    expect((await request(`/lender/webhooks/${endpointId}`, { cookie: other.adminCookie })).status).toBe(404);
    expect(
      (
        await request(`/lender/webhooks/${endpointId}`, {
          cookie: other.adminCookie,
          form: { intent: "resend", deliveryId: delivery.id },
        })
      ).status,
    ).toBe(404);
    expect(await audits("webhook.resent", delivery.id)).toBe(1);
    expect((await request(`/lender/webhooks/${endpointId}`, { cookie: team.uwCookie })).status).toBe(404);
  });

  it("rotates the secret (shown once), switches off and on, changes and deletes — each audited", async () => {
    const { team, endpointId } = await withDelivery();
    const page = `/lender/webhooks/${endpointId}`;
    const rotated = await request(page, {
      cookie: team.adminCookie,
      form: { intent: "rotate", confirmed: "yes" },
    });
    expect(rotated.status).toBe(200);
    expect(await rotated.text()).toMatch(/data-testid="webhook-secret">whsec_/);
    expect(await audits("webhook_endpoint.secret_rotated", endpointId)).toBe(1);
    const unconfirmed = await request(page, { cookie: team.adminCookie, form: { intent: "rotate" } });
    expect(unconfirmed.status).toBe(400);
    expect(await audits("webhook_endpoint.secret_rotated", endpointId)).toBe(1);

    expect(
      (await request(page, { cookie: team.adminCookie, form: { intent: "set-enabled", enabled: "false" } }))
        .status,
    ).toBe(302);
    expect(await audits("webhook_endpoint.disabled", endpointId)).toBe(1);
    expect(
      (await request(page, { cookie: team.adminCookie, form: { intent: "set-enabled", enabled: "true" } }))
        .status,
    ).toBe(302);
    expect(await audits("webhook_endpoint.enabled", endpointId)).toBe(1);

    const badChange = await request(page, {
      cookie: team.adminCookie,
      form: { intent: "update", url: "http://example.com/x", description: "", events: ["offer.accepted"] },
    });
    expect(badChange.status).toBe(400);
    const changed = await request(page, {
      cookie: team.adminCookie,
      form: {
        intent: "update",
        url: "https://hooks.lender.example/v2",
        description: "v2",
        events: ["offer.accepted"],
      },
    });
    expect(changed.status).toBe(302);
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toMatchObject({
      url: "https://hooks.lender.example/v2",
      events: "offer.accepted",
    });
    expect(await audits("webhook_endpoint.changed", endpointId)).toBe(1);

    const deleted = await request(page, {
      cookie: team.adminCookie,
      form: { intent: "delete", confirmed: "yes" },
    });
    expect(deleted.status).toBe(302);
    expect(await prisma.webhookEndpoint.count({ where: { id: endpointId } })).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { endpointId } })).toBe(0);
    expect(await audits("webhook_endpoint.deleted", endpointId)).toBe(1);
  });
});
