import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on narrow screens. The region is focusable so keyboard users can
 * scroll it too (WCAG 2.1.1), and named so screen readers announce what it holds.
 */
export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className={`table-wrap ${className ?? ""}`} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
