import { buildApp } from './app.tsx';
import { loadConfig } from './config.ts';
import { createDb, migrateToLatest } from './db/database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { prepareDemo } from './modules/organizations/demoStartup.ts';
import { systemClock } from './platform/clock.ts';
import path from 'node:path';

const config = loadConfig();
let embedded: EmbeddedDatabase | undefined;

async function main() {
  let url = config.databaseUrl;
  if (!url) {
    console.log(`Startar inbäddad PostgreSQL i ${config.dataDir} …`);
    embedded = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort });
    await ensureDatabase(embedded.url('postgres'), 'lyhord');
    url = embedded.url('lyhord');
  }
  const db = createDb(url);
  await migrateToLatest(db);
  if (config.demo) await prepareDemo(db);

  const app = await buildApp({ db, clock: systemClock, config, log: true });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    try {
      await app.close();
      await db.destroy();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Lyhörd är igång: http://localhost:${config.port}/`);
}

async function ensureDatabase(adminUrl: string, name: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

main().catch(async (err) => {
  console.error('Lyhörd kunde inte starta:', err instanceof Error ? err.message : err);
  if (err instanceof Error && err.cause) console.error(err.cause);
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
