import { createHash, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
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

/**
 * Each secret as a KeyObject, made once. createHmac given a Buffer first tries it as a KeyObject
 * and a CryptoKey, and in Node 24 those failed checks cost some 50 µs (a thrown and caught error)
 * per call; given a KeyObject it takes 10 µs. A submission computes four.
 */
const keys = new WeakMap<Buffer, KeyObject>();

export function hmac(secret: Buffer, message: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(secret)));
  return createHmac('sha256', key).update(message).digest();
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

