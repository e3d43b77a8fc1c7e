import { PassThrough } from 'node:stream';
import { csvField } from '../../platform/spreadsheet.ts';
import type { AuditRow } from './queries.ts';

/**
 * The admin log as CSV for a SIEM or a spreadsheet: UTF-8 with a byte order mark and semicolons
 * (what Swedish Excel opens directly), RFC 4180 quoting, times in UTC (ISO 8601).
 */
export const AUDIT_CSV_COLUMNS = ['id', 'tidpunkt_utc', 'utförare_id', 'utförare', 'åtgärd', 'objekttyp', 'objekt_id', 'förvaltning', 'sammanfattning', 'före', 'efter'];

const jsonOrEmpty = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export function auditCsvLine(r: AuditRow): string {
  return [r.id, r.occurred_at.toISOString(), r.actor_user_id, r.actor_label, r.action, r.entity_type, r.entity_id, r.forvaltning_name, r.summary, jsonOrEmpty(r.before), jsonOrEmpty(r.after)].map(csvField).join(';') + '\r\n';
}

/** Streams the CSV from batches of rows; a database error ends the stream with that error. */
export function auditCsv(batches: AsyncIterable<AuditRow[]>): PassThrough {
  const out = new PassThrough();
  (async () => {
    out.write('\ufeff' + AUDIT_CSV_COLUMNS.join(';') + '\r\n');
    for await (const rows of batches) {
      if (!out.write(rows.map(auditCsvLine).join(''))) await new Promise((r) => out.once('drain', r));
    }
    out.end();
  })().catch((err) => out.destroy(err));
  return out;
}
