import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireMerchant } from "~/web/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMerchant(request);
  return null;
}

export default function MerchantLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
