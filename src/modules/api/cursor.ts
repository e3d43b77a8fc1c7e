import { invalid } from './validation.ts';

/**
 * A sync position: the last change seen (its time, to the microsecond PostgreSQL keeps, and the
 * case id that breaks ties), opaque to integrations.
 */
export interface Position {
  updatedAt: Date;
  id: string;
}

export const encodeCursor = (p: Position) => Buffer.from(`${p.updatedAt.toISOString()}|${p.id}`).toString('base64url');

export function decodeCursor(cursor: string): Position {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(updatedAt.getTime())) throw invalid({ cursor: 'Ogiltig cursor. Använd nextCursor från förra svaret.' });
  return { updatedAt, id };
}
