import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import { coversWholeOrganization, type Actor } from '../cases/policy.ts';
import { recentBackups } from './runs.ts';
import type { BackupSchedule } from './schedule.ts';
import { TableScroll } from '../../platform/views/TableScroll.tsx';

const STATUS = { running: 'backup.status.running', ok: 'backup.status.ok', failed: 'backup.status.failed' } as const;
const KIND = { manual: 'backup.kind.manual', scheduled: 'backup.kind.scheduled' } as const;
const size = (bytes: number | null) => (bytes === null ? '' : `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`);

/** /admin/sakerhetskopior: when the last backup ran, the schedule, and the recent runs. */
export const backupRoutes: FastifyPluginAsync<{ db: Db; schedule: BackupSchedule | undefined }> = async (app, { db, schedule }) => {
  staffArea(app);
  app.get('/admin/sakerhetskopior', async (req, reply) => {
    const actor = req.actor as Actor;
    if (!coversWholeOrganization(actor, 'admin')) throw notFound();
    const runs = await recentBackups(db);
    const last = runs.find((r) => r.status === 'ok');
    const i18n = req.i18n;
    const { t } = i18n;
    const label = (map: Record<string, StaffKey>, key: string) => (key in map ? t(map[key]!) : key);
    return sendPage(
      reply,
      <StaffLayout title={t('backup.page.title')} orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()}>
        <p>
          <a href="/admin">{t('backup.page.admin')}</a>
        </p>
        <h1>{t('backup.page.title')}</h1>
        <p class="lead" data-last-backup={last ? last.started_at.toISOString() : ''}>
          {last ? (
            i18n.rich('backup.page.last', {
              at: formatDateTime(last.started_at),
              kind: label(KIND, last.kind).toLowerCase(),
              size: size(last.bytes),
              time: (c) => <time datetime={last.started_at.toISOString()}>{c}</time>,
            })
          ) : (
            <strong>{t('backup.page.none')}</strong>
          )}
        </p>
        <p>
          {schedule ? t('backup.page.schedule', { hour: String(schedule.hour).padStart(2, '0'), dir: schedule.dir, keep: String(schedule.keep) }) : t('backup.page.noSchedule')}{' '}
          {i18n.rich('backup.page.manual', { code: (c) => <code>{c}</code> })}
        </p>
        {runs.length > 0 && (
          <TableScroll label={t('backup.page.caption')}>
            <table>
              <caption>{t('backup.page.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('backup.page.started')}</th>
                  <th scope="col">{t('backup.page.kind')}</th>
                  <th scope="col">{t('backup.page.status')}</th>
                  <th scope="col">{t('backup.page.file')}</th>
                  <th scope="col">{t('backup.page.size')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.started_at)}</td>
                    <td>{label(KIND, r.kind)}</td>
                    <td>
                      {label(STATUS, r.status)}
                      {r.error && <span class="muted"> – {r.error}</span>}
                    </td>
                    <td>
                      <code>{r.file}</code>
                    </td>
                    <td>{size(r.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </StaffLayout>,
    );
  });
};
