// One of the merchant's offers' disclosure as PDF, as the application page shows it now.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { disclosurePdfForMerchant } from "~/domain/offers/disclosure-pdf.server";
import { prisma } from "~/utils/db.server";
import { notFoundResponse } from "~/utils/http.server";
import { pdfResponse } from "~/utils/pdf.server";
import { requireMerchant } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireMerchant(request);
  const file = await disclosurePdfForMerchant(prisma, {
    merchantId: actor.merchantId,
    offerId: params.offerId ?? "",
  });
  if (!file) notFoundResponse();
  return pdfResponse(file.content, file.fileName);
});
