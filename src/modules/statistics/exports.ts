import { sv } from '../../platform/i18n/catalogue.ts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PassThrough } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { CHANNEL_LABEL, KIND_LABEL, statusLabel } from '../cases/labels.ts';
import { STATUSES } from '../cases/lifecycle.ts';
import { applyFilter, scopeToActor, type CaseFilter } from '../cases/listQueries.ts';
import { can, type Actor } from '../cases/policy.ts';
import type { Channel, CaseKind } from '../../db/schema.ts';
import { csvField, defuseFormula } from '../../platform/spreadsheet.ts';
import { REFERRAL_LABEL } from './tables.ts';
import { FEW_TEXT, type Table } from './tableModel.ts';

/**
 * Exports: every statistic as CSV and XLSX, and the case list behind the statistics. Swedish
 * column names, dates as ISO 8601 (YYYY-MM-DD), numbers as numbers. CSV is what Swedish Excel
 * opens directly: semicolon-separated, UTF-8 with a byte order mark.
 */

const hasFew = (t: Table) => t.rows.some((r) => r.few || r.cells.some((c) => c.few));

function tableRows(t: Table): (string | number | null)[][] {
  const few = hasFew(t);
  const head = [...t.head, ...(few ? [sv('statistics.export.remark')] : [])];
  const rows = t.rows.map((r) => [r.header, ...r.cells.map((c) => c.v), ...(few ? [r.few || r.cells.some((c) => c.few) ? FEW_TEXT : null] : [])]);
  // Unit and category names are typed by admins: defused in XLSX too, since a sheet saved as CSV runs them.
  return [head, ...rows].map((r) => r.map(defuseFormula));
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string, used: Set<string>) => {
  let name = s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  for (let i = 2; used.has(name); i++) name = `${s.slice(0, 28)} ${i}`;
  used.add(name);
  return name;
};

export async function tablesToXlsx(tables: Table[], meta: { title: string; lines: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lyhörd';
  wb.title = meta.title;
  const used = new Set<string>();
  const info = wb.addWorksheet(sheetName(sv('statistics.export.infoSheet'), used));
  info.addRow([meta.title]).font = { bold: true, size: 14 };
  for (const l of meta.lines) info.addRow([l]);
  info.getColumn(1).width = 100;
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.title, used));
    ws.addRow([t.title]).font = { bold: true };
    const [head, ...rows] = tableRows(t);
    const h = ws.addRow(head!);
    h.font = { bold: true };
    for (const r of rows) ws.addRow(r);
    if (t.note) ws.addRow([]), ws.addRow([t.note]);
    ws.getColumn(1).width = 42;
    for (let i = 2; i <= head!.length; i++) ws.getColumn(i).width = 18;
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function tableToCsv(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of tableRows(t)) ws.addRow(r);
  const body = Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { delimiter: ';' } }));
  return Buffer.concat([Buffer.from('\ufeff'), body]);
}

// ---- The case list ----

export interface CaseExportOptions {
  actor: Actor;
  filter: CaseFilter;
  today: string;
  /** Asked for, and allowed per case by the policy (view_contact). */
  personalData: boolean;
}

const BASE_COLUMNS = (
  [
    'caseNumber',
    'received',
    'kind',
    'channel',
    'status',
    'group',
    'referral',
    'forvaltning',
    'unit',
    'area',
    'subcategory',
    'confidential',
    'acknowledgeBy',
    'acknowledged',
    'answerBy',
    'answered',
    'closed',
    'responseWorking',
    'responseCalendar',
    'handlingWorking',
    'handlingCalendar',
  ] as const
).map((c) => sv(`statistics.caseExport.column.${c}`));
const PERSONAL_COLUMNS = (['contactName', 'email', 'phone', 'address', 'handler', 'description'] as const).map((c) => sv(`statistics.caseExport.column.${c}`));

const GROUP_LABEL: Record<string, string> = {
  main: sv('statistics.caseExport.group.main'),
  internal: sv('statistics.caseExport.group.internal'),
  referral: sv('statistics.caseExport.group.referral'),
  merged: sv('statistics.caseExport.group.merged'),
  not_handled: sv('statistics.caseExport.group.notHandled'),
  spam: sv('statistics.caseExport.group.spam'),
};

type ExportRow = (string | number | null)[];

/** Yields the rows in batches (keyset pagination), so a large export never sits in memory whole. */
async function* caseRows(db: Db, o: CaseExportOptions): AsyncGenerator<ExportRow[]> {
  let after: { received: Date; id: string } | null = null;
  for (;;) {
    let qb = applyFilter(scopeToActor(db.selectFrom('cases as c'), o.actor), o.filter, o.today, o.actor)
      .innerJoin('case_stats as s', 's.case_id', 'c.id')
      .leftJoin('org_units as u', 'u.id', 'c.unit_id')
      .leftJoin('org_units as f', (j) => j.on(sql<boolean>`f.id = u.ancestor_ids[1]`))
      .leftJoin('categories as a', 'a.id', 'c.area_id')
      .leftJoin('categories as sc', 'sc.id', 'c.subcategory_id')
      .leftJoin('case_contacts as k', 'k.case_id', 'c.id')
      .leftJoin('users as h', 'h.id', 'c.handler_id')
      .select([
        'c.id',
        'c.number',
        'c.received_at',
        'c.kind',
        'c.channel',
        'c.status',
        'c.confidential',
        'c.handler_id',
        'c.organization_id',
        'c.description',
        's.grp',
        's.referral_type',
        's.received_on',
        's.acknowledge_by',
        's.acknowledged_on',
        's.answer_by',
        's.answered_on',
        's.closed_on',
        's.response_wd',
        's.handling_wd',
        sql<number | null>`s.answered_on - s.received_on`.as('response_cd'),
        sql<number | null>`s.closed_on - s.received_on`.as('handling_cd'),
        'u.name as unit_name',
        'u.ancestor_ids',
        'f.name as forvaltning_name',
        'a.name as area_name',
        'sc.name as subcategory_name',
        'k.name as contact_name',
        'k.email as contact_email',
        'k.phone as contact_phone',
        'k.address as contact_address',
        'h.name as handler_name',
      ])
      .orderBy('c.received_at')
      .orderBy('c.id')
      .limit(2000);
    if (after) {
      const a = after;
      qb = qb.where((eb) => eb.or([eb('c.received_at', '>', a.received), eb.and([eb('c.received_at', '=', a.received), eb('c.id', '>', a.id)])]));
    }
    const rows = await qb.execute();
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const base: ExportRow = [
        r.number,
        r.received_on,
        KIND_LABEL[r.kind as CaseKind],
        CHANNEL_LABEL[r.channel as Channel],
        statusLabel(r.status),
        GROUP_LABEL[r.grp] ?? r.grp,
        r.referral_type ? REFERRAL_LABEL(r.referral_type) : '',
        r.forvaltning_name ?? '',
        r.unit_name ?? '',
        r.area_name ?? '',
        r.subcategory_name ?? '',
        sv(r.confidential ? 'statistics.caseExport.yes' : 'statistics.caseExport.no'),
        r.acknowledge_by,
        r.acknowledged_on,
        r.answer_by,
        r.answered_on,
        r.closed_on,
        r.response_wd,
        r.response_cd,
        r.handling_wd,
        r.handling_cd,
      ];
      if (!o.personalData) return base;
      const allowed = can(o.actor, 'view_contact', {
        organizationId: r.organization_id,
        status: r.status as (typeof STATUSES)[number],
        unitPath: r.ancestor_ids ?? [],
        handlerId: r.handler_id,
        confidential: r.confidential,
      });
      return allowed
        ? [...base, r.contact_name ?? '', r.contact_email ?? '', r.contact_phone ?? '', r.contact_address ?? '', r.handler_name ?? '', r.description]
        : [...base, '', '', '', '', '', ''];
    });
    const last = rows[rows.length - 1]!;
    after = { received: last.received_at, id: last.id };
  }
}

/** The case list as CSV, streamed. */
export function caseListCsv(db: Db, o: CaseExportOptions): PassThrough {
  const out = new PassThrough();
  (async () => {
    out.write('\ufeff' + [...BASE_COLUMNS, ...(o.personalData ? PERSONAL_COLUMNS : [])].map(csvField).join(';') + '\r\n');
    for await (const batch of caseRows(db, o)) out.write(batch.map((r) => r.map(csvField).join(';') + '\r\n').join(''));
    out.end();
  })().catch((err) => out.destroy(err));
  return out;
}

/** The case list as XLSX, streamed with ExcelJS's streaming writer. */
export function caseListXlsx(db: Db, o: CaseExportOptions): PassThrough {
  const out = new PassThrough();
  (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const ws = wb.addWorksheet(sv('statistics.caseExport.sheet'));
    ws.columns = [...BASE_COLUMNS, ...(o.personalData ? PERSONAL_COLUMNS : [])].map((h, i) => ({ header: h, width: i === 0 ? 18 : 16 }));
    ws.getRow(1).font = { bold: true };
    for await (const batch of caseRows(db, o)) for (const r of batch) ws.addRow(r.map(defuseFormula)).commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

export const CASE_EXPORT_COLUMNS = { base: BASE_COLUMNS, personal: PERSONAL_COLUMNS };
