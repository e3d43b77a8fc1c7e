import { loadConfig } from './config.ts';
import { connectDatabase, type Connection } from './db/connect.ts';
import { migrateToLatest } from './db/database.ts';
import { startJobs } from './modules/notifications/jobs.ts';
import { systemClock } from './platform/clock.ts';

/**
 * `npm run worker`: the job runner alone, against the same database as the app (start the app
 * with RUN_JOBS=false to keep jobs out of it, or run both: any number of runners share the queue).
 */
const config = loadConfig();
let connection: Connection | undefined;

async function main() {
  connection = await connectDatabase(config, { poolSize: config.workerConcurrency + 4 });
  await migrateToLatest(connection.db);
  const jobs = await startJobs({ db: connection.db, clock: systemClock, mail: config.mail, concurrency: config.workerConcurrency, logLevel: 'info' });
  console.log(`Lyhörds jobbkörare är igång (databas: ${connection.description}); e-post ${config.mail.smtpUrl ? 'skickas via SMTP' : 'sparas i den lokala utkorgen'}.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await jobs.stop();
      await connection?.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await jobs.runner.promise;
}

main().catch(async (err) => {
  console.error('Jobbköraren kunde inte starta:', err instanceof Error ? err.message : err);
  if (err instanceof Error && err.cause) console.error(err.cause);
  await connection?.close().catch(() => {});
  process.exit(1);
});
