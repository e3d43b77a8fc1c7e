import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { Layout } from './layout.tsx';

const TITLES: Record<number, MessageKey> = {
  400: 'error.title.400',
  403: 'error.title.403',
  404: 'error.title.404',
  410: 'error.title.410',
  413: 'error.title.413',
  415: 'error.title.415',
  429: 'error.title.429',
  500: 'error.title.500',
  503: 'error.title.503',
};

export const errorTitle = (status: number): MessageKey => TITLES[status] ?? TITLES[status >= 500 ? 500 : 400]!;

/** An error page in the page's language; `message` is already in that language. */
export function ErrorPage({ status, message, orgName }: { status: number; message?: string; orgName: string }) {
  const { t } = useI18n();
  const title = t(errorTitle(status));
  return (
    <Layout title={title} orgName={orgName}>
      <h1>{title}</h1>
      {message && <p>{message}</p>}
      {status === 404 && <p>{t('error.notFound.help')}</p>}
      {status >= 500 && <p>{t('error.server.help')}</p>}
      <p>
        <a href="/">{t('common.toStartPage')}</a>
      </p>
    </Layout>
  );
}
