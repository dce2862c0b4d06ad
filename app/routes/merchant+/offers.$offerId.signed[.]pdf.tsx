// The signed disclosure of the merchant's accepted offer, printed from the copy kept at signing.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { signedDisclosurePdfFor } from "~/domain/offers/disclosure-pdf.server";
import { prisma } from "~/utils/db.server";
import { notFoundResponse } from "~/utils/http.server";
import { pdfResponse } from "~/utils/pdf.server";
import { clientIp } from "~/utils/request.server";
import { requireMerchant } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, params, context }: LoaderFunctionArgs) => {
  const actor = await requireMerchant(request);
  const file = await signedDisclosurePdfFor(prisma, {
    offerId: params.offerId ?? "",
    owner: { merchantId: actor.merchantId },
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  if (!file) notFoundResponse();
  return pdfResponse(file.content, file.fileName);
});
