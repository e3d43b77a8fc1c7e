import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateToLatest, migrateUpTo, migrationNames, poolOf, type Db } from '../../db/database.ts';
import { qualified, SCHEMAS } from './dump.ts';
import type { TableSpec } from './format.ts';
import { BackupFileError, readBackup, type BackupContents } from './read.ts';

/**
 * Restores a backup file into an empty database:
 *  1. reads the whole file once and checks it (nothing is touched if it is damaged);
 *  2. migrates the empty database to exactly the schema the backup was made with;
 *  3. loads every table in one transaction, with triggers and foreign-key checks off while
 *     loading (the rows come from one consistent snapshot, in no particular order) and every
 *     foreign key checked before commit; sets the sequences;
 *  4. migrates the rest of the way, if this version of Lyhörd is newer than the backup's.
 */
export async function restoreIntoDatabase(db: Db, file: string, progress: (line: string) => void = () => {}): Promise<BackupContents> {
  const contents = await readBackup(file);
  progress(`Säkerhetskopian är hel: ${contents.header.tables.length} tabeller, ${Object.values(contents.rows).reduce((a, b) => a + b, 0)} rader, gjord ${contents.header.createdAt}.`);
  const known = await migrationNames();
  const theirs = contents.header.migrations;
  if (theirs.length === 0 || theirs.some((name, i) => known[i] !== name)) {
    throw new BackupFileError(
      'Säkerhetskopian är gjord med en version av Lyhörd som den här inte känner igen (nyare, eller med andra migreringar). Återställ med den version som gjorde den.',
      'The backup was made by a Lyhörd version this one does not know.',
    );
  }
  const pool = poolOf(db);
  await ensureEmpty(pool);
  await migrateUpTo(db, theirs.at(-1)!);
  const revision = (await pool.query<{ id: number }>('SELECT max(id)::int AS id FROM graphile_worker.migrations')).rows[0]!.id;
  if (revision !== contents.header.jobQueueRevision) {
    throw new BackupFileError(
      `Säkerhetskopians jobbkö har version ${contents.header.jobQueueRevision}, den här versionen av Lyhörd ${revision}. Återställ med den version som gjorde säkerhetskopian.`,
      'The job queue schema differs from the backup.',
    );
  }

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Rows the migrations put in (calendars, defaults) are replaced by the backup's own.
    await client.query(`TRUNCATE ${contents.header.tables.map(qualified).join(', ')}`);
    await client.query('SET LOCAL session_replication_role = replica');
    let copy: ReturnType<typeof copyFrom> | undefined;
    await readBackup(file, {
      async table(t: TableSpec) {
        copy = client.query(copyFrom(`COPY ${qualified(t)} (${t.columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ')}) FROM STDIN`));
      },
      async data(chunk) {
        if (!copy!.write(chunk)) await new Promise<void>((resolve, reject) => copy!.once('drain', resolve).once('error', reject));
      },
      async endTable() {
        copy!.end();
        await finished(copy!);
      },
    });
    for (const s of contents.sequences) {
      const c = s.create;
      if (c && !/^(smallint|integer|bigint)$/.test(c.dataType)) throw new BackupFileError(`Okänd sekvenstyp ${c.dataType} i säkerhetskopian.`, `Unknown sequence type ${c.dataType}.`);
      // The values are numbers read from pg_sequences; as literals, since DDL takes no parameters.
      const n = (v: string) => String(BigInt(v));
      if (c) {
        await client.query(
          `CREATE SEQUENCE IF NOT EXISTS ${qualified(s)} AS ${c.dataType} INCREMENT BY ${n(c.increment)} MINVALUE ${n(c.min)} MAXVALUE ${n(c.max)} START WITH ${n(c.start)} CACHE ${n(c.cache)} ${c.cycle ? 'CYCLE' : 'NO CYCLE'}`,
        );
      }
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [qualified(s), s.lastValue, s.isCalled]);
    }
    await client.query('SET LOCAL session_replication_role = origin');
    await checkForeignKeys(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  await migrateToLatest(db);
  await pool.query('ANALYZE');
  return contents;
}

/** A restore goes into a database with none of our tables in it, never over data. */
async function ensureEmpty(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = ANY($1)`, [SCHEMAS]);
  if (rows[0]!.n > 0) {
    throw new BackupFileError(
      'Databasen är inte tom. En säkerhetskopia återställs bara till en tom databas, så att inga data skrivs över. Skapa en ny, tom databas.',
      'The database is not empty.',
    );
  }
}

/** Every foreign key holds for the loaded rows (they were loaded with the checks off). */
async function checkForeignKeys(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ name: string; child: string; parent: string; child_cols: string[]; parent_cols: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
       ARRAY(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY i) AS child_cols,
       ARRAY(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY i) AS parent_cols
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = ANY($1)`,
    [SCHEMAS],
  );
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const fk of rows) {
    const notNull = fk.child_cols.map((c) => `x.${q(c)} IS NOT NULL`).join(' AND ');
    const match = fk.child_cols.map((c, i) => `p.${q(fk.parent_cols[i]!)} = x.${q(c)}`).join(' AND ');
    const { rows: bad } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${fk.child} x WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${match})`);
    if (bad[0]!.n > 0) {
      throw new BackupFileError(`Säkerhetskopian hänger inte ihop: ${bad[0]!.n} rader i ${fk.child} pekar på rader som saknas (${fk.name}). Ingenting har återställts.`, `Foreign key ${fk.name} violated by ${bad[0]!.n} rows.`);
    }
  }
}
