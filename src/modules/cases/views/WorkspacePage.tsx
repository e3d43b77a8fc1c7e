import type { Actor } from '../policy.ts';
import { ErrorSummary, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { listHref, type ListParams } from '../listParams.ts';
import type { Lookups } from '../lookups.ts';
import { CaseTable, type CaseRowData } from './CaseTable.tsx';
import { FilterForm } from './FilterForm.tsx';
import { SuccessBanner } from './SuccessBanner.tsx';

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

const plural = (n: number) => (n === 1 ? '1 ärende' : `${n.toLocaleString('sv-SE')} ärenden`);

/** The handler's workspace: their own cases or everything their units hold, filtered, sorted and paged. */
export function WorkspacePage(p: WorkspaceProps) {
  const { params } = p;
  const hasErrors = Object.keys(p.errors).length > 0;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  // Past the count's end the last page is unknown: "sida 45", not "sida 45 av 40".
  const ofPages = p.moreThanTotal ? '' : ` av ${pages}`;
  const title = params.vy === 'mina' ? 'Mina ärenden' : 'Min enhets ärenden';
  return (
    <StaffLayout title={title} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/arenden">
      <ErrorSummary errors={p.errors} />
      <SuccessBanner>{p.done}</SuccessBanner>
      <h1>Ärenden</h1>
      <nav aria-label="Urval av ärenden">
        <ul class="tabs">
          <li>
            <a href={listHref(params, { vy: 'mina', handlaggare: '', sida: 1 })} aria-current={params.vy === 'mina' ? 'page' : undefined}>
              Mina ärenden
            </a>
          </li>
          <li>
            <a href={listHref(params, { vy: 'enhet', sida: 1 })} aria-current={params.vy === 'enhet' ? 'page' : undefined}>
              Min enhets ärenden
            </a>
          </li>
        </ul>
      </nav>
      <FilterForm params={params} errors={p.errors} lookups={p.lookups} />
      <h2 id="resultat">
        {title}: {p.moreThanTotal ? `fler än ${plural(p.total)}` : plural(p.total)}
      </h2>
      {p.rows.length === 0 ? (
        <p>Inga ärenden passar filtret.</p>
      ) : (
        <CaseTable
          rows={p.rows}
          caption={`${title}, sida ${params.sida}${ofPages}`}
          today={p.today}
          showExcerpt={p.showExcerpt}
          sort={{ current: params.sortering, href: (s) => listHref(params, { sortering: s, sida: 1 }) }}
        />
      )}
      {(params.sida > 1 || p.hasMore) && (
        <nav aria-label="Sidor" class="pagination">
          {params.sida > 1 && <a href={listHref(params, { sida: params.sida - 1 })}>Föregående sida</a>}
          <span>
            Sida {params.sida}
            {ofPages}
          </span>
          {p.hasMore && <a href={listHref(params, { sida: params.sida + 1 })}>Nästa sida</a>}
        </nav>
      )}
    </StaffLayout>
  );
}
