import type { ReactNode } from 'react';

/**
 * A table's box that scrolls sideways on a narrow screen: focusable, so a keyboard can scroll
 * it, and positioned, so screen-reader-only text in its cells is clipped with the rest.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200"
    >
      {children}
    </section>
  );
}
