import type { ComponentChildren } from 'preact';

/**
 * Case numbers, links, phone numbers and codes read left to right also inside Arabic or Persian
 * text: isolated, so the surrounding right-to-left text neither reorders them nor is reordered.
 */
export function Ltr({ children, class: className }: { children: ComponentChildren; class?: string }) {
  return (
    <bdi dir="ltr" class={className}>
      {children}
    </bdi>
  );
}
