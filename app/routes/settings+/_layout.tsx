import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/web/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function SettingsLayout() {
  return (
    <>
      <nav aria-label="Account settings" className="sub-nav">
        <NavLink to="/settings/password">Password</NavLink>
        <NavLink to="/settings/two-factor">Two-factor authentication</NavLink>
        <NavLink to="/settings/time-zone">Time zone</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
