import type { ComponentChildren } from 'preact';

/** Tells the person, after a redirect, that what they did was saved. */
export function SuccessBanner({ children }: { children: ComponentChildren }) {
  if (!children) return null;
  return (
    <div class="success-banner" role="status">
      <p>{children}</p>
    </div>
  );
}
