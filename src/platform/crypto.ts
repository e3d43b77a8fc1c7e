import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { installationSecret } from './secrets.ts';

/**
 * Symmetric encryption (AES-256-GCM) of small secrets kept in the database: an OIDC client secret,
 * a TOTP seed. The key is an installation secret; a database dump without it is still a leak,
 * but an admin page, a log or a backup of one table never shows the value.
 */
export interface Sealer {
  seal(plain: string, context: string): Buffer;
  open(sealed: Buffer, context: string): string;
}

export function sealerFor(key: Buffer): Sealer {
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed, context) {
      if (sealed[0] !== 1) throw new Error('unknown sealed format');
      const iv = sealed.subarray(1, 13);
      const tag = sealed.subarray(13, 29);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

export async function installationSealer(db: Db): Promise<Sealer> {
  return sealerFor(await installationSecret(db, 'sealing-key'));
}
