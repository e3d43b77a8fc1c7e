import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
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
 * The search as a to_tsquery('swedish', …) expression: every term must match (stemmed, so
 * "snöröjning" finds "snöröjningen"); a term no published answer contains may instead match the
 * words spelled most like it (a typo still finds something). Operands are letters and digits only.
 */
export async function archiveTsQuery(db: Executor, organizationId: string, terms: readonly string[]): Promise<string> {
  const similar = await similarWords(db, organizationId, terms);
  return terms.map((t) => `(${[t, ...(similar.get(t) ?? [])].join(' | ')})`).join(' & ');
}

const publicRows = (db: Executor, organizationId: string) =>
  db
    .selectFrom('publications as p')
    .leftJoin('categories as a', 'a.id', 'p.area_id')
    .leftJoin('org_units as f', 'f.id', 'p.forvaltning_id')
    .where('p.organization_id', '=', organizationId)
    .where('p.public_version_id', 'is not', null);

/** One page of the archive, newest first; hasMore says whether there is a next page. */
export async function searchArchive(db: Executor, organizationId: string, filter: ArchiveFilter) {
  const terms = searchTerms(filter.q ?? '');
  const tsquery = terms.length > 0 ? await archiveTsQuery(db, organizationId, terms) : null;
  let q = publicRows(db, organizationId).select([
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
  ]);
  if (tsquery) q = q.where(sql<boolean>`p.search @@ to_tsquery('swedish', ${tsquery})`);
  if (filter.areaId) q = q.where('p.area_id', '=', filter.areaId);
  if (filter.forvaltningId) q = q.where('p.forvaltning_id', '=', filter.forvaltningId);
  if (filter.kind) q = q.where('p.kind', '=', filter.kind);
  const rows = await q
    .orderBy('p.first_published_at', 'desc')
    .orderBy('p.case_id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { items: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE, terms };
}
export type ArchiveItem = Awaited<ReturnType<typeof searchArchive>>['items'][number];

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
  return publicRows(db, organizationId)
    .select(['p.case_number', 'p.title', 'p.question', 'p.answer', 'a.name as area_name', 'f.name as forvaltning_name', 'p.first_published_at', 'p.published_at'])
    .orderBy('p.first_published_at', 'desc')
    .orderBy('p.case_id', 'desc')
    .limit(limit)
    .execute();
}

// Words too common to say what a text is about; also the labels that replace personal data.
const MAX_DOCUMENTS = 2000;
const SPECIFIC_WORDS = 6;
const LABEL_WORDS = new Set(['namn', 'personnummer', 'telefonnummer', 'post', 'adress', 'registreringsnummer', 'kontonummer']);

/**
 * "Has this been asked before?": up to three published answers that share at least two of the
 * most specific words of a citizen's text (those the fewest answers use), best match first.
 * Only rare words are used, so the answers ranked stay few however large the archive grows.
 */
export async function similarPublished(db: Executor, organizationId: string, text: string, limit = 3) {
  const words = wordsOf(text).filter((w) => w.length >= 4 && !LABEL_WORDS.has(w)).slice(0, 300);
  const counts = await documentCounts(db, organizationId, words);
  const specific = [...counts]
    .filter(([, n]) => n <= MAX_DOCUMENTS)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, SPECIFIC_WORDS)
    .map(([w]) => w);
  if (specific.length === 0) return [];
  const pairs: string[] = [];
  for (let i = 0; i < specific.length; i++) for (let j = i + 1; j < specific.length; j++) pairs.push(`(${specific[i]} & ${specific[j]})`);
  const query = pairs.length > 0 ? pairs.join(' | ') : specific[0]!;
  return publicRows(db, organizationId)
    .select(['p.case_number', 'p.title', sql<string>`left(p.answer, 200)`.as('excerpt'), 'p.first_published_at'])
    .where(sql<boolean>`p.search @@ to_tsquery('swedish', ${query})`)
    .orderBy(sql`ts_rank(p.search, to_tsquery('swedish', ${query}))`, 'desc')
    .orderBy('p.first_published_at', 'desc')
    .limit(limit)
    .execute();
}
