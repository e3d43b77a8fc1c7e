import type { ComponentChildren } from 'preact';
import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Ltr } from '../../../platform/views/Ltr.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { orgSettings } from '../../organizations/settings.ts';
import { lines, type Statement } from '../statement.ts';

/** Where the supervisory authority takes complaints about digital public service (DIGG). */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';
/** The citizen form with its kind preset: a missing accessibility is a complaint. */
export const REPORT_PROBLEM_PATH = '/synpunkt?typ=klagomal';

/** The accessibility statement in the reader's language, after DIGG's model and its headings. */
export function StatementPage({ org, statement: s }: { org: Organization; statement: Statement }) {
  const i18n = useI18n();
  const { t } = i18n;
  const settings = orgSettings(org);
  // What the organization wrote itself is Swedish: marked so, for screen readers, on pages in other languages.
  const own = i18n.code === 'sv' ? undefined : 'sv';
  const shortcomings = s.shortcomings ?? lines(t('a11y.default.shortcomings'));
  const contacts: [string, ComponentChildren][] = [];
  if (settings.contactEmail) contacts.push([t('a11y.contact.email'), <a href={`mailto:${settings.contactEmail}`}>{settings.contactEmail}</a>]);
  if (settings.contactPhone) contacts.push([t('a11y.contact.phone'), <Ltr>{settings.contactPhone}</Ltr>]);
  if (settings.postalAddress) contacts.push([t('a11y.contact.postal'), <span class="user-text" lang={own}>{settings.postalAddress}</span>]);
  return (
    <Layout title={t('a11y.title')} orgName={org.name}>
      <h1>{t('a11y.heading', { org: org.name })}</h1>
      <p class="lead">{t('a11y.intro', { org: org.name })}</p>

      <h2>{t('a11y.how.heading')}</h2>
      <p>{t(`a11y.how.${s.compliance}`)}</p>

      <h2>{t('a11y.alternative.heading')}</h2>
      <p>{t('a11y.alternative.text')}</p>
      {contacts.length > 0 && (
        <dl class="summary-list">
          {contacts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2 id="rapportera">{t('a11y.report.heading')}</h2>
      <p>{t('a11y.report.text')}</p>
      <p>
        <a href={REPORT_PROBLEM_PATH}>{t('a11y.report.link')}</a>
      </p>

      <h2>{t('a11y.supervision.heading')}</h2>
      <p>{i18n.rich('a11y.supervision.text', { link: (chunks) => <a href={DIGG_REPORT_URL}>{chunks}</a> })}</p>

      <h2>{t('a11y.technical.heading')}</h2>
      <p>{t(`a11y.technical.${s.compliance}`)}</p>
      <p>{t('a11y.technical.standard')}</p>

      <h2>{t('a11y.inaccessible.heading')}</h2>
      <h3>{t('a11y.inaccessible.nonCompliance')}</h3>
      {shortcomings.length === 0 ? (
        <p>{t('a11y.inaccessible.none')}</p>
      ) : (
        <ul lang={s.shortcomings ? own : undefined}>
          {shortcomings.map((line, i) => (
            <li key={i} class={s.shortcomings ? 'user-text' : undefined}>
              {line}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('a11y.notCovered.heading')}</h3>
      <p>{t('a11y.notCovered.text')}</p>

      <h2>{t('a11y.assessment.heading')}</h2>
      <p>
        {s.method === 'external' && s.assessor ? i18n.rich('a11y.assessment.external', { assessor: s.assessor, own: (chunks) => <span lang={own}>{chunks}</span> }) : t('a11y.assessment.self')}{' '}
        {t('a11y.assessment.automated')}
      </p>
      <ul>
        <li>{t('a11y.assessment.date', { date: i18n.date(s.assessedOn) })}</li>
        <li>{t('a11y.published', { date: i18n.date(s.publishedOn) })}</li>
        <li>{t('a11y.updated', { date: i18n.date(s.updatedOn) })}</li>
      </ul>
    </Layout>
  );
}
