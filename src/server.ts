import { buildApp } from './app.tsx';
import { loadConfig } from './config.ts';
import { connectDatabase, type Connection } from './db/connect.ts';
import { migrateToLatest } from './db/database.ts';
import { prepareDemo } from './modules/organizations/demoStartup.ts';
import { systemClock } from './platform/clock.ts';
import { startJobs, type RunningJobs } from './modules/notifications/jobs.ts';
import { startInbound } from './modules/mailin/start.ts';

const config = loadConfig();
let connection: Connection | undefined;

async function main() {
  if (!config.databaseUrl) console.log(`Startar inbäddad PostgreSQL i ${config.dataDir} …`);
  connection = await connectDatabase(config);
  const { db } = connection;
  await migrateToLatest(db);
  if (config.demo) await prepareDemo(db);

  const app = await buildApp({ db, clock: systemClock, config, log: true });
  // Background jobs (mail, reminders, digests) run here unless RUN_JOBS=false leaves them to `npm run worker`.
  const jobs: RunningJobs | undefined = config.runJobs ? await startJobs({ db, clock: systemClock, mail: config.mail, concurrency: config.workerConcurrency }) : undefined;
  // Mail in (INBOUND_SMTP_PORT, IMAP_URL): off unless configured.
  const inbound = await startInbound(config, db, systemClock);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    try {
      await inbound.stop();
      await app.close();
      await jobs?.stop();
      await connection?.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Lyhörd är igång: http://localhost:${config.port}/ (databas: ${connection.description})`);
  for (const line of inbound.describe) console.log(line);
  console.log(jobs ? `Bakgrundsjobb körs i den här processen; e-post ${config.mail.smtpUrl ? 'skickas via SMTP' : 'sparas i den lokala utkorgen (/admin/utkorg)'}.` : 'Bakgrundsjobb körs inte här (RUN_JOBS=false): starta npm run worker.');
}

main().catch(async (err) => {
  console.error('Lyhörd kunde inte starta:', err instanceof Error ? err.message : err);
  if (err instanceof Error && err.cause) console.error(err.cause);
  await connection?.close().catch(() => {});
  process.exit(1);
});
