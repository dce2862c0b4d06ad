// E-mails leave as multipart/alternative: a plain-text part and an HTML part, both with the
// absolute link to the page they talk about, through a real SMTP server (smtp-server, in process).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, unique } from "#tests/factories";
import { requestPasswordReset } from "~/domain/accounts/recovery.server";
import { deliverPendingEmails, enqueueEmail } from "~/domain/notifications/outbox.server";
import { infoRequestedEmail } from "~/domain/notifications/templates";
import { prisma } from "~/utils/db.server";
import { env, overrideEnvForTests } from "~/utils/env.server";
import { cookieFor, request } from "./app";

const received: string[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  overrideEnvForTests({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    EMAIL_FROM: "TradeLift <no-reply@tradelift.test>",
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("a templated e-mail", () => {
  it("is stored with both parts and sent as multipart/alternative, each part linking to the page", async () => {
    await prisma.outboxEmail.deleteMany();
    await enqueueEmail(prisma, {
      to: "dana@example.com",
      template: infoRequestedEmail({
        lenderName: "Harbor <Capital>",
        dueOn: "Dec 15, 2026",
        applicationId: "app123",
        infoRequestId: "req456",
      }),
    });
    const link = new URL("/merchant/applications/app123#question-req456", env().APP_URL).toString();
    const stored = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "dana@example.com" } });
    expect(stored.text).toContain(`Answer the question: ${link}`);
    expect(stored.html).toContain(`href="${link}"`);
    expect(stored.html).toContain("Harbor &lt;Capital&gt;");

    expect(await deliverPendingEmails(prisma)).toEqual({ sent: 1, failed: 0 });
    const raw = received.at(-1) ?? "";
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    // Quoted-printable may fold long lines: compare without soft breaks.
    const unfolded = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(unfolded).toContain(`Answer the question: ${link}`);
    expect(unfolded).toContain(`href="${link}"`);
  });
});

describe("the local mailbox", () => {
  it("shows a message's HTML part in a sandboxed frame, its text, and says it was not sent without SMTP_URL", async () => {
    overrideEnvForTests({ SMTP_URL: undefined });
    await enqueueEmail(prisma, {
      to: "lee@example.com",
      template: infoRequestedEmail({
        lenderName: "Bay <b>Lending</b>",
        dueOn: "Dec 15, 2026",
        applicationId: "app9",
        infoRequestId: "req9",
      }),
    });
    const email = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "lee@example.com" } });
    const admin = await createAdmin(prisma, {
      email: `${unique("mb")}@tradelift.example`,
      name: "Mo Box",
      password: "correct horse battery staple",
    });
    const cookie = await cookieFor(admin.id);
    const list = await (await request("/admin/outbox", { cookie })).text();
    expect(list).toContain("This is the local mailbox");
    expect(list).toContain(`href="/admin/outbox/${email.id}"`);
    const page = await (await request(`/admin/outbox/${email.id}`, { cookie })).text();
    expect(page).toContain(`sandbox="" src="/admin/outbox/${email.id}/preview"`);
    expect(page).toContain("In the local mailbox (not sent)");
    expect(page).toContain("Answer it by Dec 15, 2026");
    const preview = await request(`/admin/outbox/${email.id}/preview`, { cookie });
    expect(preview.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await preview.text();
    expect(html).toContain("Bay &lt;b&gt;Lending&lt;/b&gt;");
    expect(html).not.toContain("<b>Lending</b>");
  });
});

describe("an e-mail with a one-time link", () => {
  it("carries the link in both parts, and the link opens its page", async () => {
    const email = `${unique("reset")}@tradelift.example`;
    await createAdmin(prisma, { email, name: "Rita Reset", password: "correct horse battery staple" });
    expect((await requestPasswordReset(prisma, { email, ip: "203.0.113.77" })).ok).toBe(true);
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: email, subject: "Reset your TradeLift password" },
      select: { text: true, html: true },
    });
    const link = /Choose a new password: (\S+)/.exec(mail.text)?.[1] ?? "";
    expect(link.startsWith(new URL("/reset-password/", env().APP_URL).toString())).toBe(true);
    expect(mail.html).toContain(`href="${link}"`);
    const page = await request(new URL(link).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Choose a new password");
  });
});
