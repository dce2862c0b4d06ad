// Webhooks to lenders against a real receiver (tests/support/webhook-receiver.ts, a node:http
// server checking each delivery with the code docs/webhooks.md documents): the events of a real
// application's life, retries with backoff, exactly one success, racing runners, replays refused,
// one lender's events never at another's endpoint, and the secret's rotation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLenderUser, seedFxRates, unique } from "#tests/factories";
import { type Receiver, startWebhookReceiver, verifyWebhook } from "#tests/support/webhook-receiver";
import { expireStaleApplications } from "~/domain/jobs/jobs.server";
import { deliverPendingWebhooks } from "~/domain/webhooks/delivery.server";
import { WEBHOOK_EVENT_TYPES } from "~/domain/webhooks/events";
import {
  createEndpoint,
  emitWebhookEvent,
  resendDelivery,
  rotateEndpointSecret,
} from "~/domain/webhooks/webhooks.server";
import { createPrismaClient, databaseEngine, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { request } from "./app";
import { acceptFirstOffer, lender, offerForm, PASSWORD, submitted } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let receiver: Receiver;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

/** A lender with an endpoint on the receiver subscribed to every event; its path checks its secret. */
async function lenderWithEndpoint(name: string) {
  const l = await lender(name);
  const admin = await createLenderUser(prisma, {
    lenderOrgId: l.org.id,
    email: `${unique("wa")}@l.example`,
    name: `${name} Admin`,
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  const path = `/${unique("hook")}`;
  const created = await createEndpoint(prisma, {
    lenderOrgId: l.org.id,
    url: receiver.url(path),
    description: `${name}'s loan system`,
    events: WEBHOOK_EVENT_TYPES,
    actor: { id: admin.id, role: "LENDER" },
    ip: "127.0.0.1",
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  receiver.secrets.set(path, created.secret);
  return { ...l, admin, path, endpointId: created.endpointId, secret: created.secret };
}

async function emitted(lenderOrgId: string, referralId = unique("ref")) {
  await prisma.$transaction((tx) =>
    emitWebhookEvent(tx, {
      lenderOrgId,
      type: "offer.declined",
      data: { referralId, applicationId: "app_1", offerId: "off_1", declinedAt: new Date().toISOString() },
    }),
  );
  return prisma.webhookDelivery.findFirstOrThrow({
    where: { endpoint: { lenderOrgId }, payloadJson: { contains: referralId } },
    select: { id: true, eventId: true },
  });
}

const statusOf = async (deliveryId: string) =>
  (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status;

describe("webhook events from the application's life", () => {
  it("each lender receives its own, signed: referral created, offer accepted, application ended", async () => {
    const [a, b] = [await lenderWithEndpoint("Alder"), await lenderWithEndpoint("Birch")];
    const app = await submitted([a.org.id, b.org.id]);
    await deliverPendingWebhooks(prisma);
    const created = (l: typeof a) => receiver.at(l.path).filter((r) => r.body.type === "referral.created");
    expect(created(a).map((r) => r.body.data.referralId)).toEqual([app.referralOf(a.org.id)]);
    expect(created(b).map((r) => r.body.data.referralId)).toEqual([app.referralOf(b.org.id)]);
    expect(Object.keys(created(a)[0]?.body.data ?? {}).sort()).toEqual(
      [
        "applicationId",
        "currency",
        "grade",
        "lenderProductId",
        "referralId",
        "requestedAmountCents",
        "score",
        "tenorDays",
      ].sort(),
    );
    expect(created(a)[0]?.body.data).toMatchObject({ requestedAmountCents: 8_000_000, tenorDays: 60 });

    // Alder offers, the merchant accepts: Alder hears of the acceptance, Birch that it ended.
    const referralA = app.referralOf(a.org.id);
    await request(`/lender/referrals/${referralA}`, { cookie: a.cookie, form: { intent: "start" } });
    expect(
      (await request(`/lender/referrals/${referralA}`, { cookie: a.cookie, form: offerForm })).status,
    ).toBe(302);
    const offer = { id: await acceptFirstOffer(app) };
    expect(await deliverPendingWebhooks(prisma)).toMatchObject({ failed: 0 });

    const types = (l: typeof a) => receiver.at(l.path).map((r) => r.body.type);
    expect(types(a)).toEqual(["referral.created", "offer.accepted"]);
    expect(types(b)).toEqual(["referral.created", "application.ended"]);
    const acceptedEvent = receiver.at(a.path)[1];
    expect(acceptedEvent?.body.data).toMatchObject({
      referralId: referralA,
      applicationId: app.applicationId,
      offerId: offer.id,
      currency: "USD",
    });
    expect(receiver.at(b.path)[1]?.body.data).toMatchObject({
      referralId: app.referralOf(b.org.id),
      reason: "OTHER_OFFER_ACCEPTED",
    });
    // Every delivery verified with the documented check, and carries no demographic answer.
    for (const r of [...receiver.at(a.path), ...receiver.at(b.path)]) {
      expect(r.verdict).toBe("ok");
      expect(r.headers["tradelift-webhook-id"]).toBe(r.body.id);
      expect(r.rawBody).not.toMatch(/women|minority|ethnicity|race|sex|lgbt|veteran|1071/i);
    }
    const deliveries = await prisma.webhookDelivery.findMany({
      where: { endpointId: { in: [a.endpointId, b.endpointId] } },
      select: { status: true, attempts: true, lastResponseCode: true },
    });
    expect(
      deliveries.every((d) => d.status === "DELIVERED" && d.attempts === 1 && d.lastResponseCode === 200),
    ).toBe(true);
  });

  it("an answered request, a declined offer, then a withdrawal, reach the lender", async () => {
    const a = await lenderWithEndpoint("Cedar");
    const app = await submitted([a.org.id]);
    const referral = app.referralOf(a.org.id);
    await request(`/lender/referrals/${referral}`, { cookie: a.cookie, form: { intent: "start" } });
    const asked = await request(`/lender/referrals/${referral}`, {
      cookie: a.cookie,
      form: { intent: "request-info", question: "Please send the invoice.", documentType: "INVOICE" },
    });
    expect(asked.status).toBe(302);
    const info = await prisma.infoRequest.findFirstOrThrow({
      where: { referralId: referral },
      select: { id: true },
    });
    const answer = new FormData();
    answer.set("intent", "answer-info");
    answer.set("infoRequestId", info.id);
    answer.set("responseText", "Attached.");
    answer.set("document", new File(["invoice,amount\nINV-1,80000\n"], "invoice.csv", { type: "text/csv" }));
    const answered = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      multipart: answer,
    });
    expect(answered.status).toBe(302);
    await request(`/lender/referrals/${referral}`, { cookie: a.cookie, form: offerForm });
    const offer = await prisma.offer.findFirstOrThrow({
      where: { referralId: referral },
      select: { id: true },
    });
    const declined = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: { intent: "decline-offer", offerId: offer.id, confirmed: "yes" },
    });
    expect(declined.status).toBe(302);
    const withdrawn = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: { intent: "withdraw", confirm: "on", confirmed: "yes" },
    });
    expect(withdrawn.status).toBe(302);
    await deliverPendingWebhooks(prisma);
    expect(receiver.at(a.path).find((r) => r.body.type === "info_request.answered")?.body.data).toEqual({
      referralId: referral,
      applicationId: app.applicationId,
      infoRequestId: info.id,
      withDocument: true,
    });
    expect(receiver.at(a.path).map((r) => [r.body.type, r.body.data.referralId])).toEqual([
      ["referral.created", referral],
      ["info_request.answered", referral],
      ["offer.declined", referral],
      ["application.withdrawn", referral],
    ]);
  });

  it("an application that expires undecided is reported as ended", async () => {
    const a = await lenderWithEndpoint("Dove");
    const app = await submitted([a.org.id]);
    const days = env().APPLICATION_STALE_DAYS + 1;
    expect(await expireStaleApplications(prisma, new Date(Date.now() + days * 86_400_000))).toBeGreaterThan(
      0,
    );
    await deliverPendingWebhooks(prisma);
    expect(receiver.at(a.path).map((r) => [r.body.type, r.body.data.referralId, r.body.data.reason])).toEqual(
      [
        ["referral.created", app.referralOf(a.org.id), undefined],
        ["application.ended", app.referralOf(a.org.id), "APPLICATION_EXPIRED"],
      ],
    );
  });

  it("an event written in a transaction that rolls back is never sent", async () => {
    const a = await lenderWithEndpoint("Dogwood");
    await expect(
      prisma.$transaction(async (tx) => {
        await emitWebhookEvent(tx, {
          lenderOrgId: a.org.id,
          type: "offer.declined",
          data: { referralId: "r", applicationId: "p", offerId: "o", declinedAt: new Date().toISOString() },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.webhookDelivery.count({ where: { endpointId: a.endpointId } })).toBe(0);
  });
});

describe("delivery", () => {
  it("retries after two 500s with growing waits, then delivers exactly once", async () => {
    const a = await lenderWithEndpoint("Elm");
    const delivery = await emitted(a.org.id);
    receiver.plan(a.path, [500, 500]);
    const t0 = Date.now();
    const at = (seconds: number) => () => new Date(t0 + seconds * 1000);
    const run = (seconds: number) => deliverPendingWebhooks(prisma, { now: at(seconds) });

    await run(0); // 500
    const afterFirst = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(afterFirst).toMatchObject({ status: "PENDING", attempts: 1, lastResponseCode: 500 });
    expect(afterFirst.nextAttemptAt.getTime()).toBe(t0 + 30_000);
    await run(20); // too early: nothing sent
    expect(receiver.at(a.path)).toHaveLength(1);
    await run(31); // 500
    const afterSecond = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(afterSecond).toMatchObject({ status: "PENDING", attempts: 2, lastResponseCode: 500 });
    expect(afterSecond.nextAttemptAt.getTime()).toBe(t0 + 31_000 + 60_000); // the wait doubled
    await run(60); // too early
    expect(receiver.at(a.path)).toHaveLength(2);
    await run(92); // 200
    await run(200);
    await run(4000);

    const seen = receiver.at(a.path);
    expect(seen.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(seen.map((r) => r.headers["tradelift-webhook-id"]))).toEqual(new Set([delivery.eventId]));
    expect(seen.map((r) => Number(r.headers["tradelift-webhook-timestamp"]))).toEqual(
      [0, 31, 92].map((s) => Math.floor((t0 + s * 1000) / 1000)),
    );
    expect(seen.filter((r) => r.answered === 200)).toHaveLength(1);
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "DELIVERED",
      attempts: 3,
      lastResponseCode: 200,
    });
  });

  it("gives up after the last attempt: FAILED with the last answer, until an admin resends it", async () => {
    const a = await lenderWithEndpoint("Fir");
    const delivery = await emitted(a.org.id);
    receiver.plan(a.path, Array(8).fill(503));
    const t0 = Date.now();
    let hours = 0;
    receiver.clock = () => Math.floor((t0 + hours * 3_600_000) / 1000);
    try {
      for (; hours < 8; hours += 1)
        await deliverPendingWebhooks(prisma, { now: () => new Date(t0 + hours * 3_600_000) });
    } finally {
      receiver.clock = null;
    }
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "FAILED",
      attempts: 8,
      lastResponseCode: 503,
    });
    await deliverPendingWebhooks(prisma, { now: () => new Date(t0 + 9 * 3_600_000) });
    expect(receiver.at(a.path)).toHaveLength(8);

    // The admin resends it: the same event id and body, a fresh count of attempts.
    const resent = await resendDelivery(prisma, {
      lenderOrgId: a.org.id,
      endpointId: a.endpointId,
      deliveryId: delivery.id,
      actor: { id: a.admin.id, role: "LENDER" },
      ip: "127.0.0.1",
    });
    expect(resent).toEqual({ ok: true });
    await deliverPendingWebhooks(prisma);
    const last = receiver.at(a.path)[8];
    expect(last).toMatchObject({ verdict: "ok", answered: 200 });
    expect(last?.body.id).toBe(delivery.eventId);
    expect(last?.rawBody).toBe(receiver.at(a.path)[0]?.rawBody);
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "DELIVERED",
      attempts: 1,
    });
    // Another lender cannot resend it.
    const other = await lenderWithEndpoint("Fig");
    expect(
      await resendDelivery(prisma, {
        lenderOrgId: other.org.id,
        endpointId: a.endpointId,
        deliveryId: delivery.id,
        actor: { id: other.admin.id, role: "LENDER" },
        ip: "127.0.0.1",
      }),
    ).toEqual({ ok: false, reason: "not-found" });
  });

  it("an endpoint that does not answer in time counts as a failed attempt", async () => {
    const a = await lenderWithEndpoint("Gum");
    const delivery = await emitted(a.org.id);
    receiver.delayMs = 1_000;
    try {
      expect(await deliverPendingWebhooks(prisma, { timeoutMs: 200 })).toMatchObject({ failed: 1 });
    } finally {
      receiver.delayMs = 0;
    }
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastResponseCode: null,
      lastError: "No answer within 200 ms.",
    });
  });

  it("two runners racing (on PostgreSQL each with its own connections, as two servers) send each delivery once", async () => {
    const a = await lenderWithEndpoint("Hazel");
    const deliveries = [];
    for (let i = 0; i < 8; i += 1) deliveries.push(await emitted(a.org.id));
    // On PostgreSQL the second runner has its own connection pool, as another server would. Two
    // SQLite connections cannot share one process (better-sqlite3 waits for a lock synchronously,
    // stopping the very event loop that would release it), so there both runners share the
    // client and race between reading what is due and claiming it.
    const onPostgres = databaseEngine() === "postgresql";
    const otherServer = onPostgres ? createPrismaClient(env().DATABASE_URL) : prisma;
    receiver.delayMs = 50;
    try {
      const [first, second] = await Promise.all([
        deliverPendingWebhooks(prisma),
        deliverPendingWebhooks(otherServer),
      ]);
      expect(first.delivered + second.delivered).toBe(8);
      expect(first.failed + second.failed).toBe(0);
    } finally {
      receiver.delayMs = 0;
      if (onPostgres) await otherServer.$disconnect();
    }
    await deliverPendingWebhooks(prisma);
    const ids = receiver.at(a.path).map((r) => r.body.id);
    expect(ids.sort()).toEqual(deliveries.map((d) => d.eventId).sort());
    for (const d of deliveries) {
      expect(await statusOf(d.id)).toBe("DELIVERED");
      expect(await prisma.auditEvent.count({ where: { entityId: d.id, action: "webhook.delivered" } })).toBe(
        1,
      );
    }
  });

  it("a disabled endpoint gets nothing new; a lender's events never reach another lender's endpoint", async () => {
    const [a, b] = [await lenderWithEndpoint("Ivy"), await lenderWithEndpoint("Juniper")];
    await emitted(a.org.id, "only-for-ivy");
    await deliverPendingWebhooks(prisma);
    expect(receiver.at(b.path)).toHaveLength(0);
    expect(receiver.at(a.path).map((r) => r.body.data.referralId)).toEqual(["only-for-ivy"]);
    await prisma.webhookEndpoint.update({ where: { id: b.endpointId }, data: { disabledAt: new Date() } });
    await prisma.$transaction((tx) =>
      emitWebhookEvent(tx, {
        lenderOrgId: b.org.id,
        type: "offer.declined",
        data: { referralId: "r", applicationId: "p", offerId: "o", declinedAt: new Date().toISOString() },
      }),
    );
    expect(await prisma.webhookDelivery.count({ where: { endpointId: b.endpointId } })).toBe(0);
  });
});

describe("the documented check", () => {
  it("refuses a replay (same id, or an old timestamp) and a tampered body", async () => {
    const a = await lenderWithEndpoint("Kapok");
    await emitted(a.org.id);
    await deliverPendingWebhooks(prisma);
    const [delivered] = receiver.at(a.path);
    if (!delivered) throw new Error("nothing delivered");
    expect(delivered.verdict).toBe("ok");
    const seenIds = new Set([delivered.body.id]);
    const again = { secret: a.secret, headers: delivered.headers, rawBody: delivered.rawBody };
    expect(verifyWebhook({ ...again, seenIds })).toBe("duplicate");
    const sentAt = Number(delivered.headers["tradelift-webhook-timestamp"]);
    expect(verifyWebhook({ ...again, seenIds: new Set(), nowSeconds: sentAt + 6 * 60 })).toBe("stale");
    expect(
      verifyWebhook({
        ...again,
        headers: {
          ...delivered.headers,
          "tradelift-webhook-timestamp": String(sentAt + 1),
        },
        seenIds: new Set(),
      }),
    ).toBe("bad-signature");
    expect(
      verifyWebhook({
        ...again,
        rawBody: delivered.rawBody.replace("offer.declined", "offer.accepted"),
        seenIds: new Set(),
      }),
    ).toBe("bad-signature");
    expect(verifyWebhook({ ...again, secret: "whsec_someone-else", seenIds: new Set() })).toBe(
      "bad-signature",
    );
  });

  it("after a rotation, both secrets verify during the overlap, then only the new one", async () => {
    const a = await lenderWithEndpoint("Larch");
    const t0 = Date.now();
    const rotated = await rotateEndpointSecret(prisma, {
      lenderOrgId: a.org.id,
      endpointId: a.endpointId,
      actor: { id: a.admin.id, role: "LENDER" },
      ip: "127.0.0.1",
      now: new Date(t0),
    });
    if (!rotated.ok) throw new Error("rotation refused");
    expect(rotated.secret).not.toBe(a.secret);
    receiver.secrets.set(a.path, rotated.secret);
    await emitted(a.org.id);
    await deliverPendingWebhooks(prisma);
    const [during] = receiver.at(a.path);
    if (!during) throw new Error("nothing delivered");
    expect(during.verdict).toBe("ok");
    const check = (secret: string, r: typeof during, nowSeconds: number) =>
      verifyWebhook({ secret, headers: r.headers, rawBody: r.rawBody, seenIds: new Set(), nowSeconds });
    const duringAt = Number(during.headers["tradelift-webhook-timestamp"]);
    expect(check(a.secret, during, duringAt)).toBe("ok");
    expect(check(rotated.secret, during, duringAt)).toBe("ok");

    // After the overlap, the old secret no longer signs.
    await emitted(a.org.id);
    const later = t0 + 25 * 3_600_000;
    await deliverPendingWebhooks(prisma, { now: () => new Date(later) });
    const after = receiver.at(a.path)[1];
    if (!after) throw new Error("nothing delivered");
    const laterSeconds = Math.floor(later / 1000);
    expect(String(after.headers["tradelift-webhook-signature"]).split(" ")).toHaveLength(1);
    expect(check(rotated.secret, after, laterSeconds)).toBe("ok");
    expect(check(a.secret, after, laterSeconds)).toBe("bad-signature");
    const audit = await prisma.auditEvent.count({
      where: { action: "webhook_endpoint.secret_rotated", entityId: a.endpointId },
    });
    expect(audit).toBe(1);
  });
});
