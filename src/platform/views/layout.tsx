import type { ComponentChildren } from 'preact';

export interface LayoutProps {
  title: string;
  /** Prefixes the title with "Fel: " so screen reader users hear at once that the page has errors. */
  hasErrors?: boolean;
  orgName: string;
  homeHref?: string;
  children: ComponentChildren;
  nav?: ComponentChildren;
}

export function Layout({ title, hasErrors, orgName, homeHref = '/', children, nav }: LayoutProps) {
  const fullTitle = `${hasErrors ? 'Fel: ' : ''}${title} – ${orgName}`;
  return (
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#innehall">
          Hoppa till innehållet
        </a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="site-name" href={homeHref}>
              {orgName}
            </a>
            <span class="product-name">Synpunkter</span>
            {nav}
          </div>
        </header>
        <main id="innehall" class="container" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              {orgName} · Synpunktshantering med Lyhörd
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
