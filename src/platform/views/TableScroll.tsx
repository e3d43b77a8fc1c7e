import type { ComponentChildren } from 'preact';

/**
 * A box a wide table scrolls inside, so that on a narrow screen (320 px, or 400 % zoom) only the
 * table scrolls sideways and never the page (WCAG 1.4.10). The box is a named region the keyboard
 * can reach, so that it can be scrolled without a mouse: name it like the table, by `label` or by
 * the id of the heading above it (`labelledBy`).
 */
export function TableScroll({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy} tabindex={0}>
      {children}
    </div>
  );
}
