/** The one domain error type: a code the error handler maps to a status and a page or JSON body. */
export class DomainError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unsupported_media_type' | 'too_many_requests',
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return {
      not_found: 404,
      conflict: 409,
      invalid: 400,
      forbidden: 404, // what a user may not see does not exist for them
      unsupported_media_type: 415,
      too_many_requests: 429,
    }[this.code];
  }
}

export const notFound = (what = 'Sidan') => new DomainError('not_found', `${what} finns inte.`);
