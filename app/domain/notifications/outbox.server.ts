// E-mail goes through the outbox: the message is written in the same transaction as the change
// that causes it, and delivered afterwards (deliverPendingEmails), so nothing is lost or sent twice
// when a transaction rolls back.
import nodemailer from "nodemailer";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

type Writer = Db | Prisma.TransactionClient;

export type EmailMessage = { to: string; subject: string; text: string; html?: string };

export async function enqueueEmail(db: Writer, message: EmailMessage): Promise<void> {
  await db.outboxEmail.create({
    data: {
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      status: "PENDING",
    },
  });
}

const MAX_ATTEMPTS = 5;

/**
 * Sends pending messages through SMTP_URL. Without SMTP_URL nothing is sent and messages stay
 * PENDING, readable by admins on the outbox page. Each row is claimed with a conditional update so
 * two servers never send the same message.
 */
export async function deliverPendingEmails(db: Db, limit = 20): Promise<{ sent: number; failed: number }> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(SMTP_URL);
  const pending = await db.outboxEmail.findMany({
    where: { status: "PENDING", attempts: { lt: MAX_ATTEMPTS } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, html: true, attempts: true },
  });
  let sent = 0;
  let failed = 0;
  for (const email of pending) {
    const claim = await db.outboxEmail.updateMany({
      where: { id: email.id, status: "PENDING", attempts: email.attempts },
      data: { attempts: { increment: 1 } },
    });
    if (claim.count === 0) continue;
    try {
      await transport.sendMail({
        from: EMAIL_FROM,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? undefined,
      });
      await db.outboxEmail.update({
        where: { id: email.id },
        data: { status: "SENT", sentAt: new Date(), lastError: null },
      });
      sent += 1;
    } catch (error) {
      const attempts = email.attempts + 1;
      await db.outboxEmail.update({
        where: { id: email.id },
        data: {
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          lastError: String(error).slice(0, 500),
        },
      });
      failed += 1;
    }
  }
  return { sent, failed };
}
