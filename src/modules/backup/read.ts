import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { FORMAT, FORMAT_VERSION, frameHasher, json, readFrames, countRows, type BackupHeader, type Frame, type SequenceValue, type TableSpec } from './format.ts';

/** A backup file that cannot be restored, and why, in words a person can act on. */
export class BackupFileError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface BackupContents {
  header: BackupHeader;
  rows: Record<string, number>;
  sequences: SequenceValue[];
  bytes: number;
}

/** What a restore does with the frames as they are read (the first, checking pass has none). */
export interface FrameSink {
  table(t: TableSpec): Promise<void>;
  data(chunk: Buffer): Promise<void>;
  endTable(t: TableSpec, rows: number): Promise<void>;
}

/**
 * Reads a backup file from start to end and checks all of it: gzip's checksum, the frame order,
 * every table's row count and the trailer's hash over all frames. Throws BackupFileError for
 * a damaged, truncated or foreign file. With a sink, hands it the rows as they are read.
 */
export async function readBackup(file: string, sink?: FrameSink): Promise<BackupContents> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new BackupFileError(`Filen ${file} finns inte.`, `${file} does not exist.`);
    },
  );
  const damaged = (why: string) => new BackupFileError(`${file} är ingen hel säkerhetskopia från Lyhörd: ${why}. Ingenting har återställts.`, `${file} is not a complete Lyhörd backup: ${why}.`);
  const hasher = frameHasher();
  let header: BackupHeader | undefined;
  let sequences: SequenceValue[] | undefined;
  let current: { spec: TableSpec; rows: number } | undefined;
  let trailer = false;
  const rows: Record<string, number> = {};
  const expect = (ok: boolean, why: string) => {
    if (!ok) throw damaged(why);
  };
  try {
    for await (const frame of readFrames(createReadStream(file).pipe(createGunzip()))) {
      expect(!trailer, 'there is data after the end');
      if (frame.kind === 'Z') {
        expect(header !== undefined && sequences !== undefined && current === undefined, 'it ends too early');
        expect(json<{ sha256: string }>(frame).sha256 === hasher.digest(), 'its checksum does not match');
        trailer = true;
        continue;
      }
      hasher.update(frame.raw);
      if (!header) {
        expect(frame.kind === 'H', 'it does not start with a header');
        header = parseHeader(frame);
        continue;
      }
      await consume(frame);
    }
  } catch (err) {
    if (err instanceof BackupFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw new BackupFileError(`${file} är ofullständig: filen tar slut för tidigt (avbruten kopiering eller full disk?). Ingenting har återställts.`, `${file} is truncated.`);
    if (code === 'Z_DATA_ERROR') throw new BackupFileError(`${file} är skadad eller ingen säkerhetskopia från Lyhörd (${(err as Error).message}). Ingenting har återställts.`, `${file} is damaged or not a backup.`);
    if ((err as Error).constructor.name === 'BackupFormatError') throw damaged((err as Error).message);
    throw err;
  }
  if (!trailer) throw new BackupFileError(`${file} är ofullständig: slutmarkeringen saknas. Ingenting har återställts.`, `${file} has no end marker.`);
  return { header: header!, rows, sequences: sequences!, bytes: size };

  async function consume(frame: Frame & { raw: Buffer }) {
    switch (frame.kind) {
      case 'T': {
        expect(current === undefined && sequences === undefined, 'a table begins inside another');
        const spec = json<TableSpec>(frame);
        expect(header!.tables.some((t) => t.schema === spec.schema && t.name === spec.name), `table ${spec.schema}.${spec.name} is not in the header`);
        current = { spec, rows: 0 };
        await sink?.table(spec);
        return;
      }
      case 'D':
        expect(current !== undefined, 'rows outside a table');
        current!.rows += countRows(frame.payload);
        await sink?.data(frame.payload);
        return;
      case 'E': {
        expect(current !== undefined, 'a table ends that never began');
        const declared = json<{ rows: number }>(frame).rows;
        expect(declared === current!.rows, `${current!.spec.schema}.${current!.spec.name} should have ${declared} rows but has ${current!.rows}`);
        rows[`${current!.spec.schema}.${current!.spec.name}`] = declared;
        await sink?.endTable(current!.spec, declared);
        current = undefined;
        return;
      }
      case 'S':
        expect(current === undefined && Object.keys(rows).length === header!.tables.length, 'tables are missing');
        sequences = json<SequenceValue[]>(frame);
        return;
      default:
        expect(false, `a second ${frame.kind} frame`);
    }
  }
}

function parseHeader(frame: Frame): BackupHeader {
  let h: BackupHeader;
  try {
    h = json<BackupHeader>(frame);
  } catch {
    throw new BackupFileError('Säkerhetskopians huvud går inte att läsa.', 'The header cannot be read.');
  }
  if (h.format !== FORMAT) throw new BackupFileError('Filen är ingen säkerhetskopia från Lyhörd.', 'Not a Lyhörd backup.');
  if (h.version > FORMAT_VERSION) {
    throw new BackupFileError(`Säkerhetskopian har format ${h.version}, som den här versionen av Lyhörd inte kan läsa. Uppgradera Lyhörd först.`, `Backup format ${h.version} is newer than this version reads.`);
  }
  return h;
}
