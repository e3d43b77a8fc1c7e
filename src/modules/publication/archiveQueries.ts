import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
import { wordForms } from '../../platform/swedishWordForms.ts';
import { documentCounts, similarWords, wordsOf } from './lexicon.ts';

/**
 * Everything the public archive reads. Only the public copy in `publications` (the reviewed
 * version, present only while published) is ever selected: never a column of `cases`.
 */

export const PAGE_SIZE = 20;
export const MAX_QUERY = 200;
export const MAX_PAGE = 250;
const MAX_TERMS = 8;

export interface ArchiveFilter {
  q?: string;
  areaId?: string;
  forvaltningId?: string;
  kind?: CaseKind;
  page: number;
}

/** The words of a search as typed: letters and digits, lower case, at most eight. */
export function searchTerms(q: string): string[] {
  const terms = new Set<string>();
  for (const m of q.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    if (m[0].length >= 2 && m[0].length <= 40) terms.add(m[0]);
    if (terms.size === MAX_TERMS) break;
  }
  return [...terms];
}

/**
 * The search as a to_tsquery('swedish', …) expression: every term must match in some form
 * (stemmed, so "snöröjning" finds "snöröjningen"; and its other forms, so "förskola" finds
 * "förskolan", see platform/swedishWordForms.ts); a term no published answer contains may instead
 * match the words spelled most like it (a typo still finds something). Operands are letters and
 * digits only. A stop word ("och") keeps no forms: the stemmer drops it, and its invented forms
 * must not become words every answer has to contain.
 */
export async function archiveTsQuery(db: Executor, organizationId: string, terms: readonly string[]): Promise<string> {
  const [similar, stop] = await Promise.all([similarWords(db, organizationId, terms), stopWords(db, terms)]);
  return terms.map((t) => `(${[...(stop.has(t) ? [t] : wordForms(t)), ...(similar.get(t) ?? [])].join(' | ')})`).join(' & ');
}

/** The terms the Swedish configuration drops as stop words. */
async function stopWords(db: Executor, terms: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ t: string }>`SELECT t FROM unnest(${[...terms]}::text[]) AS t WHERE numnode(plainto_tsquery('swedish', t)) = 0`.execute(db);
  return new Set(rows.map((r) => r.t));
}

/** Published answers of one organization: the only rows the archive reads. */
const published = (db: Executor, organizationId: string) => db.selectFrom('publications as p').where('p.organization_id', '=', organizationId).where('p.public_version_id', 'is not', null);

/**
 * How many of the newest answers a search first looks through. The planner estimates a search
 * of several words as if the words were independent, while words on one subject go together:
 * "maten kall" was estimated at 60 answers and matched 2 500, and reading 2 500 rows spread over
 * the table to sort them is slow. Looking through the newest answers in date order costs at most
 * this many rows, all recent and so in memory; only a search that finds less than a page there
 * (rare words, deep pages) goes to the full-text index for everything, which is then cheap
 * because few answers match.
 */
export const SEARCH_WINDOW = 5000;

const tsMatch = (column: string, tsquery: string) => sql<boolean>`${sql.ref(column)} @@ to_tsquery('swedish', ${tsquery})`;

/** Published answers with the filter's area, förvaltning and kind. */
function filtered(db: Executor, organizationId: string, filter: ArchiveFilter) {
  let base = published(db, organizationId);
  if (filter.areaId) base = base.where('p.area_id', '=', filter.areaId);
  if (filter.forvaltningId) base = base.where('p.forvaltning_id', '=', filter.forvaltningId);
  if (filter.kind) base = base.where('p.kind', '=', filter.kind);
  return base;
}

/** The ids of one archive page, newest first; `window`: look only through that many newest answers. */
function pageIds(db: Executor, organizationId: string, filter: ArchiveFilter, tsquery: string | null, window?: number) {
  const base = filtered(db, organizationId, filter);
  const page = { limit: PAGE_SIZE + 1, offset: (filter.page - 1) * PAGE_SIZE };
  if (tsquery && window) {
    const newest = base.select(['p.case_id', 'p.first_published_at', 'p.search']).orderBy('p.first_published_at', 'desc').orderBy('p.case_id', 'desc').limit(window);
    return db
      .selectFrom(newest.as('w'))
      .select(['w.case_id', 'w.first_published_at'])
      .where(tsMatch('w.search', tsquery))
      .orderBy('w.first_published_at', 'desc')
      .orderBy('w.case_id', 'desc')
      .limit(page.limit)
      .offset(page.offset);
  }
  return (tsquery ? base.where(tsMatch('p.search', tsquery)) : base)
    .select(['p.case_id', 'p.first_published_at'])
    .orderBy('p.first_published_at', 'desc')
    .orderBy('p.case_id', 'desc')
    .limit(page.limit)
    .offset(page.offset);
}

/** One archive page with what the list shows, given the search as a tsquery expression (see archiveTsQuery). */
export function archivePageQuery(db: Executor, organizationId: string, filter: ArchiveFilter, tsquery: string | null, window?: number) {
  return db
    .selectFrom(pageIds(db, organizationId, filter, tsquery, window).as('i'))
    .innerJoin('publications as p', 'p.case_id', 'i.case_id')
    .leftJoin('categories as a', 'a.id', 'p.area_id')
    .leftJoin('org_units as f', 'f.id', 'p.forvaltning_id')
    .select([
      'p.case_number',
      'p.title',
      sql<string>`left(p.question, 280)`.as('excerpt'),
      sql<boolean>`length(p.question) > 280`.as('truncated'),
      'p.kind',
      'a.name as area_name',
      'f.name as forvaltning_name',
      'p.asked_on',
      'p.answered_on',
      'p.first_published_at',
    ])
    .orderBy('i.first_published_at', 'desc')
    .orderBy('i.case_id', 'desc');
}

/** One page of the archive, newest first; hasMore says whether there is a next page. */
export async function searchArchive(db: Executor, organizationId: string, filter: ArchiveFilter) {
  const terms = searchTerms(filter.q ?? '');
  const tsquery = terms.length > 0 ? await archiveTsQuery(db, organizationId, terms) : null;
  let rows = tsquery ? await archivePageQuery(db, organizationId, filter, tsquery, SEARCH_WINDOW).execute() : [];
  if (rows.length <= PAGE_SIZE) rows = await archivePageQuery(db, organizationId, filter, tsquery).execute();
  return { items: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE, terms };
}
export type ArchiveItem = Awaited<ReturnType<typeof searchArchive>>['items'][number];

/**
 * How many answers the search and filters match, counted up to the most the pages can show and
 * one more: asked only when a page past the end is asked for, to point at the last page.
 */
export async function countArchive(db: Executor, organizationId: string, filter: ArchiveFilter): Promise<number> {
  const terms = searchTerms(filter.q ?? '');
  const tsquery = terms.length > 0 ? await archiveTsQuery(db, organizationId, terms) : null;
  const base = filtered(db, organizationId, filter);
  const matching = (tsquery ? base.where(tsMatch('p.search', tsquery)) : base).select('p.case_id').limit(MAX_PAGE * PAGE_SIZE + 1);
  const row = await db.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One published answer by case number; `withdrawn` when it was public once and is not now. */
export async function findPublished(db: Executor, organizationId: string, number: string) {
  const row = await db
    .selectFrom('publications as p')
    .leftJoin('categories as a', 'a.id', 'p.area_id')
    .leftJoin('org_units as f', 'f.id', 'p.forvaltning_id')
    .select(['p.case_number', 'p.title', 'p.question', 'p.answer', 'p.kind', 'a.name as area_name', 'f.name as forvaltning_name', 'p.asked_on', 'p.answered_on', 'p.first_published_at', 'p.published_at', 'p.withdrawn_at'])
    .where('p.organization_id', '=', organizationId)
    .where('p.case_number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.title === null || row.question === null || row.answer === null) return row.withdrawn_at ? ({ withdrawn: true } as const) : undefined;
  return { withdrawn: false as const, ...row, title: row.title, question: row.question, answer: row.answer };
}
export type PublishedAnswer = Extract<NonNullable<Awaited<ReturnType<typeof findPublished>>>, { withdrawn: false }>;

/** The newest answers for the Atom feed, with their full text. */
export async function newestPublished(db: Executor, organizationId: string, limit = 30) {
  return published(db, organizationId)
    .leftJoin('categories as a', 'a.id', 'p.area_id')
    .leftJoin('org_units as f', 'f.id', 'p.forvaltning_id')
    .select(['p.case_number', 'p.title', 'p.question', 'p.answer', 'a.name as area_name', 'f.name as forvaltning_name', 'p.first_published_at', 'p.published_at'])
    .orderBy('p.first_published_at', 'desc')
    .orderBy('p.case_id', 'desc')
    .limit(limit)
    .execute();
}

// Labels that replace personal data say nothing about the subject.
const LABEL_WORDS = new Set(['namn', 'personnummer', 'telefonnummer', 'post', 'adress', 'registreringsnummer', 'kontonummer']);
const SPECIFIC_WORDS = 6;
/** Only the newest answers that match are ranked, so the work stays the same however many match. */
const RANKED = 50;

/**
 * "Has this been asked before?" as a tsquery expression: any two of the most specific words of
 * a citizen's text (those the fewest published answers use). Null when no word is specific enough.
 */
export async function similarTsQuery(db: Executor, organizationId: string, text: string): Promise<string | null> {
  const words = wordsOf(text).filter((w) => w.length >= 4 && !LABEL_WORDS.has(w)).slice(0, 300);
  const counts = await documentCounts(db, organizationId, words);
  // A word in a fifth of all answers (kommunen, tack, inte …) says nothing about this text.
  const most = Math.max(0, ...counts.values());
  const specific = [...counts]
    .filter(([, n]) => most < 100 || n <= most / 5)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, SPECIFIC_WORDS)
    .map(([w]) => w);
  if (specific.length === 0) return null;
  const pairs: string[] = [];
  for (let i = 0; i < specific.length; i++) for (let j = i + 1; j < specific.length; j++) pairs.push(`(${specific[i]} & ${specific[j]})`);
  return pairs.length > 0 ? pairs.join(' | ') : specific[0]!;
}

/** Up to `limit` published answers matching a similarTsQuery expression, best match first among the newest that match. */
export function similarQuery(db: Executor, organizationId: string, query: string, limit = 3) {
  const candidates = published(db, organizationId)
    .select(['p.case_id', 'p.first_published_at', 'p.search'])
    .where(tsMatch('p.search', query))
    .orderBy('p.first_published_at', 'desc')
    .limit(RANKED);
  const best = db
    .selectFrom(candidates.as('c'))
    .select(['c.case_id', 'c.first_published_at', sql<number>`ts_rank(c.search, to_tsquery('swedish', ${query}))`.as('rank')])
    .orderBy('rank', 'desc')
    .orderBy('c.first_published_at', 'desc')
    .limit(limit);
  return db
    .selectFrom(best.as('b'))
    .innerJoin('publications as p', 'p.case_id', 'b.case_id')
    .select(['p.case_number', 'p.title', sql<string>`left(p.answer, 200)`.as('excerpt'), 'p.first_published_at'])
    .orderBy('b.rank', 'desc')
    .orderBy('b.first_published_at', 'desc');
}

/** "Has this been asked before?": up to three published answers on the same subject as a citizen's text. */
export async function similarPublished(db: Executor, organizationId: string, text: string, limit = 3) {
  const query = await similarTsQuery(db, organizationId, text);
  return query ? similarQuery(db, organizationId, query, limit).execute() : [];
}
