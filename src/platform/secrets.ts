import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

/**
 * A per-installation secret, created on first use and kept in the database so every app
 * instance against the same database derives the same values.
 */
export async function installationSecret(db: Db, name: string): Promise<Buffer> {
  await db
    .insertInto('installation_secrets')
    .values({ name, value: randomBytes(32) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('installation_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

export function hmac(secret: Buffer, message: string): Buffer {
  return createHmac('sha256', secret).update(message).digest();
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

