import type { Db } from '../../db/database.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { Altcha, DEFAULT_ALTCHA, type AltchaSettings } from './altcha.ts';
import { elapsedSinceFormStarted, formStartedToken } from './formTiming.ts';
import { DEFAULT_RATE_LIMITS, SubmissionRateLimiter, type RateLimits } from './rateLimit.ts';

/**
 * Spam and abuse protection of the citizen form, without third parties: a proof of work when
 * JavaScript runs (ALTCHA), and for every submission a honeypot field, a minimum time between
 * showing the form and sending it, and rate limits. A refusal says what to do in the reader's
 * language, and the form comes back with everything written kept.
 */
export interface SpamSettings {
  /** Seconds a person needs at least between opening the form and sending it; 0 turns the check off. */
  minFillSeconds: number;
  rate: RateLimits;
  altcha: AltchaSettings;
}

export const DEFAULT_SPAM: SpamSettings = { minFillSeconds: 3, rate: DEFAULT_RATE_LIMITS, altcha: DEFAULT_ALTCHA };

/** The form's fields that carry the checks; none of them is part of the case. */
export const SPAM_FIELDS = { honeypot: 'webbplats', started: 'formStarted', proof: 'altcha' } as const;

export type SpamRefusal = { status: 400 | 429; message: MessageKey; retryAfterSeconds?: number };

export class SpamGuard {
  readonly altcha: Altcha;
  private readonly limiter: SubmissionRateLimiter;

  constructor(
    db: Db,
    private readonly secret: Buffer,
    private readonly settings: SpamSettings = DEFAULT_SPAM,
  ) {
    this.altcha = new Altcha(db, secret, settings.altcha);
    this.limiter = new SubmissionRateLimiter(db, secret, settings.rate);
  }

  /** The signed time the form is shown at, for its hidden field. */
  started(organizationId: string, now: Date): string {
    return formStartedToken(this.secret, organizationId, now);
  }

  /** Counted for every post that would be stored (the form is valid), before the other checks: a flood of them is turned away before anything is written. */
  async rate(organizationId: string, address: string, now: Date): Promise<SpamRefusal | null> {
    const v = await this.limiter.check(organizationId, address, now);
    if (v.ok) return null;
    return { status: 429, message: v.scope === 'address' ? 'spam.rate.address' : 'spam.rate.organization', retryAfterSeconds: v.retryAfterSeconds };
  }

  /** For a submission that is otherwise valid: honeypot, fill time, and the proof of work when one was sent. */
  async check(organizationId: string, fields: Record<string, unknown>, now: Date): Promise<SpamRefusal | null> {
    const field = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : Array.isArray(fields[name]) ? null : '');
    const honeypot = field(SPAM_FIELDS.honeypot);
    if (honeypot === null || honeypot.trim() !== '') return { status: 400, message: 'spam.refused' };
    if (this.settings.minFillSeconds > 0) {
      const elapsed = elapsedSinceFormStarted(this.secret, organizationId, field(SPAM_FIELDS.started) ?? '', now);
      if (elapsed === null || elapsed < this.settings.minFillSeconds * 1000) return { status: 400, message: 'spam.tooFast' };
    }
    const proof = field(SPAM_FIELDS.proof);
    // No proof at all is a browser without JavaScript: the checks above carry it.
    if (proof === null || (proof !== '' && (await this.altcha.verify(proof)) !== 'verified')) return { status: 400, message: 'spam.proof' };
    return null;
  }
}
