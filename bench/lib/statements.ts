import pg from 'pg';

/**
 * With BENCH_PG_STATS=1 (see lib/postgres.ts), what PostgreSQL ran for a database: each
 * statement's calls per unit of work (a submission, a page) and its mean time, so a benchmark
 * can show its round trips and where the database's time went. Nothing without BENCH_PG_STATS.
 */
export async function resetStatements(url: string): Promise<void> {
  if (!process.env.BENCH_PG_STATS) return;
  await withClient(url, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('SELECT pg_stat_statements_reset()');
  });
}

export async function printStatements(url: string, units: number, unitName: string, top = 15): Promise<void> {
  if (!process.env.BENCH_PG_STATS) return;
  await withClient(url, async (c) => {
    const { rows } = await c.query<{ calls: string; mean: number; total: number; toplevel: boolean; query: string }>(
      `SELECT s.calls, s.mean_exec_time AS mean, s.total_exec_time AS total, s.toplevel, s.query
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() ORDER BY s.total_exec_time DESC LIMIT $1`,
      [top],
    );
    const calls = rows.filter((r) => r.toplevel).reduce((a, r) => a + Number(r.calls), 0);
    console.log(`\n  Statements (pg_stat_statements, top ${top} by total time; ${(calls / units).toFixed(2)} top-level statements per ${unitName} among them):`);
    for (const r of rows) {
      const q = r.query.replace(/\s+/g, ' ').slice(0, 110);
      console.log(`    ${(Number(r.calls) / units).toFixed(2).padStart(6)}/${unitName}  ${r.mean.toFixed(2).padStart(7)} ms mean  ${(r.total / 1000).toFixed(1).padStart(6)} s  ${r.toplevel ? ' ' : '↳'} ${q}`);
    }
  });
}

async function withClient(url: string, fn: (c: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
