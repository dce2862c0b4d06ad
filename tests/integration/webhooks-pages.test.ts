// The lender admin's webhook pages through the built app: registering an endpoint (a 303 to its
// page, where the secret is shown once from a one-time reveal: a reload, another user, a late load
// show nothing), a bad address refused at its field, underwriters and other lenders refused, the
// delivery log, resending, rotating (the same reveal), switching off and deleting — each audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLenderOrg, createLenderUser, unique } from "#tests/factories";
import { type Receiver, startWebhookReceiver } from "#tests/support/webhook-receiver";
import { REVEAL_TTL_MS, sweepExpiredReveals } from "~/domain/accounts/one-time-reveal.server";
import { runJobsOnce } from "~/domain/jobs/jobs.server";
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

const SECRET_SHOWN = /data-testid="webhook-secret">(whsec_[A-Za-z0-9_-]+)</;

/** The page a 303 sends to, checked to be the endpoint's page with a reveal. */
function revealLocation(response: Response): string {
  expect(response.status).toBe(303);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/lender\/webhooks\/[a-z0-9]+\?reveal=[a-z0-9]+$/);
  return location;
}

/** Registers an endpoint and loads the page the answer redirects to: the secret, shown once. */
async function registerAndReveal(cookie: string, url: string) {
  const location = revealLocation(await register(cookie, url));
  const page = await request(location, { cookie });
  expect(page.status).toBe(200);
  expect(page.headers.get("Cache-Control")).toBe("private, no-store");
  const html = await page.text();
  const secret = SECRET_SHOWN.exec(html)?.[1];
  if (!secret) throw new Error("the secret was not shown");
  return { location, html, secret };
}

describe("registering an endpoint", () => {
  it("shows the secret once, stores it encrypted, and audits the creation", async () => {
    const team = await lenderTeam();
    const team_page = await (await request("/lender/team", { cookie: team.adminCookie })).text();
    expect(team_page).toContain("Connect your systems");
    expect(team_page).toContain('href="/lender/webhooks"');

    const path = `/${unique("p")}`;
    const { location, html, secret } = await registerAndReveal(team.adminCookie, receiver.url(path));
    expect(html).toContain("Endpoint registered");
    expect(html).toContain("it will not be shown again");
    const endpoint = await prisma.webhookEndpoint.findFirstOrThrow({
      where: { lenderOrgId: team.org.id },
      select: { id: true, url: true, events: true, secretEncrypted: true },
    });
    expect(endpoint.url).toBe(receiver.url(path));
    expect(endpoint.events.split(",")).toEqual(ALL_EVENTS);
    expect(endpoint.secretEncrypted).toMatch(/^v1\./);
    expect(endpoint.secretEncrypted).not.toContain(secret);
    expect(location).toBe(`/lender/webhooks/${endpoint.id}?reveal=${/reveal=(\w+)/.exec(location)?.[1]}`);
    expect(await audits("webhook_endpoint.created", endpoint.id)).toBe(1);
    // The reveal was deleted when it was shown; nothing of the secret is kept to show.
    expect(await prisma.oneTimeReveal.count({ where: { userId: team.admin.id } })).toBe(0);

    // Reloading the page (or going back to it) registers nothing and shows the secret no more.
    const reloaded = await request(location, { cookie: team.adminCookie });
    expect(reloaded.status).toBe(200);
    expect(reloaded.headers.get("Cache-Control")).toBe("private, no-store");
    const again = await reloaded.text();
    expect(again).not.toContain(secret);
    expect(again).not.toMatch(SECRET_SHOWN);
    expect(again).toContain("The secret was shown once");
    expect(await prisma.webhookEndpoint.count({ where: { lenderOrgId: team.org.id } })).toBe(1);

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

describe("the one-time reveal of a new secret", () => {
  it("is shown to the admin who made it only: another admin of the lender, or another lender, sees nothing", async () => {
    const team = await lenderTeam();
    const location = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const colleague = await createLenderUser(prisma, {
      lenderOrgId: team.org.id,
      email: `${unique("hb")}@l.example`,
      name: "Hook Admin Two",
      password: PASSWORD,
      lenderRole: "ADMIN",
    });
    const theirs = await (await request(location, { cookie: await cookieFor(colleague.id) })).text();
    expect(theirs).not.toMatch(SECRET_SHOWN);
    expect(theirs).toContain("The secret was shown once");
    const other = await lenderTeam();
    expect((await request(location, { cookie: other.adminCookie })).status).toBe(404);
    // Neither load used it up: the admin who registered still sees it, once.
    const mine = await (await request(location, { cookie: team.adminCookie })).text();
    expect(mine).toMatch(SECRET_SHOWN);
    expect(await (await request(location, { cookie: team.adminCookie })).text()).not.toMatch(SECRET_SHOWN);
  });

  it("is shown on its own endpoint's page only", async () => {
    const team = await lenderTeam();
    const first = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const second = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const [secondPage] = second.split("?");
    const crossed = await (
      await request(`${secondPage}?reveal=${first.split("reveal=")[1]}`, { cookie: team.adminCookie })
    ).text();
    expect(crossed).not.toMatch(SECRET_SHOWN);
    expect(await (await request(first, { cookie: team.adminCookie })).text()).toMatch(SECRET_SHOWN);
    expect(await prisma.webhookEndpoint.count({ where: { lenderOrgId: team.org.id } })).toBe(2);
  });

  it("is not shown after it expires, and the jobs sweep it", async () => {
    const team = await lenderTeam();
    const location = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const revealId = location.split("reveal=")[1] ?? "";
    await prisma.oneTimeReveal.update({
      where: { id: revealId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await (await request(location, { cookie: team.adminCookie })).text();
    expect(late).not.toMatch(SECRET_SHOWN);
    expect(late).toContain("The secret was shown once");
    expect(await prisma.oneTimeReveal.count({ where: { id: revealId } })).toBe(1);
    const run = await runJobsOnce(prisma);
    expect(run.expiredRevealsRemoved).toBeGreaterThanOrEqual(1);
    expect(await prisma.oneTimeReveal.count({ where: { id: revealId } })).toBe(0);

    // One that has not expired yet stays until it is shown.
    const fresh = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const freshId = fresh.split("reveal=")[1] ?? "";
    await sweepExpiredReveals(prisma, new Date(Date.now() + REVEAL_TTL_MS - 60_000));
    expect(await prisma.oneTimeReveal.count({ where: { id: freshId } })).toBe(1);
    const stored = await prisma.oneTimeReveal.findUniqueOrThrow({ where: { id: freshId } });
    expect(stored.valueEncrypted).toMatch(/^v1\./);
    expect(stored.valueEncrypted).not.toContain("whsec_");
  });

  it("shows the secret to one of two loads racing for it", async () => {
    const team = await lenderTeam();
    const location = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const pages = await Promise.all(
      [1, 2, 3].map(async () => (await request(location, { cookie: team.adminCookie })).text()),
    );
    expect(pages.filter((html) => SECRET_SHOWN.test(html))).toHaveLength(1);
  });

  it("answers a malformed or unknown reveal id with the page, without the secret", async () => {
    const team = await lenderTeam();
    const location = revealLocation(await register(team.adminCookie, receiver.url(`/${unique("p")}`)));
    const [page] = location.split("?");
    for (const id of ["", "nope", "x".repeat(500), "clxxxxxxxxxxxxxxxxxxxxxxxx"]) {
      const response = await request(`${page}?reveal=${encodeURIComponent(id)}`, {
        cookie: team.adminCookie,
      });
      expect(response.status, id).toBe(200);
      expect(await response.text(), id).not.toMatch(SECRET_SHOWN);
    }
    expect(await (await request(location, { cookie: team.adminCookie })).text()).toMatch(SECRET_SHOWN);
  });
});

describe("an endpoint's page", () => {
  async function withDelivery() {
    const team = await lenderTeam();
    const path = `/${unique("p")}`;
    const { secret } = await registerAndReveal(team.adminCookie, receiver.url(path));
    receiver.secrets.set(path, secret);
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

  it("pages the delivery log 25 at a time, filters it by status, and a resend returns to the same page", async () => {
    const { team, endpointId } = await withDelivery();
    const emit = (n: number) =>
      prisma.$transaction(async (tx) => {
        for (let i = 0; i < n; i += 1)
          await emitWebhookEvent(tx, {
            lenderOrgId: team.org.id,
            type: "offer.declined",
            data: {
              referralId: `ref_log_${i}`,
              applicationId: "app_log",
              offerId: "off_log",
              declinedAt: new Date().toISOString(),
            },
          });
      });
    await emit(29);
    await deliverPendingWebhooks(prisma);
    await emit(2); // still pending
    const rows = (html: string) => html.match(/<summary>Payload<\/summary>/g)?.length ?? 0;
    const load = async (query: string) => {
      const response = await request(`/lender/webhooks/${endpointId}${query}`, { cookie: team.adminCookie });
      expect(response.status).toBe(200);
      return response.text();
    };

    const first = await load("");
    expect(rows(first)).toBe(25);
    expect(first).toContain("32 deliveries · page 1 of 2");
    const second = await load("?page=2");
    expect(rows(second)).toBe(7);
    expect(second).toContain("page 2 of 2");
    // Newest first: the two still pending are on the first page.
    const pending = await load("?status=PENDING");
    expect(rows(pending)).toBe(2);
    expect(pending).not.toContain("page 1 of");
    expect(rows(await load("?status=FAILED"))).toBe(0);
    expect(await load("?status=FAILED")).toContain("No delivery in this status.");
    // Values that do not parse are ignored; a page past the end offers the first.
    expect(rows(await load("?status=LOST&page=-3"))).toBe(25);
    expect(await load("?page=9")).toContain("Back to the first page");

    // Resending from the second page of delivered ones comes back to it.
    const oldest = await prisma.webhookDelivery.findFirstOrThrow({
      where: { endpointId, status: "DELIVERED" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const resent = await request(`/lender/webhooks/${endpointId}?status=DELIVERED&page=2&reveal=x`, {
      cookie: team.adminCookie,
      form: { intent: "resend", deliveryId: oldest.id },
    });
    expect(resent.status).toBe(302);
    expect(resent.headers.get("Location")).toBe(`/lender/webhooks/${endpointId}?status=DELIVERED&page=2`);
  });

  it("rotates the secret (shown once), switches off and on, changes and deletes — each audited", async () => {
    const { team, endpointId } = await withDelivery();
    const page = `/lender/webhooks/${endpointId}`;
    const rotated = await request(page, {
      cookie: team.adminCookie,
      form: { intent: "rotate", confirmed: "yes" },
    });
    const revealed = revealLocation(rotated);
    expect(revealed.startsWith(`${page}?reveal=`)).toBe(true);
    expect(await audits("webhook_endpoint.secret_rotated", endpointId)).toBe(1);
    const shown = await (await request(revealed, { cookie: team.adminCookie })).text();
    expect(shown).toContain("Secret rotated");
    expect(shown).toContain("The previous secret keeps signing beside this one");
    const newSecret = SECRET_SHOWN.exec(shown)?.[1];
    expect(newSecret).toBeDefined();
    // A reload rotates nothing more and shows the new secret no more.
    const reloaded = await (await request(revealed, { cookie: team.adminCookie })).text();
    expect(reloaded).not.toMatch(SECRET_SHOWN);
    expect(reloaded).toContain("The secret was shown once");
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
