import { loadConfig } from './config.ts';
import { connectDatabase, type Connection } from './db/connect.ts';
import { migrateToLatest } from './db/database.ts';
import { startJobs } from './modules/notifications/jobs.ts';
import { systemClock } from './platform/clock.ts';
import { createLogger } from './platform/logging.ts';
import { startWorkerHttp } from './workerHttp.ts';

/**
 * `npm run worker`: the job runner alone, against the same database as the app (start the app
 * with RUN_JOBS=false to keep jobs out of it, or run both: any number of runners share the queue).
 * With WORKER_PORT it answers /health/live, /health/ready and /metrics there.
 */
const config = loadConfig();
const log = createLogger({ level: config.logLevel, format: config.logFormat });
let connection: Connection | undefined;

async function main() {
  connection = await connectDatabase(config, { poolSize: config.workerConcurrency + 4 });
  await migrateToLatest(connection.db);
  const jobs = await startJobs({ db: connection.db, clock: systemClock, mail: config.mail, concurrency: config.workerConcurrency, backup: config.backup, webhooks: { network: config.webhookNetwork }, logLevel: config.logLevel === 'debug' ? 'debug' : 'info', logger: log });
  const http = config.workerPort === undefined ? undefined : await startWorkerHttp({ db: connection.db, clock: systemClock, config, port: config.workerPort, jobRunner: () => jobs.state() });
  log.info(`Lyhörds jobbkörare är igång (databas: ${connection.description}); e-post ${config.mail.smtpUrl ? 'skickas via SMTP' : 'sparas i den lokala utkorgen'}.`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    try {
      await http?.close();
      await jobs.stop();
      await connection?.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await jobs.runner.promise;
}

main().catch(async (err) => {
  log.fatal({ err }, 'Jobbköraren kunde inte starta');
  await connection?.close().catch(() => {});
  process.exit(1);
});
