import type { Executor } from '../../db/database.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';

export const SESSION_COOKIE = 'lyhord_session';
/** A working day plus margin; sign in again the next morning. */
export const SESSION_HOURS = 10;

export const hashSessionId = (id: string) => sha256(`session:${id}`);

export async function createSession(db: Executor, userId: string, now: Date): Promise<string> {
  const id = randomToken(32);
  await db
    .insertInto('sessions')
    .values({ id_hash: hashSessionId(id), user_id: userId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000) })
    .execute();
  return id;
}

export async function destroySession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSessionId(id)).execute();
}
