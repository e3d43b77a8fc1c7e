import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Db } from '../../db/database.ts';
import { hmac } from '../../platform/secrets.ts';

/**
 * ALTCHA, self-hosted: the browser proves a little work (PBKDF2 in a Web Worker) before the form
 * is sent; nothing leaves our origin, no cookie is set. The challenge is signed with an
 * installation secret, so a forged one fails; a solved one is spent in PostgreSQL, so a replayed
 * one fails, on every app process alike. altcha-lib checks expiry against the system clock.
 */

const ALGORITHM = 'PBKDF2/SHA-256';
/** Challenges live this long: time enough to write a long text. */
export const CHALLENGE_SECONDS = 2 * 3600;

export interface AltchaSettings {
  /** PBKDF2 iterations per attempt. */
  cost: number;
  /** The solver tries counters from 0 up to one chosen at random below this. */
  maxCounter: number;
}

/** About a second's work on a phone, a fraction on a laptop; tuned in altcha.test.ts. */
export const DEFAULT_ALTCHA: AltchaSettings = { cost: 1000, maxCounter: 4000 };

export class Altcha {
  private readonly signatureSecret: string;
  private readonly keySecret: string;

  constructor(
    private readonly db: Db,
    secret: Buffer,
    private readonly settings: AltchaSettings = DEFAULT_ALTCHA,
  ) {
    this.signatureSecret = hmac(secret, 'altcha-signature').toString('hex');
    // With the derived key signed too, checking a solution is an HMAC, not the work itself.
    this.keySecret = hmac(secret, 'altcha-key').toString('hex');
  }

  challenge(): Promise<Challenge> {
    return createChallenge({
      algorithm: ALGORITHM,
      cost: this.settings.cost,
      counter: randomInt(this.settings.maxCounter, Math.floor(this.settings.maxCounter / 2)),
      deriveKey,
      expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
      hmacSignatureSecret: this.signatureSecret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  /**
   * Checks the widget's payload (base64 JSON): signed by us, not expired, solved, and not used
   * before. Anything else – malformed, forged, expired, replayed – is 'refused'.
   */
  async verify(raw: string): Promise<'verified' | 'refused'> {
    const payload = parse(raw);
    if (!payload) return 'refused';
    let result;
    try {
      result = await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, hmacSignatureSecret: this.signatureSecret, hmacKeySignatureSecret: this.keySecret });
    } catch {
      return 'refused';
    }
    if (!result.verified) return 'refused';
    const expiresAt = new Date((payload.challenge.parameters.expiresAt ?? Date.now() / 1000 + CHALLENGE_SECONDS) * 1000);
    const spent = await this.db
      .insertInto('altcha_spent')
      .values({ id: payload.challenge.parameters.nonce, expires_at: expiresAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return spent ? 'verified' : 'refused';
  }

  /** Spent challenges that have expired can no longer be replayed anyway. */
  async forgetExpired(now = new Date()): Promise<void> {
    await this.db.deleteFrom('altcha_spent').where('expires_at', '<', now).execute();
  }
}

function parse(raw: string): Payload | null {
  if (raw.length > 10_000) return null;
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Payload;
    const params = p?.challenge?.parameters;
    if (typeof params?.nonce !== 'string' || typeof p.solution?.counter !== 'number' || typeof p.solution?.derivedKey !== 'string') return null;
    return p;
  } catch {
    return null;
  }
}
