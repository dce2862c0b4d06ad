// A document a merchant uploaded, for a lender its application was referred to.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/domain/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { notFoundResponse } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { readStoredFile } from "~/utils/storage.server";
import { requireLender } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, params, context }: LoaderFunctionArgs) => {
  const actor = await requireLender(request);
  const document = await prisma.document.findFirst({
    where: { id: params.documentId ?? "", infoRequest: { referral: { lenderOrgId: actor.lenderOrgId } } },
    select: { id: true, storageKey: true, fileName: true, contentType: true },
  });
  if (!document) notFoundResponse();
  await recordAudit(prisma, {
    actor: { id: actor.id, role: actor.role },
    action: "document.downloaded",
    entityType: "Document",
    entityId: document.id,
    ip: clientIp(context),
  });
  return new Response(new Uint8Array(await readStoredFile(document.storageKey)), {
    headers: {
      "Content-Type": document.contentType,
      "Content-Disposition": `attachment; filename="${document.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
