import { sql, type RawBuilder } from 'kysely';

/**
 * Free-text search of the case's words (cases.search, to_tsvector('swedish', …)).
 *
 * PostgreSQL's Swedish Snowball stemmer strips plural and some definite endings but not the
 * commonest definite ones: "förskolan", "biblioteket" and "snön" stay whole while "förskola",
 * "bibliotek" and "snö" become 'förskol', 'bibliotek', 'snö', so a noun in one form never found
 * it in the other. No Swedish dictionary ships with PostgreSQL, so the search asks for each
 * word's other forms too: a definite form also as the indefinite it was made from, an indefinite
 * also with the definite endings (-n/-t after a vowel, -en/-et after a consonant). The
 * alternatives go through the same stemmer, so they meet the stored words on their own terms;
 * the index and its column stay as they are.
 */
export function wordForms(word: string): string[] {
  const w = word.normalize('NFC').toLowerCase();
  if (!/^\p{L}{2,40}$/u.test(w)) return [w];
  const forms = new Set([w]);
  const vowelEnd = /[aeiouyåäö]$/.test(w);
  // Indefinite → definite (sg.), genitive forms are stemmed to these.
  if (vowelEnd) forms.add(`${w}n`).add(`${w}t`);
  else forms.add(`${w}en`).add(`${w}et`);
  // Definite → indefinite, with at least three letters left (so "ön", "sten" stay whole).
  let m = /^(\p{L}{3,})e[nt]s?$/u.exec(w);
  if (m) forms.add(m[1]!);
  m = /^(\p{L}{2,}[aeiouyåäö])[nt]s?$/u.exec(w);
  if (m) forms.add(m[1]!);
  return [...forms];
}

/** websearch_to_tsquery's operators: a quoted phrase, a leading minus, "or". */
const OPERATORS = /["]|(^|\s)-|(^|\s)or(\s|$)/i;

/**
 * The tsquery for a search string. Plain words (what the hint invites) must each match in some
 * form; a query that uses websearch operators keeps websearch_to_tsquery's meaning as written.
 * A stop word ("och") stays out, as websearch_to_tsquery leaves it out: its invented forms must
 * not turn it into a word every match has to contain.
 */
export function searchTsQuery(q: string): RawBuilder<unknown> {
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 16);
  if (OPERATORS.test(q) || words.length === 0) return sql`websearch_to_tsquery('swedish', ${q})`;
  const terms = words.map((word) => {
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const forms = bare ? wordForms(bare) : [word];
    const any = sql.join(
      forms.map((f) => sql`websearch_to_tsquery('swedish', ${f})`),
      sql` || `,
    );
    return forms.length === 1 ? any : sql`(CASE WHEN numnode(websearch_to_tsquery('swedish', ${bare})) = 0 THEN ''::tsquery ELSE ${any} END)`;
  });
  return sql`(${sql.join(terms, sql` && `)})`;
}

/** A bare running number ("17", "00017"): the case numbers it may be the end of. */
export const RUNNING_NUMBER = /^\d{1,6}$/;

/**
 * The case numbers a bare running number stands for: every prefix of the installation with every
 * year since 2000, as one array computed once per statement (an InitPlan), so the case number's
 * index finds them instead of a pattern read on every row.
 */
export function runningNumberMatches(q: string, today: string): RawBuilder<boolean> {
  const padded = q.padStart(5, '0');
  return sql<boolean>`c.number = ANY (ARRAY(SELECT o.case_prefix || '-' || y || '-' || ${padded}::text FROM organizations o CROSS JOIN generate_series(2000, ${Number(today.slice(0, 4)) + 1}) y WHERE o.case_prefix IS NOT NULL))`;
}
