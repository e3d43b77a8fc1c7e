import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Translator } from './catalogue.ts';

/** What a page renders with: its language, and on citizen pages the page's own path for the language menu. */
export interface PageI18n {
  i18n: Translator;
  /** The organization-relative path and query of this page without `lang`; absent on staff pages (Swedish only, no menu). */
  menuPath?: string;
}

export const I18nContext = createContext<PageI18n>({ i18n: translator() });

/** The page's translator. Staff pages and anything rendered outside a request speak Swedish. */
export const useI18n = (): Translator => useContext(I18nContext).i18n;
export const usePageI18n = (): PageI18n => useContext(I18nContext);

/**
 * The `lang` for what the organization's staff wrote (unit and category names, answers, the public
 * version of a case): Swedish, the staff's language, whatever the page's. Undefined on a Swedish
 * page, where the page's own `lang` already says so (WCAG 3.1.2).
 */
export const staffLang = (i18n: Pick<Translator, 'code'>): 'sv' | undefined => (i18n.code === 'sv' ? undefined : 'sv');
