import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NoticeView } from "~/components/notices";
import { getNoticeForMerchant } from "~/domain/notices/notices.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Notice — TradeLift" }];

/** One Regulation B notice of one of the merchant's applications; another merchant's is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { merchantId } = await requireMerchant(request);
  const notice = await getNoticeForMerchant(prisma, {
    merchantId,
    applicationId: params.applicationId ?? "",
    noticeId: params.noticeId ?? "",
  });
  if (!notice) notFound("We could not find that notice.");
  return { applicationId: params.applicationId ?? "", id: notice.id, content: notice.content };
}

export default function NoticePage() {
  const { applicationId, id, content } = useLoaderData<typeof loader>();
  const base = `/merchant/applications/${applicationId}`;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={base}>Back to the application</Link>
      </p>
      <NoticeView content={content} pdfHref={`${base}/notices/${id}/pdf`} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
