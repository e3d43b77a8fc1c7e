import type { Writable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { countRows, encodeFrame, FORMAT, FORMAT_VERSION, frameHasher, type BackupHeader, type SequenceValue, type TableSpec } from './format.ts';

/** Schemas that hold Lyhörd's data: ours and the job queue's. */
export const SCHEMAS = ['public', 'graphile_worker'];
/** Written by the migrations themselves on restore. */
// rate_limits: counters of the last minutes, not data worth keeping.
const SKIPPED = new Set(['public.kysely_migration', 'public.kysely_migration_lock', 'graphile_worker.migrations', 'public.rate_limits']);

export interface DumpSummary {
  header: BackupHeader;
  rows: Record<string, number>;
}

export interface DumpOptions {
  /** Called with the exported snapshot while it is held (tests compare a restore with it). */
  onSnapshot?: (snapshotId: string) => Promise<void>;
  appVersion?: string;
}

/**
 * Writes every table's rows as one consistent snapshot: a single READ ONLY transaction at
 * REPEATABLE READ sees the database as it was when it began, while the app goes on writing.
 * Uploaded files are rows too (attachments, raw inbound mail), so they are in it.
 */
export async function dumpDatabase(pool: pg.Pool, out: Writable, opts: DumpOptions = {}): Promise<DumpSummary> {
  const client = await pool.connect();
  const hasher = frameHasher();
  const write = async (frame: Buffer) => {
    hasher.update(frame);
    if (out.destroyed) throw out.errored ?? new Error('the backup output was closed');
    if (!out.write(frame)) await drained(out);
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (opts.onSnapshot) await opts.onSnapshot((await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id);
    const header = await readHeader(client, opts.appVersion ?? 'unknown');
    await write(encodeFrame('H', JSON.stringify(header)));
    const rows: Record<string, number> = {};
    for (const t of header.tables) {
      await write(encodeFrame('T', JSON.stringify(t)));
      let n = 0;
      const copy = client.query(copyTo(`COPY ${qualified(t)} (${t.columns.map(ident).join(', ')}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        n += countRows(chunk);
        await write(encodeFrame('D', chunk));
      }
      await write(encodeFrame('E', JSON.stringify({ rows: n })));
      rows[`${t.schema}.${t.name}`] = n;
    }
    // Read last: a sequence is never behind the rows the snapshot holds (it only moves forward).
    await write(encodeFrame('S', JSON.stringify(await readSequences(client))));
    if (!out.write(encodeFrame('Z', JSON.stringify({ sha256: hasher.digest() })))) await drained(out);
    await client.query('COMMIT');
    return { header, rows };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Waits for room in the output, or its failure (a full disk ends the backup at once). */
function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain).off('error', done).off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(out.errored ?? new Error('the backup output was closed'));
    out.on('drain', onDrain).on('error', done).on('close', onClose);
  });
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const qualified = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;

async function readHeader(client: pg.PoolClient, app: string): Promise<BackupHeader> {
  // Plain and partition tables; columns in order, without generated ones (recomputed on restore).
  const { rows } = await client.query<{ schema: string; name: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE c.relkind = 'r' AND n.nspname = ANY($1)
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [SCHEMAS],
  );
  const tables: TableSpec[] = rows.filter((r) => !SKIPPED.has(`${r.schema}.${r.name}`));
  const migrations = (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name);
  const revision = (await client.query<{ id: number }>('SELECT max(id)::int AS id FROM graphile_worker.migrations')).rows[0]!.id;
  const meta = (await client.query<{ version: string; database: string }>(`SELECT current_setting('server_version') AS version, current_database() AS database`)).rows[0]!;
  return { format: FORMAT, version: FORMAT_VERSION, createdAt: new Date().toISOString(), app, postgres: meta.version, database: meta.database, migrations, jobQueueRevision: revision, tables };
}

async function readSequences(client: pg.PoolClient): Promise<SequenceValue[]> {
  // A sequence that belongs to a column comes back with its table; any other is created on restore.
  const { rows } = await client.query<{ schema: string; name: string; owned: boolean; data_type: string; start: string; min: string; max: string; increment: string; cache: string; cycle: boolean }>(
    `SELECT s.schemaname AS schema, s.sequencename AS name, s.data_type::text AS data_type, s.start_value::text AS start, s.min_value::text AS min,
       s.max_value::text AS max, s.increment_by::text AS increment, s.cache_size::text AS cache, s.cycle,
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = format('%I.%I', s.schemaname, s.sequencename)::regclass AND d.deptype IN ('a', 'i')) AS owned
     FROM pg_sequences s WHERE s.schemaname = ANY($1) ORDER BY 1, 2`,
    [SCHEMAS],
  );
  const values: SequenceValue[] = [];
  for (const s of rows) {
    const v = (await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qualified(s)}`)).rows[0]!;
    const create = s.owned ? undefined : { dataType: s.data_type, start: s.start, min: s.min, max: s.max, increment: s.increment, cache: s.cache, cycle: s.cycle };
    values.push({ schema: s.schema, name: s.name, lastValue: v.last_value, isCalled: v.is_called, ...(create ? { create } : {}) });
  }
  return values;
}
