import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { scopeToActor } from '../cases/listQueries.ts';
import { CASE_NUMBER } from '../cases/numbering.ts';
import { RUNNING_NUMBER, searchTsQuery } from '../cases/textSearch.ts';
import type { Actor } from '../cases/policy.ts';
import { phoneDigits, type InboxParams } from './inboxParams.ts';

const SORT_ORDER = {
  aldst: ['c.received_at', 'asc'],
  nyast: ['c.received_at', 'desc'],
  nummer: ['c.number', 'asc'],
} as const;

/** The SQL twin of phoneDigits() (inboxParams.ts), as bound values so no backslash is lost on the way. */
const NOT_DIGIT = '\\D';
const SWEDISH_PREFIX = '^(00)?46(?=\\d{7,})';

/** LIKE pattern for text anywhere, with the user's % and _ taken literally. */
const containing = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The registrar's inbox: everything received and not yet registered, searched, filtered and
 * sorted. The search finds a case by its number (whole, or the running number alone), by the
 * submitter's name, e-mail or phone (any notation), or by words of the text.
 */
export async function listInbox(db: Executor, actor: Actor, opts: { params: InboxParams; pageSize: number }) {
  const p = opts.params;
  let base = scopeToActor(db.selectFrom('cases as c'), actor).where('c.status', '=', 'received');
  if (p.typ) base = base.where('c.kind', '=', p.typ);
  if (p.kanal) base = base.where('c.channel', '=', p.kanal);
  if (p.forvaltning === 'ingen') base = base.where('c.suggested_unit_id', 'is', null);
  else if (p.forvaltning) base = base.where('c.suggested_unit_id', '=', p.forvaltning);
  if (p.q) {
    const q = p.q;
    const digits = phoneDigits(q);
    const number = CASE_NUMBER.test(q.toUpperCase()) ? q.toUpperCase() : RUNNING_NUMBER.test(q) ? `%-${q.padStart(5, '0')}` : null;
    base = base.where((eb) =>
      eb.or([
        ...(number ? [eb('c.number', 'like', number)] : []),
        eb(sql`c.search`, '@@', searchTsQuery(q)),
        eb.exists(
          eb
            .selectFrom('case_contacts as k')
            .select(sql`1`.as('one'))
            .whereRef('k.case_id', '=', 'c.id')
            .where((k) =>
              k.or([
                k('k.name', 'ilike', containing(q)),
                k('k.email', 'ilike', containing(q)),
                ...(digits.length >= 4 ? [k(sql`regexp_replace(regexp_replace(k.phone, ${NOT_DIGIT}, '', 'g'), ${SWEDISH_PREFIX}, '0')`, 'like', containing(digits))] : []),
              ]),
            ),
        ),
      ]),
    );
  }
  const [col, dir] = SORT_ORDER[p.sortering];
  const [rows, count] = await Promise.all([
    base
      .leftJoin('org_units as su', 'su.id', 'c.suggested_unit_id')
      .leftJoin('case_contacts as k', 'k.case_id', 'c.id')
      .select(['c.id', 'c.number', 'c.version', 'c.kind', 'c.channel', 'c.received_at', 'c.anonymous', 'c.confidential', 'c.is_internal', 'su.name as suggested_unit_name', 'k.name as contact_name', 'k.email as contact_email', sql<string>`left(c.description, 140)`.as('excerpt'), sql<boolean>`length(c.description) > 140`.as('excerpt_cut')])
      .orderBy(col, dir)
      .orderBy('c.id')
      .limit(opts.pageSize)
      .offset((p.sida - 1) * opts.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

/** Standard replies the organization has written for referrals and rejections, if any. */
export async function findReplyTemplate(db: Executor, organizationId: string, purpose: 'referral' | 'not_handled', referralType?: string) {
  let q = db
    .selectFrom('response_templates')
    .select(['title', 'body'])
    .where('organization_id', '=', organizationId)
    .where('purpose', '=', purpose)
    .where('active', '=', true);
  if (referralType) q = q.where('referral_type', '=', referralType);
  return q.orderBy('sort_order').executeTakeFirst();
}
