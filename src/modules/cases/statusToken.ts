import { hmac, sha256 } from '../../platform/secrets.ts';

/**
 * The submitter's private status link. Derived from the case id with the installation's secret,
 * so the server can put it in any later message (acknowledgement, answer) and a repeated post
 * of the same form leads to the same receipt, while the database holds only its SHA-256.
 * 256 bits, base64url: 43 characters.
 */
/** A status token as it appears in a link: 43 base64url characters. */
export const STATUS_TOKEN = '[A-Za-z0-9_-]{43}';

export function statusTokenFor(secret: Buffer, caseId: string): string {
  return hmac(secret, `status-token:${caseId}`).toString('base64url');
}

export const hashStatusToken = (token: string) => sha256(`status-token:${token}`);
