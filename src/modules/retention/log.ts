import { csvField } from '../../platform/spreadsheet.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** The disposal log: what remains of disposed cases. Newest first, paged, optionally by date. */
export interface LogFilter {
  /** YYYY-MM-DD, Swedish dates of disposal, inclusive. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function disposalLog(db: Executor, organizationId: string, f: LogFilter) {
  const rows = await db
    .selectFrom('disposal_log')
    .select(['id', 'case_number', 'received_on', 'kind', 'area_name', 'forvaltning_name', 'closed_on', 'rule_text', 'rule_decision_ref', 'decision_ref', 'disposed_at', 'disposed_by_label'])
    .where('organization_id', '=', organizationId)
    .$if(!!f.from, (q) => q.where(sql<boolean>`disposed_at >= (${f.from}::date::timestamp AT TIME ZONE 'Europe/Stockholm')`))
    .$if(!!f.to, (q) => q.where(sql<boolean>`disposed_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`))
    .orderBy('disposed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize + 1)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: rows.slice(0, f.pageSize), hasMore: rows.length > f.pageSize };
}
export type LogRow = Awaited<ReturnType<typeof disposalLog>>['rows'][number];

/** The log entry of a disposed case, for the 410 answer and the case page. */
export async function disposalOf(db: Executor, organizationId: string, number: string) {
  return db
    .selectFrom('disposal_log')
    .select(['case_number', 'disposed_at', 'decision_ref', 'rule_text'])
    .where('organization_id', '=', organizationId)
    .where('case_number', '=', number)
    .executeTakeFirst();
}

export const CSV_HEADER = ['Ärendenummer', 'Inkom', 'Typ', 'Område', 'Förvaltning', 'Avslutat', 'Regel', 'Regelns beslut', 'Beslut om gallring', 'Gallrat', 'Gallrat av'];

/** Semicolon-separated, as Swedish spreadsheets expect, with a BOM so Excel reads UTF-8. */
export function logCsv(rows: LogRow[]): string {
  const lines = [CSV_HEADER, ...rows.map((r) => [r.case_number, r.received_on, r.kind, r.area_name, r.forvaltning_name, r.closed_on, r.rule_text, r.rule_decision_ref, r.decision_ref, r.disposed_at, r.disposed_by_label])];
  return `\uFEFF${lines.map((l) => l.map(csvField).join(';')).join('\r\n')}\r\n`;
}
