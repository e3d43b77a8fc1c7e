import { sv } from '../../platform/i18n/catalogue.ts';
import type { CaseKind, Channel } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { KINDS } from '../cases/labels.ts';
import { isMonth, lastHalfYear, reportPeriod, yearSoFar, type Period } from './period.ts';
import { CHANNEL_KEYS, GROUP_BYS, type GroupBy, type Names, type StatFilter } from './result.ts';
import { firstString } from '../../platform/formValue.ts';

/**
 * The statistics page's choices live in the query string (a GET form): every view can be
 * bookmarked and shared, and the page works without JavaScript. Names are Swedish: people see them.
 */
export interface StatForm {
  fran: string;
  till: string;
  enhet: string;
  typ: string;
  omrade: string;
  underkategori: string;
  kanal: string;
  gruppera: GroupBy;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const one = (q: Record<string, unknown>, k: string): string => firstString(q[k]).trim();

export function readStatForm(query: unknown, today: string, names: Names): { form: StatForm; period: Period; filter: StatFilter; groupBy: GroupBy; errors: FieldErrors } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const def = yearSoFar(today);
  const g = one(q, 'gruppera');
  const form: StatForm = {
    fran: one(q, 'fran') || def.from,
    till: one(q, 'till') || def.to,
    enhet: one(q, 'enhet'),
    typ: one(q, 'typ'),
    omrade: one(q, 'omrade'),
    underkategori: one(q, 'underkategori'),
    kanal: one(q, 'kanal'),
    gruppera: (GROUP_BYS as readonly string[]).includes(g) ? (g as GroupBy) : 'forvaltning',
  };
  const errors: FieldErrors = {};
  if (!isMonth(form.fran)) errors.fran = sv('statistics.form.fromInvalid');
  if (!isMonth(form.till)) errors.till = sv('statistics.form.toInvalid');
  if (!errors.fran && !errors.till && form.fran > form.till) errors.till = sv('statistics.form.toBeforeFrom');
  if (!errors.fran && !errors.till && Number(form.till.slice(0, 4)) * 12 + Number(form.till.slice(5)) - (Number(form.fran.slice(0, 4)) * 12 + Number(form.fran.slice(5))) >= 120) {
    errors.fran = sv('statistics.form.tooLong');
  }
  const period = errors.fran || errors.till ? def : { from: form.fran, to: form.till };

  // Values a person cannot pick in the form are ignored rather than reported.
  const filter: StatFilter = {};
  if (UUID.test(form.enhet) && names.units.has(form.enhet)) filter.unitId = form.enhet;
  else form.enhet = '';
  if ((KINDS as readonly string[]).includes(form.typ)) filter.kind = form.typ as CaseKind;
  else form.typ = '';
  if (UUID.test(form.omrade) && names.areas.has(form.omrade)) filter.areaId = form.omrade;
  else form.omrade = '';
  if (UUID.test(form.underkategori) && names.subcategories.has(form.underkategori)) filter.subcategoryId = form.underkategori;
  else form.underkategori = '';
  if ((CHANNEL_KEYS as readonly string[]).includes(form.kanal)) filter.channel = form.kanal as Channel;
  else form.kanal = '';
  return { form, period, filter, groupBy: form.gruppera, errors };
}

/** The query string for a form, for export links that repeat the page's choices. */
export function formQuery(form: StatForm): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v) p.set(k, v);
  return p.toString();
}

/** Committee report: ?namnd=<nämnd>|alla&period=2026-H1|2026 */
export interface ReportForm {
  namnd: string;
  period: string;
}

export const ALL_COMMITTEES = 'alla';

export function readReportForm(query: unknown, today: string, committees: string[]): { form: ReportForm; period: Period; errors: FieldErrors } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const namnd = one(q, 'namnd');
  const form: ReportForm = { namnd: namnd === ALL_COMMITTEES || committees.includes(namnd) ? namnd : (committees[0] ?? ALL_COMMITTEES), period: one(q, 'period') };
  if (!form.period) form.period = form.namnd === ALL_COMMITTEES ? String(Number(today.slice(0, 4)) - (today.slice(5, 7) === '12' ? 0 : 1)) : lastHalfYear(today);
  const errors: FieldErrors = {};
  let period = reportPeriod(form.period);
  if (!period) {
    errors.period = sv('statistics.form.reportPeriod');
    form.period = lastHalfYear(today);
    period = reportPeriod(form.period)!;
  }
  return { form, period, errors };
}
