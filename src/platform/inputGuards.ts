import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors.ts';

/**
 * NUL (U+0000) is in no text a person types, and PostgreSQL cannot store it in a text column: left
 * alone it would end a request in a database error. Refused up front, wherever it comes.
 */
export function containsNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 32 || v === null || typeof v !== 'object') return false;
  if (Buffer.isBuffer(v)) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || containsNul(x, depth + 1)) return true;
  return false;
}

export const nulRefused = () => DomainError.citizen('invalid', 'error.nulCharacter');

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes NUL out of its form fields itself and asks the person to look the text over (the citizen form). */
    nulInBodyHandled?: boolean;
  }
}

/** preValidation for every route: the query, the path parameters and a parsed body (files are read by their routes). */
export async function refuseNul(req: FastifyRequest): Promise<void> {
  if (req.url.includes('%00') || containsNul(req.query) || containsNul(req.params)) throw nulRefused();
  if (!req.routeOptions.config.nulInBodyHandled && containsNul(req.body)) throw nulRefused();
}
