import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvTemplate } from "~/domain/imports/csv";
import { ORDER_CSV_COLUMNS } from "~/domain/orders/orders-csv";
import { requireMerchant } from "~/web/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return new Response(csvTemplate(ORDER_CSV_COLUMNS), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="tradelift-export-orders-template.csv"',
    },
  });
}
