import type { CaseKind } from '../../../db/schema.ts';
import { dayOf } from './format.ts';
import { KIND_LABEL } from '../labels.ts';
import { isOverdue } from '../lifecycle.ts';
import type { listCases, Sort } from '../listQueries.ts';
import { statusLabel } from './staffLabels.ts';
import { SPAM_OUTCOME } from '../lifecycle.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { excerpt } from '../../../platform/views/excerpt.ts';

export type CaseRowData = Awaited<ReturnType<typeof listCases>>['rows'][number];

/** A column the list can be sorted by: the sort it links to, and how it reads when current. */
interface SortableColumn {
  sorts: readonly Sort[];
  ascending: readonly Sort[];
}

const SORTABLE: Record<string, SortableColumn> = {
  number: { sorts: ['number_desc'], ascending: [] },
  received: { sorts: ['received_desc', 'received_asc'], ascending: ['received_asc'] },
  status: { sorts: ['status'], ascending: ['status'] },
  answerBy: { sorts: ['answer_by_asc'], ascending: ['answer_by_asc'] },
};

export interface SortLinks {
  current: Sort;
  href: (sort: Sort) => string;
}

function Header({ label, column, sort }: { label: string; column?: keyof typeof SORTABLE; sort?: SortLinks }) {
  const { t } = useI18n();
  if (!column || !sort) return <th scope="col">{label}</th>;
  const col = SORTABLE[column]!;
  const isCurrent = col.sorts.includes(sort.current);
  // Clicking the current column again flips its direction when it has two.
  const next = isCurrent && col.sorts.length > 1 ? col.sorts[(col.sorts.indexOf(sort.current) + 1) % col.sorts.length]! : col.sorts[0]!;
  return (
    <th scope="col" aria-sort={isCurrent ? (col.ascending.includes(sort.current) ? 'ascending' : 'descending') : undefined}>
      <a href={sort.href(next)}>
        {label}
        <span class="visually-hidden">{t('cases.table.sortBy', { order: t(`cases.table.sort.${next}`) })}</span>
      </a>
    </th>
  );
}

/** The case list used by the workspace, the inbox and the coordinator's page. */
export function CaseTable({ rows, caption, today, sort, showExcerpt }: { rows: CaseRowData[]; caption: string; today: string; sort?: SortLinks; showExcerpt: boolean }) {
  const { t } = useI18n();
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="case-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <Header label={t('cases.table.number')} column="number" sort={sort} />
            <Header label={t('cases.table.received')} column="received" sort={sort} />
            <th scope="col">{t('cases.table.kind')}</th>
            <Header label={t('cases.table.status')} column="status" sort={sort} />
            <th scope="col">{t('cases.table.unit')}</th>
            <th scope="col">{t('cases.table.handler')}</th>
            <Header label={t('cases.table.answerBy')} column="answerBy" sort={sort} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const overdue = isOverdue(r, today);
            return (
              <tr key={r.id}>
                <CaseNumberCell c={r} showExcerpt={showExcerpt} />
                <td>
                  <time dateTime={r.received_at.toISOString()}>{dayOf(r.received_at)}</time>
                </td>
                <td>{KIND_LABEL[r.kind as CaseKind] ?? r.kind}</td>
                {/* Spam and offensive content are both "not handled"; a registrar going through them needs to tell which. */}
                <td>{r.outcome === SPAM_OUTCOME ? t('cases.table.notHandledSpam') : statusLabel(r.status)}</td>
                <td>{r.unit_name ?? <span class="muted">{t('cases.table.unitNotChosen')}</span>}</td>
                <td>{r.handler_name ?? <span class="muted">{t('cases.table.noHandler')}</span>}</td>
                <td>
                  {r.answer_by ? <time dateTime={r.answer_by}>{r.answer_by}</time> : <span class="muted">–</span>}
                  {overdue && (
                    <>
                      {' '}
                      <span class="tag-warning">{t('cases.table.overdue')}</span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The first cell of a case row: the number as a link, its markers, and (for those who may read
 * it) the start of the text. Confidential text is never excerpted in a list.
 */
export function CaseNumberCell({ c, showExcerpt }: { c: { number: string; confidential: boolean; is_internal: boolean; excerpt: string; excerpt_cut: boolean }; showExcerpt: boolean }) {
  const { t } = useI18n();
  return (
    <th scope="row">
      <a href={`/handlaggning/arenden/${c.number}`}>{c.number}</a>
      {c.confidential && (
        <>
          {' '}
          <span class="tag-confidential">{t('cases.table.confidential')}</span>
        </>
      )}
      {c.is_internal && (
        <>
          {' '}
          <span class="status-tag">{t('cases.table.internal')}</span>
        </>
      )}
      {showExcerpt && !c.confidential && (
        <span class="excerpt user-text" dir="auto">
          {excerpt(c.excerpt, c.excerpt_cut)}
        </span>
      )}
    </th>
  );
}
