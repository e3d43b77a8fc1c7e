import type { Organization } from '../../../db/schema.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { ErrorSummary, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { KINDS } from '../../cases/labels.ts';
import { archiveHref, type ArchiveParams } from '../archiveParams.ts';
import { MAX_PAGE, MAX_QUERY, PAGE_SIZE, type ArchiveItem } from '../archiveQueries.ts';
import { excerpt } from '../../../platform/views/excerpt.ts';

export interface ArchivePageProps {
  org: Organization;
  params: ArchiveParams;
  areas: { id: string; name: string }[];
  forvaltningar: { id: string; name: string }[];
  items: ArchiveItem[];
  page: number;
  hasMore: boolean;
  /** The page asked for is past the last one: how many answers match (up to what the pages hold) and the last page. */
  pastEnd?: { lastPage: number; total: number };
  errors?: FieldErrors;
}

/** The public archive: published questions and answers, newest first, with search and filters. */
export function ArchivePage({ org, params, areas, forvaltningar, items, page, hasMore, pastEnd, errors = {} }: ArchivePageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  // Names the organization wrote itself are Swedish whatever the page's language.
  const own = i18n.code === 'sv' ? undefined : 'sv';
  const hasErrors = Object.keys(errors).length > 0;
  const filtered = !!(params.q.trim() || params.omrade || params.forvaltning || params.typ);
  return (
    <Layout title={pastEnd ? t('archive.pastEnd.title', { page }) : page > 1 ? t('archive.titlePage', { page }) : t('archive.title')} hasErrors={hasErrors} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>{t('archive.title')}</h1>
      <p class="lead">{t('archive.intro', { org: org.name })}</p>
      <form method="get" action="/svar" class="archive-search" role="search" novalidate>
        <TextInput name="q" type="search" label={t('archive.search.label')} value={params.q} error={errors.q} maxLength={MAX_QUERY} hint={t('archive.search.hint')} />
        <div class="filter-row">
          <Select
            name="omrade"
            label={t('archive.filter.area')}
            value={params.omrade}
            error={errors.omrade}
            options={[{ value: '', label: t('archive.filter.areaAll') }, ...areas.map((a) => ({ value: a.id, label: a.name, lang: own }))]}
          />
          <Select
            name="forvaltning"
            label={t('archive.filter.unit')}
            value={params.forvaltning}
            error={errors.forvaltning}
            options={[{ value: '', label: t('archive.filter.unitAll') }, ...forvaltningar.map((f) => ({ value: f.id, label: f.name, lang: own }))]}
          />
          <Select
            name="typ"
            label={t('archive.filter.kind')}
            value={params.typ}
            error={errors.typ}
            options={[{ value: '', label: t('archive.filter.kindAll') }, ...KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
          />
        </div>
        <button type="submit">{t('archive.search.submit')}</button>
        {filtered && (
          <p>
            <a href="/svar">{t('archive.showAll')}</a>
          </p>
        )}
      </form>

      <h2 id="resultat">{filtered ? t('archive.results.matching') : t('archive.results.latest')}</h2>
      {pastEnd && pastEnd.total > 0 ? (
        <PastEnd params={params} page={page} {...pastEnd} />
      ) : items.length === 0 ? (
        <p>{hasErrors ? t('archive.results.fix') : filtered ? t('archive.results.none') : t('archive.results.empty')}</p>
      ) : (
        <ol class="archive-list" aria-labelledby="resultat" start={(page - 1) * PAGE_SIZE + 1}>
          {items.map((it) => (
            <li key={it.case_number}>
              <h3>
                <a href={`/svar/${it.case_number}`} class="user-text" dir="auto" lang={own}>
                  {it.title}
                </a>
              </h3>
              <p class="muted">
                {it.kind ? t(`kind.${it.kind}`) : ''}
                {it.area_name && (
                  <>
                    {' · '}
                    <span lang={own}>{it.area_name}</span>
                  </>
                )}
                {it.forvaltning_name && (
                  <>
                    {' · '}
                    <span lang={own}>{it.forvaltning_name}</span>
                  </>
                )}
                {it.first_published_at ? ` · ${t('archive.item.published', { date: i18n.date(it.first_published_at) })}` : ''}
              </p>
              <p class="user-text" dir="auto" lang={own}>
                {excerpt(it.excerpt, it.truncated)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {!pastEnd && (page > 1 || hasMore) && (
        <nav aria-label={t('archive.pages')} class="pagination">
          <ul>
            {page > 1 && (
              <li>
                <a href={archiveHref(params, page - 1)} rel="prev">
                  {t('archive.pages.previous')}
                </a>
              </li>
            )}
            <li aria-current="page">{t('archive.pages.current', { page })}</li>
            {hasMore && page < MAX_PAGE && (
              <li>
                <a href={archiveHref(params, page + 1)} rel="next">
                  {t('archive.pages.next')}
                </a>
              </li>
            )}
          </ul>
          {hasMore && page >= MAX_PAGE && <p>{t('archive.pages.limit', { max: MAX_PAGE })}</p>}
        </nav>
      )}
      <p>
        <a href="/svar/flode.atom">{t('archive.feed')}</a> · <a href="/synpunkt">{t('start.cta')}</a>
      </p>
    </Layout>
  );
}

/** A page past the last one: no answers there (the archive is not empty), and where they end. */
function PastEnd({ params, page, lastPage, total }: { params: ArchiveParams; page: number; lastPage: number; total: number }) {
  const { t } = useI18n();
  // More answers than the pages hold: the last page is not the end of them.
  const beyondLimit = total > MAX_PAGE * PAGE_SIZE && page > MAX_PAGE;
  return (
    <>
      <p>{beyondLimit ? t('archive.pages.limit', { max: MAX_PAGE }) : t('archive.pastEnd.text', { page, last: lastPage })}</p>
      <p>
        <a href={archiveHref(params, lastPage)}>{t('archive.pastEnd.link', { last: lastPage })}</a>
      </p>
    </>
  );
}
