import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import type { Actor } from '../cases/policy.ts';
import { recentBackups } from './runs.ts';
import type { BackupSchedule } from './schedule.ts';

const STATUS: Record<string, string> = { running: 'Pågår', ok: 'Klar', failed: 'Misslyckades' };
const KIND: Record<string, string> = { manual: 'Manuell', scheduled: 'Schemalagd' };
const size = (bytes: number | null) => (bytes === null ? '' : `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`);

/** /admin/sakerhetskopior: when the last backup ran, the schedule, and the recent runs. */
export const backupRoutes: FastifyPluginAsync<{ db: Db; schedule: BackupSchedule | undefined }> = async (app, { db, schedule }) => {
  staffArea(app);
  app.get('/admin/sakerhetskopior', async (req, reply) => {
    const actor = req.actor as Actor;
    if (!actor.grants.some((g) => g.role === 'admin' && g.unitId === null)) throw notFound();
    const runs = await recentBackups(db);
    const last = runs.find((r) => r.status === 'ok');
    return sendPage(
      reply,
      <StaffLayout title="Säkerhetskopior" orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()}>
        <p>
          <a href="/admin">Administration</a>
        </p>
        <h1>Säkerhetskopior</h1>
        <p class="lead" data-last-backup={last ? last.started_at.toISOString() : ''}>
          {last ? (
            <>
              Senaste lyckade säkerhetskopia: <time datetime={last.started_at.toISOString()}>{formatDateTime(last.started_at)}</time> ({KIND[last.kind]?.toLowerCase()}, {size(last.bytes)}).
            </>
          ) : (
            <strong>Ingen säkerhetskopia har gjorts ännu.</strong>
          )}
        </p>
        <p>
          {schedule
            ? `En säkerhetskopia görs varje dag från klockan ${String(schedule.hour).padStart(2, '0')} i ${schedule.dir}; de ${schedule.keep} senaste sparas.`
            : 'Schemalagda säkerhetskopior är avstängda (BACKUP_KEEP=0, eller databasen i DATABASE_URL säkerhetskopieras på annat sätt).'}{' '}
          En säkerhetskopia kan också göras när som helst med <code>npm run cli -- backup &lt;fil&gt;</code>. Den innehåller personuppgifter: förvara den lika skyddat som
          databasen.
        </p>
        {runs.length > 0 && (
          <table>
            <caption>De senaste säkerhetskopiorna</caption>
            <thead>
              <tr>
                <th scope="col">Startad</th>
                <th scope="col">Sätt</th>
                <th scope="col">Status</th>
                <th scope="col">Fil</th>
                <th scope="col">Storlek</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.started_at)}</td>
                  <td>{KIND[r.kind]}</td>
                  <td>
                    {STATUS[r.status]}
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
        )}
      </StaffLayout>,
    );
  });
};
