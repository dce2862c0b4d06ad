import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MainNav, type NavItem } from "~/components/main-nav";
import { useNonce } from "~/components/nonce";
import { Toaster } from "~/components/toaster";
import { useFocusHeadingAfterNavigation } from "~/components/ui/focus";
import { TimeZoneReport } from "~/components/ui/when";
import { getSessionUser } from "~/utils/session.server";
import { readToast } from "~/utils/toast.server";
import appStyles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export const meta: MetaFunction = () => [
  { title: "TradeLift — working capital for exporters" },
  { name: "description", content: "TradeLift matches small US exporters with trade-finance lenders." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [session, { toast, setCookie }] = await Promise.all([getSessionUser(request), readToast(request)]);
  return data(
    {
      user: session
        ? {
            name: session.user.name,
            email: session.user.email,
            role: session.user.role,
            timeZone: session.user.timeZone,
          }
        : null,
      // The moment this page was rendered: relative times ("in 6 days") hydrate to the same text.
      now: new Date().toISOString(),
      toast,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

const NAV: Record<string, NavItem[]> = {
  MERCHANT: [
    { to: "/merchant", label: "Dashboard", end: true },
    { to: "/merchant/score", label: "Score" },
    { to: "/merchant/applications", label: "Applications" },
    { to: "/merchant/profile", label: "Profile" },
    { to: "/merchant/bank", label: "Bank accounts" },
    { to: "/merchant/sales", label: "Sales & orders" },
    { to: "/merchant/orders", label: "Export orders" },
    { to: "/merchant/repayments", label: "What I owe" },
  ],
  LENDER: [
    { to: "/lender", label: "Review queue", end: true },
    { to: "/lender/portfolio", label: "Portfolio" },
    { to: "/lender/products", label: "Products" },
    { to: "/lender/team", label: "Team" },
  ],
  ADMIN: [
    { to: "/admin", label: "Dashboard", end: true },
    { to: "/admin/partners", label: "Lender partners" },
    { to: "/admin/applications", label: "Applications" },
    { to: "/admin/funnel", label: "Funnel" },
    { to: "/admin/servicing", label: "Servicing" },
    { to: "/admin/users", label: "Users" },
    { to: "/admin/outbox", label: "E-mail outbox" },
    { to: "/admin/screening", label: "Screening" },
    { to: "/admin/audit", label: "Audit log" },
  ],
};

function Header() {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const user = rootData?.user ?? null;
  const items = user ? (NAV[user.role] ?? []) : [];
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand" aria-label="TradeLift home">
          <span className="brand-mark" aria-hidden="true">
            ▲
          </span>
          TradeLift
        </Link>
        {user ? (
          <MainNav
            items={items}
            account={{ to: "/settings/password", label: `Account settings (${user.name})` }}
          />
        ) : null}
        <div className="header-account">
          {user ? (
            <>
              <NavLink to="/settings/password" className="header-user" title={user.email}>
                {user.name}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="button button-ghost">
                  Log out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="button button-ghost">
                Log in
              </Link>
              <Link to="/signup" className="button button-primary">
                Apply as a merchant
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Header />
        <main id="main" className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <p>TradeLift — working capital for exporters. Financing is provided by our lending partners.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* Renders only under `npm run dev`: reloads the open tab after each rebuild. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  useFocusHeadingAfterNavigation();
  return (
    <>
      <TimeZoneReport />
      <Outlet />
      <Toaster toast={toast} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
