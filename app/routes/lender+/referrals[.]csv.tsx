// The queue as CSV: every referral the queue's filters match (not one page), the lender's own only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportLenderQueue } from "~/domain/exports/exports.server";
import { parseQueueFilter } from "~/domain/lenders/queue.server";
import { prisma } from "~/utils/db.server";
import { downloadResponse } from "~/utils/http.server";
import { clientIp } from "~/utils/request.server";
import { requireLender } from "~/web/permissions.server";
import { recordingRefusals } from "~/web/refusals.server";

export const loader = recordingRefusals(async ({ request, context }: LoaderFunctionArgs) => {
  const actor = await requireLender(request);
  const {
    amountInput: _typed,
    amountProblems,
    ...filter
  } = parseQueueFilter(new URL(request.url).searchParams);
  // An amount the queue page could not read: that page says so at the field and offers no file;
  // a crafted link gets the same message instead of a file of every referral.
  const problem = Object.values(amountProblems)[0];
  if (problem)
    return new Response(`${problem} No file was made: correct the filter on the queue page.\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const file = await exportLenderQueue(prisma, {
    lenderOrgId: actor.lenderOrgId,
    filter,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return downloadResponse(file.body, { fileName: file.fileName, contentType: "text/csv; charset=utf-8" });
});
