import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, poolOf, type Db } from '../../db/database.ts';
import { embeddedUrl, freePort, startEmbeddedPostgres } from '../../db/embedded.ts';
import { form, FORM, SPAM_CHECKS_FOR_TESTS, VALID_SUBMISSION } from '../../../test/app.ts';
import { buildApp } from '../../app.tsx';
import { systemClock } from '../../platform/clock.ts';
import { HttpSession } from '../../../test/httpSession.ts';
import { startProcess, waitForOk, type RunningProcess } from '../../../test/processes.ts';
import { qualified } from './dump.ts';
import { backupToFile } from './file.ts';

/**
 * The whole story with real processes: Lyhörd runs on its embedded PostgreSQL and takes
 * submissions while a backup is made; the backup is restored with `npm run cli -- restore` into
 * an empty DATA_DIR; every row of every table is compared with the snapshot the backup saw,
 * and Lyhörd starts on the restored data and goes on numbering cases.
 */

let base: string;
let server: RunningProcess;
let db: Db;
let sourceUrl: string;

beforeAll(async () => {
  // The cluster runs as "postgres" when the tests run as root: it must be able to enter the directory.
  base = await mkdtemp(path.join(os.tmpdir(), 'lyhord-backup-'));
  await chmod(base, 0o777);
  const pgPort = await freePort();
  const port = await freePort();
  server = startProcess('server', 'src/server.ts', { DATA_DIR: path.join(base, 'data'), EMBEDDED_PG_PORT: String(pgPort), PORT: String(port), HOST: '127.0.0.1', BACKUP_KEEP: '0', LOG_LEVEL: 'warn',
    // The test posts the form far faster than a person, from one address (modules/spam).
    FORM_MIN_SECONDS: '0', FORM_LIMIT_PER_ADDRESS_MINUTE: '0', FORM_LIMIT_PER_ADDRESS_HOUR: '0', FORM_LIMIT_PER_ORGANIZATION_MINUTE: '0',
  });
  await waitForOk(`http://127.0.0.1:${port}/health/ready`, server, 120_000);
  sourceUrl = embeddedUrl(pgPort, 'lyhord');
  db = createDb(sourceUrl, 4);
  process.env.TEST_SERVER_URL = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(async () => {
  await db?.destroy();
  await server?.stop();
  await rm(base, { recursive: true, force: true });
});

/** Every row of a table as one fingerprint (count and hash of the rows in a fixed order). */
async function fingerprint(client: pg.Client | pg.PoolClient, table: { schema: string; name: string }): Promise<string> {
  const { rows } = await client.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM ${qualified(table)} t`);
  return `${rows[0]!.n}:${rows[0]!.h}`;
}

it('backs up while submissions run, restores into an empty DATA_DIR, and every row matches the snapshot', async () => {
  const url = process.env.TEST_SERVER_URL!;
  let running = true;
  let submitted = 0;
  const submitter = async (n: number) => {
    const s = new HttpSession(url);
    while (running) {
      const res = await s.post('/synpunkt', { ...VALID_SUBMISSION, description: `Synpunkt ${n}-${submitted} under säkerhetskopieringen.` }, { csrf: false });
      expect(res.status).toBe(303);
      submitted++;
    }
  };
  const submitters = [1, 2, 3, 4].map(submitter);
  while (submitted < 20) await new Promise((r) => setTimeout(r, 20));

  const file = path.join(base, 'mitt.lyhord-backup');
  let snapshot: pg.Client | undefined;
  const result = await backupToFile(poolOf(db), file, {
    onSnapshot: async (id) => {
      snapshot = new pg.Client({ connectionString: sourceUrl });
      await snapshot.connect();
      await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await snapshot.query(`SET TRANSACTION SNAPSHOT '${id}'`);
    },
  });
  const atBackup = submitted;
  while (submitted < atBackup + 10) await new Promise((r) => setTimeout(r, 20));
  running = false;
  await Promise.all(submitters);

  const casesInBackup = result.rows['public.cases']!;
  const casesNow = Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  expect(casesInBackup).toBeGreaterThanOrEqual(20);
  expect(casesNow).toBeGreaterThan(casesInBackup); // submissions went on during and after the backup

  const target = path.join(base, 'restored');
  const pgPort = await freePort();
  const restore = startProcess('restore', 'src/cli.ts', { DATA_DIR: target, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: '' }, ['restore', file]);
  const restoreCode = await restore.exited;
  if (restoreCode !== 0) console.error(restore.output());
  expect(restoreCode).toBe(0);
  expect(restore.output()).toContain('Återställningen är klar');

  const restored = await startEmbeddedPostgres({ dir: path.join(target, 'pg'), port: pgPort });
  const check = new pg.Client({ connectionString: restored.url('lyhord') });
  await check.connect();
  let lastNumber = '';
  try {
    lastNumber = (await snapshot!.query<{ n: string }>('SELECT max(number) AS n FROM cases')).rows[0]!.n;
    for (const table of result.header.tables) {
      expect(await fingerprint(check, table), `${table.schema}.${table.name}`).toBe(await fingerprint(snapshot!, table));
    }
  } finally {
    await snapshot!.end();
    await check.end();
    await restored.stop();
  }

  // Lyhörd starts on the restored data, and the next case number follows the restored ones.
  const again = await startEmbeddedPostgres({ dir: path.join(target, 'pg'), port: pgPort });
  const restoredDb = createDb(again.url('lyhord'), 4);
  try {
    const app = await buildApp({ db: restoredDb, clock: systemClock, config: { demo: true, secureCookies: false, logLevel: 'silent' }, spam: SPAM_CHECKS_FOR_TESTS });
    const res = await app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form(VALID_SUBMISSION) });
    expect(res.statusCode).toBe(303);
    const number = (await app.inject(res.headers.location!)).body.match(/SYN-\d{4}-\d{5}/)![0];
    expect(number > lastNumber).toBe(true);
    expect((await app.inject('/health/ready')).statusCode).toBe(200);
    await app.close();
  } finally {
    await restoredDb.destroy();
    await again.stop();
  }
}, 300_000);
