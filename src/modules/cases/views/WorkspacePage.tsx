import { coversWholeOrganization, type Actor } from '../policy.ts';
import { ErrorSummary, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { listHref, type ListParams } from '../listParams.ts';
import type { Lookups } from '../lookups.ts';
import { CaseTable, type CaseRowData } from './CaseTable.tsx';
import { FilterForm } from './FilterForm.tsx';
import { SuccessBanner } from './SuccessBanner.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';

export interface WorkspaceProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  params: ListParams;
  errors: FieldErrors;
  rows: CaseRowData[];
  total: number;
  /** There are more than `total` (the count stops there, see countCasesUpTo). */
  moreThanTotal?: boolean;
  pageSize: number;
  hasMore: boolean;
  lookups: Lookups;
  today: string;
  showExcerpt: boolean;
  done?: string;
}

/** The handler's workspace: their own cases or everything their units hold, filtered, sorted and paged. */
export function WorkspacePage(p: WorkspaceProps) {
  const { t } = useI18n();
  const { params } = p;
  const hasErrors = Object.keys(p.errors).length > 0;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  // Past the count's end the last page is unknown: "sida 45", not "sida 45 av 40".
  const known = p.moreThanTotal ? 'no' : 'yes';
  // The second tab lists what scopeToActor lets the actor see: every case for a role on the whole organization.
  const secondTab = coversWholeOrganization(p.actor) ? 'cases.workspace.all' : 'cases.workspace.unit';
  const title = t(params.vy === 'mina' ? 'cases.workspace.mine' : secondTab);
  return (
    <StaffLayout title={title} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/arenden">
      <ErrorSummary errors={p.errors} />
      <SuccessBanner>{p.done}</SuccessBanner>
      <h1>{t('cases.workspace.heading')}</h1>
      <nav aria-label={t('cases.workspace.tabsLabel')}>
        <ul class="tabs">
          <li>
            <a href={listHref(params, { vy: 'mina', handlaggare: '', sida: 1 })} aria-current={params.vy === 'mina' ? 'page' : undefined}>
              {t('cases.workspace.mine')}
            </a>
          </li>
          <li>
            <a href={listHref(params, { vy: 'enhet', sida: 1 })} aria-current={params.vy === 'enhet' ? 'page' : undefined}>
              {t(secondTab)}
            </a>
          </li>
        </ul>
      </nav>
      <FilterForm params={params} errors={p.errors} lookups={p.lookups} searchesText={p.showExcerpt} />
      <h2 id="resultat">
        {t('cases.workspace.resultHeading', { title, n: p.total, more: p.moreThanTotal ? 'yes' : 'no' })}
      </h2>
      {p.rows.length === 0 ? (
        <p>{t('cases.workspace.empty')}</p>
      ) : (
        <CaseTable
          rows={p.rows}
          caption={t('cases.workspace.caption', { title, page: params.sida, pages, known })}
          today={p.today}
          showExcerpt={p.showExcerpt}
          sort={{ current: params.sortering, href: (s) => listHref(params, { sortering: s, sida: 1 }) }}
        />
      )}
      {(params.sida > 1 || p.hasMore) && (
        <nav aria-label={t('cases.workspace.pagesLabel')} class="pagination">
          {params.sida > 1 && <a href={listHref(params, { sida: params.sida - 1 })}>{t('cases.workspace.previous')}</a>}
          <span>{t('cases.workspace.page', { page: params.sida, pages, known })}</span>
          {p.hasMore && <a href={listHref(params, { sida: params.sida + 1 })}>{t('cases.workspace.next')}</a>}
        </nav>
      )}
    </StaffLayout>
  );
}
