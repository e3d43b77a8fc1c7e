import { sv, type MessageKey, type Values } from './i18n/catalogue.ts';

/** The one domain error type: a code the error handler maps to a status and a page or JSON body. */
export class DomainError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unsupported_media_type' | 'too_many_requests' | 'gone',
    message: string,
    readonly details?: Record<string, string>,
    /** The message in the catalogue, so a citizen's error page says it in their language. */
    readonly messageKey?: { key: MessageKey; values?: Values },
  ) {
    super(message);
  }

  /** An error a citizen may see: its message comes from the catalogue (in Swedish for logs, staff and the API). */
  static citizen(code: DomainError['code'], key: MessageKey, values?: Values): DomainError {
    return new DomainError(code, sv(key, values), undefined, { key, values });
  }

  get status(): number {
    return {
      not_found: 404,
      conflict: 409,
      invalid: 400,
      forbidden: 404, // what a user may not see does not exist for them
      unsupported_media_type: 415,
      too_many_requests: 429,
      // Disposed of under the retention schedule (gallrat): it existed, and never will again.
      gone: 410,
    }[this.code];
  }
}

export const notFound = (what = 'Sidan') => new DomainError('not_found', `${what} finns inte.`);
