import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * The backup file: gzip around a sequence of frames, each one byte of kind, four bytes of length
 * (big-endian) and the payload:
 *   H  header (JSON: format, versions, migrations, tables)   once, first
 *   T  a table begins (JSON: schema, name, columns)
 *   D  rows of that table in COPY text format (any number)
 *   E  the table ends (JSON: rows)
 *   S  sequence values (JSON)
 *   Z  trailer (JSON: SHA-256 of every frame before it)         once, last
 * gzip's own CRC finds damaged bytes, the trailer finds a file cut short at a frame boundary, and
 * the row counts in E are checked against the rows read, so a damaged or truncated file is
 * refused before anything is restored.
 */
export const FORMAT = 'lyhord-backup';
export const FORMAT_VERSION = 1;
export const FILE_SUFFIX = '.lyhord-backup';
const MAX_FRAME = 16 * 1024 * 1024;

export type FrameKind = 'H' | 'T' | 'D' | 'E' | 'S' | 'Z';
export interface Frame {
  kind: FrameKind;
  payload: Buffer;
}

export interface TableSpec {
  schema: string;
  name: string;
  columns: string[];
}

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  app: string;
  postgres: string;
  database: string;
  /** Our migrations the database had, in order: a restore migrates to exactly these first. */
  migrations: string[];
  /** graphile-worker's schema revision (the job queue's tables are in the backup too). */
  jobQueueRevision: number;
  tables: TableSpec[];
}

export interface SequenceValue {
  schema: string;
  name: string;
  lastValue: string;
  isCalled: boolean;
  /**
   * How to create it again when the migrations do not (sequences made while the app runs, such
   * as the case-number sequence of each organization and year); absent for identity columns'.
   */
  create?: { dataType: string; start: string; min: string; max: string; increment: string; cache: string; cycle: boolean };
}

export class BackupFormatError extends Error {}

export function encodeFrame(kind: FrameKind, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Appends the frames it is given to a running SHA-256, which the trailer carries. */
export function frameHasher(): { update(frame: Buffer): void; digest(): string } {
  const hash: Hash = createHash('sha256');
  return { update: (f) => hash.update(f), digest: () => hash.digest('hex') };
}

/** Splits a byte stream into frames; a stream that ends inside a frame is an error. */
export class FrameParser extends Transform {
  private buffered: Buffer[] = [];
  private size = 0;

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buffered.push(chunk);
    this.size += chunk.length;
    try {
      this.drain();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.size === 0 ? null : new BackupFormatError(`the file ends in the middle of a frame (${this.size} bytes left over)`));
  }

  private drain(): void {
    let all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    let offset = 0;
    while (all.length - offset >= 5) {
      const kind = all.toString('latin1', offset, offset + 1) as FrameKind;
      if (!'HTDESZ'.includes(kind)) throw new BackupFormatError(`unknown frame kind ${JSON.stringify(kind)} at a frame boundary`);
      const length = all.readUInt32BE(offset + 1);
      if (length > MAX_FRAME) throw new BackupFormatError(`a frame claims ${length} bytes`);
      if (all.length - offset - 5 < length) break;
      this.push({ kind, payload: all.subarray(offset + 5, offset + 5 + length), raw: all.subarray(offset, offset + 5 + length) });
      offset += 5 + length;
    }
    all = all.subarray(offset);
    this.buffered = all.length ? [all] : [];
    this.size = all.length;
  }
}

/** Frames with their raw bytes (for the trailer's hash), from a decompressed stream. */
export async function* readFrames(decompressed: Readable): AsyncGenerator<Frame & { raw: Buffer }> {
  const parser = decompressed.pipe(new FrameParser());
  decompressed.once('error', (err) => parser.destroy(err));
  for await (const frame of parser) yield frame as Frame & { raw: Buffer };
}

export const json = <T>(f: Frame): T => JSON.parse(f.payload.toString('utf8')) as T;

/** Rows in a chunk of COPY text: one per line (line breaks inside values are escaped). */
export function countRows(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}
