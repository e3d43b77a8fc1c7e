import { buildApp } from './app.tsx';
import { loadConfig } from './config.ts';
import { connectDatabase, type Connection } from './db/connect.ts';
import { migrateToLatest } from './db/database.ts';
import { prepareDemo } from './modules/organizations/demoStartup.ts';
import { systemClock } from './platform/clock.ts';
import { createLogger } from './platform/logging.ts';
import { startJobs, type RunningJobs } from './modules/notifications/jobs.ts';
import { startInbound } from './modules/mailin/start.ts';

const config = loadConfig();
const log = createLogger({ level: config.logLevel, format: config.logFormat });
let connection: Connection | undefined;

async function main() {
  if (!config.databaseUrl) log.info({ dataDir: config.dataDir }, `Startar inbäddad PostgreSQL i ${config.dataDir} …`);
  connection = await connectDatabase(config);
  const { db } = connection;
  await migrateToLatest(db);
  if (config.demo) await prepareDemo(db, { mail: config.mail });

  // Background jobs (mail, reminders, digests) run here unless RUN_JOBS=false leaves them to `npm run worker`.
  const jobs: RunningJobs | undefined = config.runJobs
    ? await startJobs({ db, clock: systemClock, mail: config.mail, concurrency: config.workerConcurrency, backup: config.backup, webhooks: { network: config.webhookNetwork }, logger: log, logLevel: config.logLevel === 'debug' ? 'debug' : 'warning' })
    : undefined;
  // Mail in (INBOUND_SMTP_PORT, IMAP_URL): off unless configured.
  const inbound = await startInbound(config, db, systemClock);
  const app = await buildApp({ db, clock: systemClock, config, logger: log, jobRunner: jobs ? () => jobs.state() : undefined, spam: { minFillSeconds: config.formMinSeconds, rate: config.formRateLimits } });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
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
  log.info({ port: config.port }, `Lyhörd är igång: http://localhost:${config.port}/ (databas: ${connection.description})`);
  for (const line of inbound.describe) log.info(line);
  log.info(jobs ? `Bakgrundsjobb körs i den här processen; e-post ${config.mail.smtpUrl ? 'skickas via SMTP' : 'sparas i den lokala utkorgen (/admin/utkorg)'}.` : 'Bakgrundsjobb körs inte här (RUN_JOBS=false): starta npm run worker.');
}

main().catch(async (err) => {
  log.fatal({ err }, 'Lyhörd kunde inte starta');
  await connection?.close().catch(() => {});
  process.exit(1);
});
