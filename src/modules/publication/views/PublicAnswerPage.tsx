import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PublishedAnswer } from '../archiveQueries.ts';

/** One published question and answer: only the reviewed public version, never the original. */
export function PublicAnswerPage({ org, a }: { org: Organization; a: PublishedAnswer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const own = i18n.code === 'sv' ? undefined : 'sv';
  const updated = a.published_at && a.first_published_at && a.published_at.getTime() !== a.first_published_at.getTime();
  const none = '–';
  return (
    <Layout title={a.title} orgName={org.name}>
      <p>
        <a href="/svar">{t('answer.back')}</a>
      </p>
      <h1 class="user-text" dir="auto" lang={own}>
        {a.title}
      </h1>
      <dl class="summary-list">
        <dt>{t('archive.filter.kind')}</dt>
        <dd>{a.kind ? t(`kind.${a.kind}`) : none}</dd>
        <dt>{t('archive.filter.area')}</dt>
        <dd lang={own}>{a.area_name ?? none}</dd>
        <dt>{t('archive.filter.unit')}</dt>
        <dd lang={own}>{a.forvaltning_name ?? none}</dd>
        <dt>{t('answer.asked')}</dt>
        <dd>{a.asked_on ? i18n.date(a.asked_on) : none}</dd>
        <dt>{t('answer.answered')}</dt>
        <dd>{a.answered_on ? i18n.date(a.answered_on) : none}</dd>
        <dt>{t('answer.caseNumber')}</dt>
        <dd>{i18n.ltr(a.case_number)}</dd>
        {updated && (
          <>
            <dt>{t('answer.updated')}</dt>
            <dd>{i18n.date(a.published_at!)}</dd>
          </>
        )}
      </dl>
      <h2>{t('answer.question')}</h2>
      <div class="inset">
        <p class="user-text" dir="auto" lang={own}>
          {a.question}
        </p>
      </div>
      <h2>{t('answer.answer', { org: org.name })}</h2>
      <p class="user-text" dir="auto" lang={own}>
        {a.answer}
      </p>
      <p class="muted">{t('answer.deidentified')}</p>
      <p>
        <a href="/synpunkt">{t('start.cta')}</a>
      </p>
    </Layout>
  );
}

/** 410: the answer was published once and has been withdrawn. */
export function GonePage({ org }: { org: Organization }) {
  const { t } = useI18n();
  return (
    <Layout title={t('answer.gone.title')} orgName={org.name}>
      <h1>{t('answer.gone.title')}</h1>
      <p>{t('answer.gone.text')}</p>
      <p>
        <a href="/svar">{t('answer.back')}</a>
      </p>
    </Layout>
  );
}
