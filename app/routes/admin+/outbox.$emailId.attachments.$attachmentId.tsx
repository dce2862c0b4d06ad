import type { LoaderFunctionArgs } from "@remix-run/node";
import { outboxAttachment } from "~/domain/admin/admin.server";
import { prisma } from "~/utils/db.server";
import { downloadResponse, notFound } from "~/utils/http.server";
import { requireAdmin } from "~/web/permissions.server";

/** A file sent with an outbox message, for an admin reading what went out (or waits, without SMTP). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const attachment = await outboxAttachment(prisma, {
    emailId: params.emailId ?? "",
    attachmentId: params.attachmentId ?? "",
  });
  if (!attachment) notFound("This attachment does not exist.");
  return downloadResponse(new Uint8Array(attachment.content), attachment);
}
