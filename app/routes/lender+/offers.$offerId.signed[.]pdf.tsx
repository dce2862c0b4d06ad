// The signed disclosure of one of the lender's accepted offers, printed from the copy kept at signing.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { signedDisclosurePdfFor } from "~/domain/offers/disclosure-pdf.server";
import { prisma } from "~/utils/db.server";
import { notFoundResponse } from "~/utils/http.server";
import { pdfResponse } from "~/utils/pdf.server";
import { clientIp } from "~/utils/request.server";
import { requireLender } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, params, context }: LoaderFunctionArgs) => {
  const actor = await requireLender(request);
  const file = await signedDisclosurePdfFor(prisma, {
    offerId: params.offerId ?? "",
    owner: { lenderOrgId: actor.lenderOrgId },
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!file) notFoundResponse();
  return pdfResponse(file.content, file.fileName);
});
