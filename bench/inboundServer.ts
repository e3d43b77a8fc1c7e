// The real app and the SMTP receiver in one process, for bench/inbound.ts: both ways in share
// the process, the pool and the database, as they do in production.
import { buildApp } from '../src/app.tsx';
import { createDb } from '../src/db/database.ts';
import { inboundDeps } from '../src/modules/mailin/start.ts';
import { startSmtpReceiver } from '../src/modules/mailin/smtp.ts';
import { systemClock } from '../src/platform/clock.ts';
import { serveForBench } from './lib/server.ts';

const db = createDb(process.env.BENCH_DATABASE_URL!, Number(process.env.BENCH_POOL_SIZE));
const mail = { smtpUrl: undefined, from: 'synpunkter@exempelkommun.se', replyTo: 'synpunkter@exempelkommun.se', publicUrl: 'http://localhost' };
const app = await buildApp({ db, clock: systemClock, config: { demo: false, secureCookies: false, logLevel: 'silent', mail } });
const smtp = await startSmtpReceiver(await inboundDeps(db, systemClock, mail), { port: Number(process.env.BENCH_SMTP_PORT), host: '127.0.0.1' });
await serveForBench(app, async () => {
  await smtp.close();
  await db.destroy();
});
