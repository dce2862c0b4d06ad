import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CsvImport } from "~/components/csv-import";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { csvImportAction, importToday } from "~/domain/imports/import-action.server";
import { SALES_CSV_COLUMNS } from "~/domain/sales/sales";
import { checkSalesCsv, importSalesCsv } from "~/domain/sales/sales.server";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Import marketplace sales — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  return csvImportAction(request, {
    check: (text) => checkSalesCsv(prisma, actor.merchantId, text, importToday()),
    import: (text, fileName) =>
      importSalesCsv(prisma, {
        merchantId: actor.merchantId,
        text,
        fileName,
        today: importToday(),
        actor: { id: actor.id, role: actor.role },
        ip: clientIp(context),
      }),
    done: (imported, fileName) => ({
      to: "/merchant/sales",
      title: `Imported ${imported} sales rows from ${fileName}`,
    }),
  });
}

export default function ImportSales() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/merchant/sales">← Sales &amp; orders</Link>
          </p>
          <h1>Import marketplace sales</h1>
          <p>
            Sales reports from Shopify, Amazon, Alibaba.com, Tmall Global and other storefronts, by day or by
            period. A file, or a channel and period, already imported is never added twice.
          </p>
        </div>
      </div>
      <CsvImport
        what="rows"
        templateHref="/merchant/sales/template.csv"
        columns={SALES_CSV_COLUMNS}
        preview={actionData?.preview ?? null}
        uploadError={actionData?.uploadError ?? null}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
