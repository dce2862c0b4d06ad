import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireLender } from "~/web/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireLender(request);
  return null;
}

export default function LenderLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
