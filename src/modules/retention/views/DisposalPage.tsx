import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { KIND_LABEL } from '../../cases/labels.ts';
import type { RunRule } from '../disposal.ts';
import type { DueCase, DueSummary } from '../due.ts';
import { Pager } from './layout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export interface RunRow {
  id: string;
  decision_ref: string;
  due_on: string;
  expected: number;
  disposed: number;
  status: 'running' | 'done';
  requested_by_label: string;
  requested_at: Date;
  finished_at: Date | null;
}

export function DisposalPage(p: AdminPageProps & { today: string; rules: RunRule[]; summary: DueSummary; due: DueCase[]; page: number; hasMore: boolean; runs: RunRow[]; decision: string; errors?: FieldErrors; notice?: string }) {
  const s = p.summary;
  const running = p.runs.find((r) => r.status === 'running');
  const { t } = useI18n();
  const cases = (n: number) => t('retention.cases', { n });
  return (
    <AdminLayout title={t('retention.disposal.title')} errors={p.errors} notice={p.notice} {...p}>
      <h1>{t('retention.disposal.title')}</h1>
      <p>{t('retention.disposal.intro', { today: p.today })}</p>
      {running && (
        <div class="notice" role="status">
          <p>{t('retention.disposal.running', { decision: running.decision_ref, disposed: running.disposed, expected: running.expected })}</p>
        </div>
      )}
      <h2>{t('retention.disposal.dryRun')}</h2>
      <dl class="summary-list">
        {p.rules
          .filter((r) => r.action === 'dispose')
          .map((r) => (
            <div key={r.id}>
              <dt>{r.text}</dt>
              <dd>{cases(s.byRule[r.id] ?? 0)}</dd>
            </div>
          ))}
        <div>
          <dt>{t('retention.disposal.delivered')}</dt>
          <dd>{cases(s.delivered)}</dd>
        </div>
        <div>
          <dt>{t('retention.disposal.total')}</dt>
          <dd>
            <strong>{cases(s.total)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('retention.disposal.held')}</dt>
          <dd>{cases(s.held)}</dd>
        </div>
        <div>
          <dt>{t('retention.disposal.unclassified')}</dt>
          <dd>{t('retention.disposal.unclassifiedCount', { n: s.unclassified })}</dd>
        </div>
        <div>
          <dt>{t('retention.disposal.deliveryDue')}</dt>
          <dd>{cases(s.deliveryDue)}</dd>
        </div>
      </dl>
      {p.due.length > 0 && (
        <div class="table-scroll" role="region" aria-labelledby="att-gallra-tabell" tabindex={0}>
          <table>
            <caption id="att-gallra-tabell">{t('retention.disposal.dueCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.table.case')}</th>
                <th scope="col">{t('retention.table.received')}</th>
                <th scope="col">{t('retention.table.kind')}</th>
                <th scope="col">{t('retention.table.area')}</th>
                <th scope="col">{t('retention.table.department')}</th>
                <th scope="col">{t('retention.table.closed')}</th>
                <th scope="col">{t('retention.table.dueFrom')}</th>
              </tr>
            </thead>
            <tbody>
              {p.due.map((c) => (
                <tr key={c.id}>
                  <td>{c.number}</td>
                  <td>{c.received_on}</td>
                  <td>{KIND_LABEL[c.kind]}</td>
                  <td>{c.area_name ?? '–'}</td>
                  <td>{c.forvaltning_name ?? '–'}</td>
                  <td>{c.closed_on}</td>
                  <td>{c.due_on}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/admin/arkiv/gallring" page={p.page} hasMore={p.hasMore} />
      {s.total > 0 && !running && (
        <>
          <h2>{t('retention.disposal.executeTitle')}</h2>
          <p>{t('retention.disposal.executeText')}</p>
          <form method="post" action="/admin/arkiv/gallring" novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextInput name="decision" label={t('retention.disposal.decision')} hint={t('retention.disposal.decisionHint')} value={p.decision} error={p.errors?.decision} />
            <button type="submit">{t('retention.disposal.submit', { n: s.total })}</button>
          </form>
        </>
      )}
      <h2>{t('retention.disposal.runsTitle')}</h2>
      {p.runs.length === 0 ? (
        <p>{t('retention.disposal.noRuns')}</p>
      ) : (
        <TableScroll label={t('retention.disposal.runsCaption')}>
        <table>
          <caption class="visually-hidden">{t('retention.disposal.runsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('retention.table.decision')}</th>
              <th scope="col">{t('retention.disposal.started')}</th>
              <th scope="col">{t('retention.disposal.by')}</th>
              <th scope="col">{t('retention.disposal.disposedCol')}</th>
              <th scope="col">{t('retention.disposal.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.runs.map((r) => (
              <tr key={r.id}>
                <td>{r.decision_ref}</td>
                <td>{formatDateTime(r.requested_at)}</td>
                <td>{r.requested_by_label}</td>
                <td>{t('retention.disposal.progress', { disposed: r.disposed, expected: r.expected })}</td>
                <td>{r.status === 'done' ? t('retention.disposal.done', { at: r.finished_at ? formatDateTime(r.finished_at) : '' }) : t('retention.disposal.inProgress')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
    </AdminLayout>
  );
}
