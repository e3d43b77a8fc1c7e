import { sql, type RawBuilder } from 'kysely';
import { wordForms } from '../../platform/swedishWordForms.ts';

/*
 * Free-text search of the case's words (cases.search, to_tsvector('swedish', …)). The Swedish
 * stemmer leaves the commonest definite endings ("förskolan", "huset", "snön"), so each plain word
 * is asked for in its other forms too (platform/swedishWordForms.ts).
 */

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
