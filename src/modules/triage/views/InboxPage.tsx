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

function lead(p: InboxProps): string {
  if (searching(p.params)) return p.total === 0 ? 'Inga mottagna synpunkter passar sökningen.' : `${p.total === 1 ? '1 synpunkt passar' : `${p.total} synpunkter passar`} sökningen.`;
  if (p.total === 0) return 'Inkorgen är tom. Allt som har kommit in är registrerat.';
  return `${p.total === 1 ? '1 synpunkt väntar' : `${p.total} synpunkter väntar`} på att registreras.`;
}

/** The registrar's inbox: what has arrived and waits to be registered; search, filter, and act on many at once. */
export function InboxPage(p: InboxProps) {
  const { params } = p;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const errors = p.bulk?.errors ?? {};
  const chosen = new Set((p.bulk?.input.cases ?? []).map((v) => v.split(':')[0]));
  const checked = (number: string) => params.markera === 'alla' || chosen.has(number);
  const first = p.rows[0];
  return (
    <StaffLayout title="Inkorg" hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/inkorg">
      <ErrorSummary errors={errors} fieldIds={{ arenden: first ? checkboxId(first.number) : 'inkorg-lista', omrade: 'bulk-omrade', enhet: 'bulk-enhet', betydelse: 'bulk-betydelse', atgard: 'atgard' }} />
      <SuccessBanner>{p.done}</SuccessBanner>
      <BulkSummary result={p.result} />
      <h1>Inkorg</h1>
      <p class="lead">{lead(p)}</p>
      <InboxFilters params={params} lookups={p.lookups} />
      {p.rows.length > 0 && (
        <form method="post" action={inboxHref(params, { markera: '' })} novalidate>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h2 id="inkorg-lista" tabindex={-1}>
            Mottagna synpunkter
          </h2>
          <p>
            <a href={inboxHref(params, { markera: 'alla' })}>Markera alla på sidan</a>
            {' · '}
            <a href={inboxHref(params, { markera: '' })}>Avmarkera alla</a>
          </p>
          <div class="table-scroll" role="region" aria-labelledby="inkorg-lista" tabindex={0}>
            <table class="case-table">
              <caption class="visually-hidden">
                Mottagna synpunkter som inte är registrerade, sida {params.sida} av {pages}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Välj</span>
                  </th>
                  <th scope="col">Ärende</th>
                  {p.showPersonal && <th scope="col">Från</th>}
                  <th scope="col">Mottagen</th>
                  <th scope="col">Har väntat</th>
                  <th scope="col">Typ</th>
                  <th scope="col">Kanal</th>
                  <th scope="col">Föreslagen förvaltning</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr key={r.id}>
                    <td class="select-cell">
                      <input type="checkbox" id={checkboxId(r.number)} name="arenden" value={`${r.number}:${r.version}`} checked={checked(r.number)} />
                      <label for={checkboxId(r.number)}>
                        <span class="visually-hidden">Välj {r.number}</span>
                      </label>
                    </td>
                    <CaseNumberCell c={r} showExcerpt={p.showPersonal} />
                    {p.showPersonal && <td class="break">{r.anonymous ? <span class="muted">Anonym</span> : [r.contact_name, r.contact_email].filter(Boolean).join(', ')}</td>}
                    <td>
                      <time dateTime={r.received_at.toISOString()}>{formatDateTime(r.received_at)}</time>
                    </td>
                    <td>{formatAge(r.received_at, p.now)}</td>
                    <td>{KIND_LABEL[r.kind as CaseKind] ?? r.kind}</td>
                    <td>{CHANNEL_LABEL[r.channel as Channel] ?? r.channel}</td>
                    <td>{r.suggested_unit_name ?? <span class="muted">Vet inte</span>}</td>
                    <td>
                      <a href={`/handlaggning/arenden/${r.number}/registrera`}>
                        Registrera<span class="visually-hidden"> {r.number}</span>
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
        <nav aria-label="Sidor" class="pagination">
          {params.sida > 1 && <a href={inboxHref(params, { sida: params.sida - 1, markera: '' })}>Föregående sida</a>}
          <span>
            Sida {params.sida} av {pages}
          </span>
          {params.sida < pages && <a href={inboxHref(params, { sida: params.sida + 1, markera: '' })}>Nästa sida</a>}
        </nav>
      )}
    </StaffLayout>
  );
}
