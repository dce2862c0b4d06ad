import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CsvImport } from "~/components/csv-import";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { csvImportAction, importToday } from "~/domain/imports/import-action.server";
import { checkOrderCsv, importOrderCsv } from "~/domain/orders/orders.server";
import { ORDER_CSV_COLUMNS } from "~/domain/orders/orders-csv";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Import export orders — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  return csvImportAction(request, {
    check: (text) => checkOrderCsv(prisma, actor.merchantId, text, importToday()),
    import: (text, fileName) =>
      importOrderCsv(prisma, {
        merchantId: actor.merchantId,
        text,
        fileName,
        today: importToday(),
        actor: { id: actor.id, role: actor.role },
        ip: clientIp(context),
      }),
    done: (imported, fileName) => ({
      to: "/merchant/orders",
      title: `Imported ${imported} orders from ${fileName}`,
    }),
  });
}

export default function ImportOrders() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to="/merchant/orders">← Export orders</Link>
          </p>
          <h1>Import export orders</h1>
          <p>
            Add many purchase orders at once. PO numbers must be new: an order already on file is never added
            twice.
          </p>
        </div>
      </div>
      <CsvImport
        what="orders"
        templateHref="/merchant/orders/template.csv"
        columns={ORDER_CSV_COLUMNS}
        preview={actionData?.preview ?? null}
        uploadError={actionData?.uploadError ?? null}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
