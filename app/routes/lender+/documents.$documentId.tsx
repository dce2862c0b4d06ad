// A document a merchant uploaded, for a lender its application was referred to.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentForLender } from "~/domain/referrals/referrals.server";
import { prisma } from "~/utils/db.server";
import { downloadResponse, notFoundResponse } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { readStoredFile } from "~/utils/storage.server";
import { requireLender } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, params, context }: LoaderFunctionArgs) => {
  const actor = await requireLender(request);
  const document = await documentForLender(prisma, {
    lenderOrgId: actor.lenderOrgId,
    documentId: params.documentId ?? "",
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!document) notFoundResponse();
  return downloadResponse(new Uint8Array(await readStoredFile(document.storageKey)), document);
});
