import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CsvImport } from "~/components/csv-import";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buildPreview } from "~/domain/imports/preview";
import { readCsvUpload } from "~/domain/imports/upload.server";
import { checkOrderCsv, importOrderCsv } from "~/domain/orders/orders.server";
import { ORDER_CSV_COLUMNS } from "~/domain/orders/orders-csv";
import { prisma } from "~/utils/db.server";
import { requireMerchant } from "~/utils/permissions.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Import export orders — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return null;
}

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const upload = await readCsvUpload(request);
  if (!upload.ok) return data({ uploadError: upload.message, preview: null }, { status: 400 });
  if (upload.intent === "import") {
    const outcome = await importOrderCsv(prisma, {
      merchantId: actor.merchantId,
      text: upload.text,
      fileName: upload.fileName,
      today: today(),
      actor: { id: actor.id, role: actor.role },
      ip: clientIp(context),
    });
    if (outcome.imported > 0) {
      return redirectWithToast("/merchant/orders", {
        kind: "success",
        title: `Imported ${outcome.imported} orders from ${upload.fileName}`,
      });
    }
    const preview = buildPreview({
      fileName: upload.fileName,
      text: upload.text,
      total: 0,
      errors: outcome.errors,
      fileErrors: outcome.fileErrors,
    });
    return data({ uploadError: null, preview }, { status: 400 });
  }
  const checked = await checkOrderCsv(prisma, actor.merchantId, upload.text, today());
  const total = new Set([...checked.rows.map((r) => r.line), ...checked.errors.map((e) => e.line)]).size;
  const preview = buildPreview({
    fileName: upload.fileName,
    text: upload.text,
    total,
    errors: checked.errors,
    fileErrors: checked.fileErrors,
  });
  const clean = checked.errors.length === 0 && checked.fileErrors.length === 0;
  return data({ uploadError: null, preview }, { status: clean ? 200 : 400 });
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
