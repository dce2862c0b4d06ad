import { NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

export type NavItem = { to: string; label: string; end?: boolean };

// Wide enough for every role's links on one row beside the brand and the account (app.css uses
// the same width).
const WIDE = "(min-width: 1024px)";

/**
 * The main navigation: a row of links on wide screens, a "Menu" disclosure on phones. It is an
 * HTML <details>, so it opens and closes without JavaScript; on wide screens the stylesheet shows
 * its content whether open or not (::details-content). With JavaScript it also closes after a
 * link is followed on a phone, and opens for browsers without ::details-content on wide screens.
 */
export function MainNav({ items, account }: { items: NavItem[]; account: NavItem }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path is the trigger.
  useEffect(() => {
    if (menu.current) menu.current.open = window.matchMedia(WIDE).matches;
  }, [pathname]);
  return (
    <details className="main-nav-menu" ref={menu}>
      <summary className="main-nav-toggle">Menu</summary>
      <nav aria-label="Main" className="main-nav">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
          {/* On phones the header has no room for the account's name: it is the menu's last item. */}
          <li className="main-nav-account">
            <NavLink to={account.to}>{account.label}</NavLink>
          </li>
        </ul>
      </nav>
    </details>
  );
}
