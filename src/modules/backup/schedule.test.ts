import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { buildApp } from '../../app.tsx';
import { readBackup } from './read.ts';
import { scheduledBackup, type BackupSchedule } from './schedule.ts';

let t: TestContext;
let dir: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'lyhord-schedule-'));
  await chmod(dir, 0o777);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

it('makes one backup a day from the set hour (Swedish time), keeps the newest N, and the admin page shows the last', async () => {
  const schedule: BackupSchedule = { dir: path.join(dir, 'backups'), keep: 2, hour: 2 };
  t.clock.set('2026-12-22T00:30:00Z'); // 01:30 in Stockholm
  expect(await scheduledBackup(t.db, t.clock, { ...schedule, dir: path.join(dir, 'annan') })).toBe('not_yet');

  const days = ['2026-12-23', '2026-12-24', '2026-12-25'];
  for (const day of days) {
    t.clock.set(`${day}T01:10:00Z`); // 02:10
    expect(await scheduledBackup(t.db, t.clock, schedule)).toBe('made');
    t.clock.set(`${day}T15:45:00Z`);
    expect(await scheduledBackup(t.db, t.clock, schedule)).toBe('done_today');
  }
  await writeFile(path.join(schedule.dir, 'min-egen-kopia.lyhord-backup'), 'rörs inte');
  t.clock.set('2026-12-26T03:00:00Z');
  expect(await scheduledBackup(t.db, t.clock, schedule)).toBe('made');
  const files = (await readdir(schedule.dir)).sort();
  expect(files).toEqual(['lyhord-2026-12-25-0210.lyhord-backup', 'lyhord-2026-12-26-0400.lyhord-backup', 'min-egen-kopia.lyhord-backup']);
  expect((await readBackup(path.join(schedule.dir, files[1]!))).rows['public.organizations']).toBeGreaterThan(0);

  const app = await buildApp({ db: t.db, clock: t.clock, config: { demo: true, secureCookies: false, logLevel: 'silent', backup: schedule } });
  try {
    const admin = await new Session(app).signIn(DEMO.admin);
    expect((await admin.get('/admin')).body).toContain('href="/admin/sakerhetskopior"');
    const page = await admin.get('/admin/sakerhetskopior');
    expect(page.statusCode).toBe(200);
    const last = await t.db.selectFrom('backup_runs').select('started_at').where('status', '=', 'ok').orderBy('started_at', 'desc').executeTakeFirstOrThrow();
    expect(page.body).toContain(`data-last-backup="${last.started_at.toISOString()}"`);
    expect(page.body).toContain('Senaste lyckade säkerhetskopia');
    expect(page.body).toContain('de 2 senaste sparas');
    expect((await (await new Session(app).signIn(DEMO.registrar)).get('/admin/sakerhetskopior')).statusCode).toBe(404);
  } finally {
    await app.close();
  }
});
