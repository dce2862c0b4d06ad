// E-mail goes through the outbox: the message is written in the same transaction as the change
// that causes it, and delivered afterwards (deliverPendingEmails), so nothing is lost or sent twice
// when a transaction rolls back. Its status follows OUTBOX_WORKFLOW (docs/design/workflows.md):
// PENDING until sent, retried with a count of attempts, FAILED after the last try; an admin may
// queue a failed message again.
import nodemailer from "nodemailer";
import type { AuditActor } from "~/domain/audit/audit.server";
import { createInStatus, transition } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { type EmailTemplate, htmlFromText, type RenderedEmail, renderEmail } from "./templates";
import { OUTBOX_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;
type Writer = Db | Tx;

/** A file sent with a message: a document the recipient keeps (app/utils/pdf.server.ts). */
export type EmailAttachment = { fileName: string; contentType: string; content: Uint8Array };
/**
 * A message to queue: a template (templates.ts), rendered here into its text and HTML parts with
 * links from APP_URL; or a bare subject and text (every message of the app has a template; this
 * stays for operators' scripts and tests), whose HTML part is the text escaped and its addresses
 * made links. Every stored HTML body comes from the
 * escaping renderer: no caller hands in HTML of its own.
 */
export type EmailMessage = { to: string; attachments?: readonly EmailAttachment[] } & (
  | { template: EmailTemplate }
  | { subject: string; text: string }
);

function inTransaction<T>(db: Writer, work: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction(work) : work(db);
}

function rendered(message: EmailMessage): RenderedEmail {
  const appUrl = env().APP_URL;
  if ("template" in message) return renderEmail(message.template, appUrl);
  return {
    subject: message.subject,
    text: message.text,
    html: htmlFromText(message.subject, message.text, appUrl),
  };
}

/** Queues a message; within the caller's transaction when given one. */
export async function enqueueEmail(db: Writer, message: EmailMessage): Promise<void> {
  const { subject, text, html } = rendered(message);
  await inTransaction(db, async (tx) => {
    const email = await createInStatus(tx, OUTBOX_WORKFLOW, {
      status: "PENDING",
      data: { to: message.to, subject, text, html },
      actor: null,
      action: "outbox.queued",
      summary: {
        subject,
        ...(message.attachments?.length ? { attachments: message.attachments.map((a) => a.fileName) } : {}),
      },
    });
    for (const attachment of message.attachments ?? [])
      await tx.outboxAttachment.create({
        data: {
          outboxEmailId: email.id,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content),
        },
      });
  });
}

export const MAX_ATTEMPTS = 5;
/** How long a delivery run holds a message it is sending (longer than any SMTP time-out). */
const CLAIM_MS = 5 * 60_000;

/**
 * Sends pending messages through SMTP_URL. Without SMTP_URL nothing is sent and messages stay
 * PENDING, readable by admins on the outbox page. Each row is first claimed with a conditional
 * update (its attempt count and an unexpired claim), so two runs on two servers never send the
 * same message; the claim lapses if the run dies, and the message is then tried again.
 */
export async function deliverPendingEmails(
  db: Db,
  limit = 20,
  now: () => Date = () => new Date(),
): Promise<{ sent: number; failed: number }> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(SMTP_URL);
  const unclaimed = () => ({ OR: [{ claimedUntil: null }, { claimedUntil: { lte: now() } }] });
  const pending = await db.outboxEmail.findMany({
    where: { status: "PENDING", attempts: { lt: MAX_ATTEMPTS }, ...unclaimed() },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      html: true,
      attempts: true,
      attachments: {
        select: { fileName: true, contentType: true, content: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  let sent = 0;
  let failed = 0;
  for (const email of pending) {
    const claim = await db.outboxEmail.updateMany({
      where: { id: email.id, status: "PENDING", attempts: email.attempts, ...unclaimed() },
      data: { attempts: { increment: 1 }, claimedUntil: new Date(now().getTime() + CLAIM_MS) },
    });
    if (claim.count === 0) continue;
    const attempts = email.attempts + 1;
    let error: unknown = null;
    try {
      await transport.sendMail({
        from: EMAIL_FROM,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? undefined,
        attachments: email.attachments.map((a) => ({
          filename: a.fileName,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      });
    } catch (caught) {
      error = caught ?? new Error("unknown error");
    }
    if (error === null) {
      await db.$transaction((tx) =>
        transition(tx, OUTBOX_WORKFLOW, {
          id: email.id,
          from: ["PENDING"],
          to: "SENT",
          data: { sentAt: now(), lastError: null, claimedUntil: null },
          actor: null,
          summary: { attempts },
        }),
      );
      sent += 1;
      continue;
    }
    const lastError = String(error).slice(0, 500);
    if (attempts >= MAX_ATTEMPTS) {
      await db.$transaction((tx) =>
        transition(tx, OUTBOX_WORKFLOW, {
          id: email.id,
          from: ["PENDING"],
          to: "FAILED",
          data: { lastError, claimedUntil: null },
          actor: null,
          summary: { attempts, lastError },
        }),
      );
    } else {
      // Still PENDING: the next run tries again.
      await db.outboxEmail.updateMany({
        where: { id: email.id, status: "PENDING" },
        data: { lastError, claimedUntil: null },
      });
    }
    failed += 1;
  }
  return { sent, failed };
}

/**
 * An admin queues a FAILED message again, with a fresh count of attempts; false when the message
 * does not exist or is not FAILED (sent meanwhile, or already queued again).
 */
export async function requeueEmail(
  db: Db,
  input: { emailId: string; actor: NonNullable<AuditActor>; ip: string },
): Promise<
  { ok: true } | { ok: false; reason: "not-found" } | { ok: false; reason: "conflict"; message: string }
> {
  return db.$transaction(async (tx) => {
    const moved = await transition(tx, OUTBOX_WORKFLOW, {
      id: input.emailId,
      from: ["FAILED"],
      to: "PENDING",
      data: { attempts: 0, claimedUntil: null },
      actor: input.actor,
      ip: input.ip,
      action: "outbox.requeued",
    });
    if (moved.ok) return { ok: true };
    return moved.reason === "not-found" ? moved : { ok: false, reason: "conflict", message: moved.message };
  });
}
