// E-mails leave as multipart/alternative: a plain-text part and an HTML part, both with the
// absolute link to the page they talk about, through a real SMTP server (smtp-server, in process).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverPendingEmails, enqueueEmail } from "~/domain/notifications/outbox.server";
import { infoRequestedEmail } from "~/domain/notifications/templates";
import { prisma } from "~/utils/db.server";
import { env, overrideEnvForTests } from "~/utils/env.server";

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
