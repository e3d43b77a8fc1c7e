import type { CaseKind, Channel } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { ErrorSummary, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CHANNEL_LABEL, KIND_LABEL } from '../../cases/labels.ts';
import type { Lookups } from '../../cases/lookups.ts';
import type { Actor } from '../../cases/policy.ts';
import { CaseNumberCell } from '../../cases/views/CaseTable.tsx';
import { formatAge } from '../../cases/views/format.ts';
import { SuccessBanner } from '../../cases/views/SuccessBanner.tsx';
import type { BulkInput, BulkResult } from '../bulk.ts';
import { inboxHref, type InboxParams } from '../inboxParams.ts';
import type { InboxRow } from '../queries.ts';
import { BulkActions, BulkSummary } from './BulkActions.tsx';
import { InboxFilters } from './InboxFilters.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';

export interface InboxProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  params: InboxParams;
  lookups: Lookups;
  rows: InboxRow[];
  total: number;
  pageSize: number;
  now: Date;
  /** The submitter's name and the start of the text, for those whose roles may read them. */
  showPersonal: boolean;
  done?: string;
  result?: BulkResult;
  bulk?: { input: BulkInput; errors: FieldErrors };
}

const searching = (p: InboxParams) => !!(p.q || p.typ || p.kanal || p.forvaltning);
const checkboxId = (number: string) => `valj-${number}`;

function lead(t: Translator['t'], p: InboxProps): string {
  return t(searching(p.params) ? 'triage.inbox.leadSearching' : 'triage.inbox.lead', { n: p.total });
}

/** The registrar's inbox: what has arrived and waits to be registered; search, filter, and act on many at once. */
export function InboxPage(p: InboxProps) {
  const { t } = useI18n();
  const { params } = p;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const errors = p.bulk?.errors ?? {};
  const chosen = new Set((p.bulk?.input.cases ?? []).map((v) => v.split(':')[0]));
  const checked = (number: string) => params.markera === 'alla' || chosen.has(number);
  const first = p.rows[0];
  return (
    <StaffLayout title={t('triage.inbox.title')} hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/inkorg">
      <ErrorSummary errors={errors} fieldIds={{ arenden: first ? checkboxId(first.number) : 'inkorg-lista', omrade: 'bulk-omrade', enhet: 'bulk-enhet', betydelse: 'bulk-betydelse', atgard: 'atgard' }} />
      <SuccessBanner>{p.done}</SuccessBanner>
      <BulkSummary result={p.result} />
      <h1>{t('triage.inbox.title')}</h1>
      <p class="lead">{lead(t, p)}</p>
      <InboxFilters params={params} lookups={p.lookups} />
      {p.rows.length > 0 && (
        <form method="post" action={inboxHref(params, { markera: '' })} novalidate>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h2 id="inkorg-lista" tabindex={-1}>
            {t('triage.inbox.listHeading')}
          </h2>
          <p>
            <a href={inboxHref(params, { markera: 'alla' })}>{t('triage.inbox.selectAll')}</a>
            {' · '}
            <a href={inboxHref(params, { markera: '' })}>{t('triage.inbox.deselectAll')}</a>
          </p>
          <div class="table-scroll" role="region" aria-labelledby="inkorg-lista" tabindex={0}>
            <table class="case-table">
              <caption class="visually-hidden">
                {t('triage.inbox.caption', { page: params.sida, pages })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">{t('triage.inbox.select')}</span>
                  </th>
                  <th scope="col">{t('triage.inbox.number')}</th>
                  {p.showPersonal && <th scope="col">{t('triage.inbox.from')}</th>}
                  <th scope="col">{t('triage.inbox.received')}</th>
                  <th scope="col">{t('triage.inbox.waited')}</th>
                  <th scope="col">{t('triage.inbox.kind')}</th>
                  <th scope="col">{t('triage.inbox.channel')}</th>
                  <th scope="col">{t('triage.inbox.suggestedUnit')}</th>
                  <th scope="col">{t('triage.inbox.action')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr key={r.id}>
                    <td class="select-cell">
                      <input type="checkbox" id={checkboxId(r.number)} name="arenden" value={`${r.number}:${r.version}`} checked={checked(r.number)} />
                      <label for={checkboxId(r.number)}>
                        <span class="visually-hidden">{t('triage.inbox.selectCase', { number: r.number })}</span>
                      </label>
                    </td>
                    <CaseNumberCell c={r} showExcerpt={p.showPersonal} />
                    {p.showPersonal && <td class="break">{r.anonymous ? <span class="muted">{t('triage.inbox.anonymous')}</span> : [r.contact_name, r.contact_email].filter(Boolean).join(', ')}</td>}
                    <td>
                      <time dateTime={r.received_at.toISOString()}>{formatDateTime(r.received_at)}</time>
                    </td>
                    <td>{formatAge(r.received_at, p.now)}</td>
                    <td>{KIND_LABEL[r.kind as CaseKind] ?? r.kind}</td>
                    <td>{CHANNEL_LABEL[r.channel as Channel] ?? r.channel}</td>
                    <td>{r.suggested_unit_name ?? <span class="muted">{t('triage.inbox.dontKnow')}</span>}</td>
                    <td>
                      <a href={`/handlaggning/arenden/${r.number}/registrera`}>
                        {t('triage.inbox.register')}
                        <span class="visually-hidden">{t('triage.inbox.registerHidden', { number: r.number })}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BulkActions lookups={p.lookups} input={p.bulk?.input} errors={errors} />
        </form>
      )}
      {pages > 1 && (
        <nav aria-label={t('triage.inbox.pagesLabel')} class="pagination">
          {params.sida > 1 && <a href={inboxHref(params, { sida: params.sida - 1, markera: '' })}>{t('triage.inbox.previous')}</a>}
          <span>{t('triage.inbox.page', { page: params.sida, pages })}</span>
          {params.sida < pages && <a href={inboxHref(params, { sida: params.sida + 1, markera: '' })}>{t('triage.inbox.next')}</a>}
        </nav>
      )}
    </StaffLayout>
  );
}
