// The outbox against a real SMTP server (smtp-server, in process): messages are delivered once,
// a refused or unreachable server leaves them pending for the next run, and after five failures
// a message is marked FAILED with the server's answer, never silently dropped.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdmin, unique } from "#tests/factories";
import { pdfPlainText } from "#tests/support/pdf-text";
import { deliverPendingEmails, enqueueEmail } from "~/domain/notifications/outbox.server";
import { prisma } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { renderPdf } from "~/utils/pdf.server";
import { cookieFor, request } from "./app";

type Received = { from: string; to: string[]; raw: string };

const received: Received[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("refused"))
        return callback(Object.assign(new Error("550 mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  received.length = 0;
  await prisma.outboxEmail.deleteMany();
  overrideEnvForTests({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    EMAIL_FROM: "TradeLift <no-reply@tradelift.test>",
  });
});

describe("outbox delivery over SMTP", () => {
  it("delivers each pending message once, with its subject and body, and marks it sent", async () => {
    await enqueueEmail(prisma, {
      to: "claire@example.com",
      subject: "Offer received",
      text: "Meridian made an offer.",
    });
    await enqueueEmail(prisma, {
      to: "sam@example.com",
      subject: "New referral",
      text: "A new application.",
    });

    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 2, failed: 0 });
    expect(received.map((m) => m.to)).toEqual([["claire@example.com"], ["sam@example.com"]]);
    expect(received[0]?.from).toBe("no-reply@tradelift.test");
    expect(received[0]?.raw).toContain("Subject: Offer received");
    expect(received[0]?.raw).toContain("Meridian made an offer.");
    const rows = await prisma.outboxEmail.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.sentAt !== null])).toEqual([
      ["SENT", 1, true],
      ["SENT", 1, true],
    ]);

    // A second run sends nothing again.
    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(2);
  });

  it("keeps a refused message pending with the server's answer, retries it, and marks it FAILED after five tries", async () => {
    await enqueueEmail(prisma, { to: "refused@example.com", subject: "Notice", text: "Body" });
    await enqueueEmail(prisma, { to: "ok@example.com", subject: "Notice", text: "Body" });

    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 1, failed: 1 });
    const refused = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "refused@example.com" } });
    expect(refused).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(refused.lastError).toContain("550");

    for (let run = 2; run <= 5; run++) await deliverPendingEmails(prisma);
    const failed = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "refused@example.com" } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 5 });
    // A FAILED message is not tried again, and the good one was sent exactly once.
    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 0, failed: 0 });
    expect(received.filter((m) => m.to.includes("ok@example.com"))).toHaveLength(1);
  });

  it("loses nothing while the server is down: the message waits and goes out once it is back", async () => {
    await enqueueEmail(prisma, {
      to: "later@example.com",
      subject: "Offer expiring",
      text: "Two days left.",
    });
    overrideEnvForTests({ SMTP_URL: "smtp://127.0.0.1:1" });
    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 0, failed: 1 });
    expect(await prisma.outboxEmail.findFirstOrThrow({ where: { to: "later@example.com" } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
    });

    overrideEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 1, failed: 0 });
    expect(received.map((m) => m.to)).toEqual([["later@example.com"]]);
  });

  it("without SMTP_URL keeps every message in the outbox for the admins' mailbox page", async () => {
    overrideEnvForTests({ SMTP_URL: undefined });
    await enqueueEmail(prisma, { to: "kept@example.com", subject: "Kept", text: "Body" });
    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 0, failed: 0 });
    expect(await prisma.outboxEmail.findFirstOrThrow({ where: { to: "kept@example.com" } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
  });

  it("never sends a message another run holds, and takes it over once that run's claim lapses", async () => {
    await enqueueEmail(prisma, { to: "held@example.com", subject: "Held", text: "Body" });
    // Another server's run claimed it and is still sending.
    await prisma.outboxEmail.updateMany({
      where: { to: "held@example.com" },
      data: { attempts: 1, claimedUntil: new Date(Date.now() + 60_000) },
    });
    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
    // That run died: after its claim lapses the message goes out, once.
    const later = () => new Date(Date.now() + 120_000);
    const runs = await Promise.all([
      deliverPendingEmails(prisma, 20, later),
      deliverPendingEmails(prisma, 20, later),
    ]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    expect(received.map((m) => m.to)).toEqual([["held@example.com"]]);
    expect(await prisma.outboxEmail.findFirstOrThrow({ where: { to: "held@example.com" } })).toMatchObject({
      status: "SENT",
      attempts: 2,
      claimedUntil: null,
    });
  });

  it("writes each status through the outbox table, with one audit event per move", async () => {
    await enqueueEmail(prisma, { to: "audited@example.com", subject: "Audited", text: "Body" });
    await deliverPendingEmails(prisma);
    const email = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "audited@example.com" } });
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "OutboxEmail", entityId: email.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, summaryJson: true },
    });
    expect(events.map((e) => [e.action, JSON.parse(e.summaryJson)])).toEqual([
      ["outbox.queued", { to: "PENDING", subject: "Audited" }],
      ["outboxEmail.sent", { from: "PENDING", to: "SENT", attempts: 1 }],
    ]);
  });

  it("lets an admin send a failed message again from the outbox page", async () => {
    const admin = await createAdmin(prisma, {
      email: `${unique("ob")}@tradelift.example`,
      name: "Outbox Admin",
      password: "correct horse battery staple",
    });
    const cookie = await cookieFor(admin.id);
    await enqueueEmail(prisma, { to: "refused-then-ok@example.com", subject: "Retry me", text: "Body" });
    for (let run = 1; run <= 5; run++) await deliverPendingEmails(prisma);
    const failed = await prisma.outboxEmail.findFirstOrThrow({ where: { subject: "Retry me" } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 5 });
    await enqueueEmail(prisma, { to: "ok@example.com", subject: "Still waiting", text: "Body" });
    // The failed messages on their own, to find them among the rest.
    const page = await (await request("/admin/outbox?status=FAILED", { cookie })).text();
    expect(page).toContain("Send again");
    expect(page).toContain("550");
    expect(page).toContain("Retry me");
    expect(page).not.toContain("Still waiting");

    const requeued = await request("/admin/outbox", {
      cookie,
      form: { intent: "requeue", emailId: failed.id },
    });
    expect(requeued.status).toBe(302);
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    expect(
      await prisma.auditEvent.count({
        where: { entityId: failed.id, action: "outbox.requeued", actorId: admin.id },
      }),
    ).toBe(1);
    // Only a FAILED message can be queued again; someone else's id is a 404.
    expect(
      (await request("/admin/outbox", { cookie, form: { intent: "requeue", emailId: failed.id } })).status,
    ).toBe(409);
    expect(
      (await request("/admin/outbox", { cookie, form: { intent: "requeue", emailId: "nope" } })).status,
    ).toBe(404);
  });

  it("sends a message's attachments with it, and lets only an admin read them while they wait", async () => {
    const pdf = await renderPdf({
      title: "Notice of action taken",
      issuedAt: new Date("2026-11-30T12:00:00Z"),
      blocks: [{ kind: "paragraph", text: "Attached for your records." }],
    });
    await enqueueEmail(prisma, {
      to: "keeper@example.com",
      subject: "Your notice",
      text: "The notice is attached.",
      attachments: [{ fileName: "notice.pdf", contentType: "application/pdf", content: pdf }],
    });
    const email = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: "keeper@example.com" },
      include: { attachments: true },
    });
    expect(email.attachments.map((a) => a.fileName)).toEqual(["notice.pdf"]);

    const admin = await createAdmin(prisma, {
      email: `${unique("ob")}@tradelift.example`,
      name: "Outbox Reader",
      password: "correct horse battery staple",
    });
    const cookie = await cookieFor(admin.id);
    const attachmentUrl = `/admin/outbox/${email.id}/attachments/${email.attachments[0]?.id}`;
    expect(await (await request("/admin/outbox", { cookie })).text()).toContain(attachmentUrl);
    const download = await request(attachmentUrl, { cookie });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(await pdfPlainText(new Uint8Array(await download.arrayBuffer()))).toContain(
      "Attached for your records.",
    );
    // Another message's id with this attachment, or no admin at all: nothing.
    expect(
      (await request(`/admin/outbox/other/attachments/${email.attachments[0]?.id}`, { cookie })).status,
    ).toBe(404);
    expect((await request(attachmentUrl)).status).not.toBe(200);

    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 1, failed: 0 });
    const raw = received[0]?.raw ?? "";
    expect(raw).toMatch(/Content-Disposition: attachment;\s*filename=notice\.pdf/);
    const part = raw.split(/filename=notice\.pdf\r?\n\r?\n/)[1]?.split(/\r?\n--/)[0] ?? "";
    expect(Buffer.from(part.replace(/\s+/g, ""), "base64").equals(pdf)).toBe(true);
  });
});
