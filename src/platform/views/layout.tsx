import type { ComponentChildren } from 'preact';
import { usePageI18n } from '../i18n/context.ts';
import { LanguageMenu } from './LanguageMenu.tsx';

export interface LayoutProps {
  title: string;
  /** Prefixes the title with "Fel: " so screen reader users hear at once that the page has errors. */
  hasErrors?: boolean;
  orgName: string;
  homeHref?: string;
  children: ComponentChildren;
  nav?: ComponentChildren;
  /** Staff pages use the width of the screen for their tables; citizen pages keep a readable measure. */
  wide?: boolean;
}

/** The frame of every page, in the page's language and direction; citizen pages get the language menu. */
export function Layout({ title, hasErrors, orgName, homeHref = '/', children, nav, wide = false }: LayoutProps) {
  const container = wide ? 'container container--wide' : 'container';
  const { i18n, menuPath } = usePageI18n();
  const { t } = i18n;
  const fullTitle = `${hasErrors ? t('layout.errorPrefix') : ''}${title} – ${orgName}`;
  return (
    <html lang={i18n.code} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#innehall">
          {t('layout.skipLink')}
        </a>
        <header class="site-header">
          {menuPath !== undefined && (
            <div class={container}>
              <LanguageMenu path={menuPath} />
            </div>
          )}
          <div class={`${container} header-inner`}>
            <a class="site-name" href={homeHref}>
              {orgName}
            </a>
            <span class="product-name">{t('layout.productName')}</span>
            {nav}
          </div>
        </header>
        <main id="innehall" class={container} tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class={container}>
            <p>{t('layout.footer', { org: orgName })}</p>
            <p>
              <a href="/tillganglighet">{t('layout.accessibility')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
