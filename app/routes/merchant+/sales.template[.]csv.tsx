import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvTemplate } from "~/domain/imports/csv";
import { SALES_CSV_COLUMNS } from "~/domain/sales/sales";
import { requireMerchant } from "~/web/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return new Response(csvTemplate(SALES_CSV_COLUMNS), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="tradelift-marketplace-sales-template.csv"',
    },
  });
}
