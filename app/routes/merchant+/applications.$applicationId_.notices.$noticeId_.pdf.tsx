import type { LoaderFunctionArgs } from "@remix-run/node";
import { getNoticeForMerchant, noticePdf } from "~/domain/notices/notices.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { pdfResponse } from "~/utils/pdf.server";
import { requireMerchant } from "~/web/permissions.server";

/** A notice as the PDF the merchant keeps (the same one its e-mail carried); another merchant's is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { merchantId } = await requireMerchant(request);
  const notice = await getNoticeForMerchant(prisma, {
    merchantId,
    applicationId: params.applicationId ?? "",
    noticeId: params.noticeId ?? "",
  });
  if (!notice) notFound("We could not find that notice.");
  const pdf = await noticePdf(notice);
  return pdfResponse(pdf.bytes, pdf.fileName);
}
