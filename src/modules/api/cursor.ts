import { invalid } from './validation.ts';

/**
 * A sync position: the last change seen (its time in microseconds since 1970, as PostgreSQL
 * keeps it, and the case id that breaks ties), opaque to integrations.
 */
export interface Position {
  updatedMicros: string;
  id: string;
}

export const encodeCursor = (p: Position) => Buffer.from(`${p.updatedMicros}|${p.id}`).toString('base64url');

export function decodeCursor(cursor: string): Position {
  const [micros, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || !micros || !/^\d{1,17}$/.test(micros)) throw invalid({ cursor: 'Ogiltig cursor. Använd nextCursor från förra svaret.' });
  return { updatedMicros: micros, id };
}
