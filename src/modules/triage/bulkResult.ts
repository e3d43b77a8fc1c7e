import { catalogueLabels } from '../cases/catalogueLabels.ts';
import { CASE_NUMBER } from '../cases/formInput.ts';
import { firstString } from '../../platform/formValue.ts';

/**
 * What a bulk action did, carried from the POST to the inbox it redirects to (Post/Redirect/Get) in
 * the query string, like the `?klart=` of the single-case pages. Only case numbers, the action and
 * reason codes travel: the words are the catalogue's, so a crafted link can make the summary say
 * nothing the system would not say itself.
 */
export const BULK_REFUSALS = catalogueLabels('triage.bulkRefusal', [
  'saknas',
  'andrat',
  'status',
  'behorighet',
  'ingen-forvaltning',
  'inget-omrade',
  'omrade',
  'enhet',
  'underkategori',
  'sekretess',
  'annat',
] as const);
export type BulkRefusal = keyof typeof BULK_REFUSALS;

export interface BulkResult<A extends string = string> {
  action: A;
  done: string[];
  refused: { number: string; reason: BulkRefusal }[];
}

/** As many as one form may send (bulk.ts MAX_CASES): a longer list did not come from this system. */
const MAX_LISTED = 200;

/** "atgard=registrera&gjorda=SYN-2026-00001,SYN-2026-00002&nekade=SYN-2026-00003:andrat"; nothing needs escaping. */
export function bulkResultQuery(r: BulkResult): string {
  const parts = [`atgard=${r.action}`];
  if (r.done.length > 0) parts.push(`gjorda=${r.done.join(',')}`);
  if (r.refused.length > 0) parts.push(`nekade=${r.refused.map((x) => `${x.number}:${x.reason}`).join(',')}`);
  return parts.join('&');
}

const list = (v: unknown) => firstString(v).split(',', MAX_LISTED + 1).filter(Boolean).slice(0, MAX_LISTED);

/** The summary in a query string; undefined when there is none. Case numbers of another form and unknown codes are left out. */
export function readBulkResult<A extends string>(query: unknown, actions: Record<A, string>): BulkResult<A> | undefined {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const action = firstString(q.atgard);
  if (!Object.hasOwn(actions, action)) return undefined;
  const done = list(q.gjorda).filter((n) => CASE_NUMBER.test(n));
  const refused = list(q.nekade).flatMap((item) => {
    const [number = '', reason = ''] = item.split(':');
    return CASE_NUMBER.test(number) && Object.hasOwn(BULK_REFUSALS, reason) ? [{ number, reason: reason as BulkRefusal }] : [];
  });
  return done.length + refused.length > 0 ? { action: action as A, done, refused } : undefined;
}
