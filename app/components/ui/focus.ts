import { useLocation } from "@remix-run/react";
import { type RefObject, useEffect, useRef } from "react";

/** Moves focus to `target` whenever `key` changes after the first render (never on page load). */
export function useFocusWhenChanged(target: RefObject<HTMLElement | null>, key: unknown): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the trigger; the ref is stable.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (key === null || key === undefined) return;
    focusWithoutScrollJump(target.current);
  }, [key]);
}

/**
 * After a client-side navigation, focus goes to the new page's main heading, as it would to the
 * top of a freshly loaded page: otherwise it stays on the link that was clicked (now gone) and
 * falls to the body, and a screen reader announces nothing. Links to an anchor keep their target.
 */
export function useFocusHeadingAfterNavigation(): void {
  const location = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new location key is the trigger.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    // Focus the page placed itself (a preview's heading, a field error) or a control that is still
    // there (a filter's button) stays; focus left on the link that was followed, in the header, or
    // on nothing at all goes to the heading.
    const active = document.activeElement as HTMLElement | null;
    const stray =
      !active ||
      active === document.body ||
      !active.isConnected ||
      active.tagName === "A" ||
      Boolean(active.closest("header"));
    if (!stray) return;
    focusWithoutScrollJump(document.querySelector<HTMLElement>("#main h1"));
  }, [location.key]);
}

function focusWithoutScrollJump(element: HTMLElement | null): void {
  if (!element) return;
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
}
