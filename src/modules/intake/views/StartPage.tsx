import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { orgSettings } from '../../organizations/settings.ts';

const strong = (chunks: unknown) => <strong>{chunks as string}</strong>;

export function StartPage({ org }: { org: Organization }) {
  const i18n = useI18n();
  const { t } = i18n;
  const s = orgSettings(org);
  const links = s.referralLinks ?? {};
  // Texts the organization wrote itself are in Swedish: shown as they are, marked as Swedish.
  const own = i18n.code === 'sv' ? undefined : 'sv';
  return (
    <Layout title={t('start.title')} orgName={org.name}>
      <h1>{t('start.heading', { org: org.name })}</h1>
      <p class="lead">{i18n.code === 'sv' && s.startPageIntro ? s.startPageIntro : t('start.intro')}</p>
      <p>
        <a class="button" href="/synpunkt">
          {t('start.cta')}
        </a>
      </p>
      <p>{i18n.rich('start.answerTime', { days: s.answerWorkingDays, strong })}</p>
      <p>{i18n.rich('start.archive', { link: (chunks) => <a href="/svar">{chunks}</a> })}</p>
      {s.startPageExtra && (
        <p class="user-text" lang={own}>
          {s.startPageExtra}
        </p>
      )}

      <h2>{t('start.what.heading')}</h2>
      <p>{t('start.what.text')}</p>

      <h2>{t('start.not.heading')}</h2>
      <p>{t('start.not.intro')}</p>
      <ul>
        <li>
          {i18n.rich('start.not.faultReport', { strong })}{' '}
          {links.faultReport ? <a href={links.faultReport}>{t('start.not.faultReport.link')}</a> : t('start.not.faultReport.contact')}
        </li>
        <li>
          {i18n.rich('start.not.appeal', { strong })} {links.appeal ? <a href={links.appeal}>{t('start.not.appeal.link')}</a> : null}
        </li>
        <li>
          {i18n.rich('start.not.deviation', { strong })} {links.deviation ? <a href={links.deviation}>{t('start.not.deviation.link')}</a> : null}
        </li>
        <li>
          {i18n.rich('start.not.school', { strong })} {s.schoolHarassmentUrl ? <a href={s.schoolHarassmentUrl}>{t('start.not.school.link')}</a> : null}
        </li>
        {s.otherAuthorityText && (
          <li>
            {i18n.rich('start.not.otherAuthority', { strong })} <span lang={own}>{s.otherAuthorityText}</span>
          </li>
        )}
      </ul>
      <p>{t('start.not.outro')}</p>

      <h2 id="personuppgifter">{t('start.privacy.heading')}</h2>
      <p>{t('start.privacy.text', { org: org.name })}</p>
      <ul>
        <li>{i18n.rich('start.privacy.controller', { strong })}</li>
        <li>{i18n.rich('start.privacy.publicRecord', { strong })}</li>
        <li>{i18n.rich('start.privacy.who', { strong })}</li>
        <li>{i18n.rich('start.privacy.howLong', { strong })}</li>
        <li>{i18n.rich('start.privacy.rights', { strong })}</li>
        {s.contactEmail && (
          <li>
            {i18n.rich('start.privacy.contact', {
              strong,
              email: <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>,
              phone: s.contactPhone ? <bdi dir="ltr">{s.contactPhone}</bdi> : '',
              hasPhone: s.contactPhone ? 'yes' : 'no',
            })}
          </li>
        )}
      </ul>
    </Layout>
  );
}
