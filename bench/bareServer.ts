// The floor for bench/submissions.ts: Fastify, the same form parser, one INSERT and no app code,
// in a process of its own. Its table is made by bench/submissions.ts.
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import pg from 'pg';
import { serveForBench } from './lib/server.ts';

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL!, max: Number(process.env.BENCH_POOL_SIZE) });
// Idle connections are cut when the benchmark stops PostgreSQL (also on Ctrl-C); that is no crash.
pool.on('error', () => {});
const app = Fastify();
await app.register(formbody);
app.post<{ Body: { formId: string; description: string } }>('/synpunkt', async (req, reply) => {
  await pool.query('INSERT INTO submissions (form_id, description) VALUES ($1, $2)', [req.body.formId, req.body.description]);
  return reply.code(303).header('location', '/kvitto').send();
});
await serveForBench(app, () => pool.end());
