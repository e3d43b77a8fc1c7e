import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';

/** A sign-in that could not be completed, and why, in plain Swedish. */
export function SsoMessagePage({ org, title, message }: { org: Organization; title: string; message: string }) {
  const { t } = useI18n();
  return (
    <Layout title={title} orgName={org.name}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/logga-in">{t('sso.message.toLogin')}</a>
      </p>
    </Layout>
  );
}
