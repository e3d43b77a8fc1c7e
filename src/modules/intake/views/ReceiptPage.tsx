import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { Ltr } from '../../../platform/views/Ltr.tsx';

export function ReceiptPage({ org, number, statusUrl, anonymous }: { org: Organization; number: string; statusUrl: string; anonymous: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Layout title={t('receipt.title', { number: i18n.ltr(number) })} orgName={org.name}>
      <div class="panel">
        <h1>{t('receipt.heading')}</h1>
        <p>
          {t('receipt.numberIs')}
          <br />
          <Ltr class="case-number">{number}</Ltr>
        </p>
      </div>
      <h2>{t('receipt.follow.heading')}</h2>
      <p>{t('receipt.follow.text')}</p>
      <p class="break">
        <a href={statusUrl} dir="ltr">
          {statusUrl}
        </a>
      </p>
      <p class="muted">{t('receipt.follow.private')}</p>
      <h2>{t('receipt.next.heading')}</h2>
      <p>{anonymous ? t('receipt.next.anonymous') : t('receipt.next.contact')}</p>
      <p>
        <a href="/">{t('common.toStartPage')}</a>
      </p>
    </Layout>
  );
}
