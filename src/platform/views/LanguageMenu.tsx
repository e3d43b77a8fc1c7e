import { LANGUAGES } from '../i18n/catalogue.ts';
import { useI18n } from '../i18n/context.ts';

/**
 * Plain links to this same page in every language, each named in itself and marked with its own
 * language and direction, so a screen reader reads "العربية" as Arabic. No JavaScript needed.
 */
export function LanguageMenu({ path }: { path: string }) {
  const i18n = useI18n();
  const join = path.includes('?') ? '&' : '?';
  return (
    <nav class="language-menu" aria-label={i18n.t('layout.languageMenu')}>
      <ul>
        {LANGUAGES.map((l) => (
          <li key={l.code}>
            <a href={`${path}${join}lang=${l.code}`} lang={l.code} hreflang={l.code} dir={l.dir} aria-current={l.code === i18n.code ? 'true' : undefined}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
