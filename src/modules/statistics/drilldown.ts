import type { CaseFilter } from '../cases/listQueries.ts';
import { firstDay, lastDay, type Period } from './period.ts';
import type { StatFilter } from './result.ts';
import { firstString } from '../../platform/formValue.ts';

/**
 * Drill-down: every number on the statistics pages links to the case list with a filter that
 * gives exactly the cases behind it (statistics.test.ts checks the totals with countCases). The
 * list is scoped to the person as the statistics are, so a link never shows more than they may see.
 */

/** A synpunkt in the statistics' sense: not referred elsewhere, not a merged duplicate, handled, not internal. */
export const MAIN: CaseFilter = { internal: false, referral: 'none', merged: false, handled: true };

export function baseFilter(f: StatFilter): CaseFilter {
  const out: CaseFilter = {};
  if (f.unitId) out.unitId = f.unitId;
  if (f.committee) out.committee = f.committee;
  if (f.kind) out.kind = [f.kind];
  if (f.areaId) out.areaId = f.areaId;
  if (f.subcategoryId) out.subcategoryId = f.subcategoryId;
  if (f.channel) out.channel = f.channel;
  return out;
}

export function receivedIn(p: Period): CaseFilter {
  return { receivedFrom: firstDay(p.from), receivedTo: lastDay(p.to) };
}

export function drill(f: StatFilter, ...parts: CaseFilter[]): CaseFilter {
  return Object.assign(baseFilter(f), ...parts);
}

const DEADLINE_PARAM = { ack_ok: 'bekraftad-i-tid', ack_late: 'bekraftad-for-sent', answer_ok: 'besvarad-i-tid', answer_late: 'besvarad-for-sent' } as const;
const yesNo = (b: boolean) => (b ? 'ja' : 'nej');

/** The case list URL for a filter, in the list's own (Swedish) parameter names. */
export function caseListHref(f: CaseFilter): string {
  const q = new URLSearchParams();
  q.set('vy', 'enhet');
  q.set('status', f.open ? 'oppna' : f.status?.length === 1 ? f.status[0]! : 'alla');
  if (f.kind?.length === 1) q.set('typ', f.kind[0]!);
  if (f.areaId) q.set('omrade', f.areaId === 'none' ? 'ingen' : f.areaId);
  if (f.unitId) q.set('enhet', f.unitId === 'none' ? 'ingen' : f.unitId);
  if (f.handlerId) q.set('handlaggare', f.handlerId);
  if (f.receivedFrom) q.set('fran', f.receivedFrom);
  if (f.receivedTo) q.set('till', f.receivedTo);
  if (f.overdue) q.set('forsenade', 'ja');
  if (f.q) q.set('q', f.q);
  if (f.subcategoryId) q.set('underkategori', f.subcategoryId === 'none' ? 'ingen' : f.subcategoryId);
  if (f.channel) q.set('kanal', f.channel);
  if (f.unitExact) q.set('enhet-exakt', f.unitExact);
  if (f.committee) q.set('namnd', f.committee);
  if (f.referral) q.set('hanvisning', f.referral === 'none' ? 'ingen' : f.referral === 'any' ? 'alla' : f.referral);
  if (f.merged !== undefined) q.set('sammanslagen', yesNo(f.merged));
  if (f.internal !== undefined) q.set('intern', yesNo(f.internal));
  if (f.handled !== undefined) q.set('handlagd', yesNo(f.handled));
  if (f.spam !== undefined) q.set('skrap', yesNo(f.spam));
  if (f.answered !== undefined) q.set('besvarad', yesNo(f.answered));
  if (f.deadline) q.set('tidsfrist', DEADLINE_PARAM[f.deadline]);
  if (f.closedFrom) q.set('avslutad-fran', f.closedFrom);
  if (f.closedTo) q.set('avslutad-till', f.closedTo);
  if (f.hasMeasure) q.set('atgard', 'ja');
  return `/handlaggning/arenden?${q.toString()}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z_]{2,40}$/;

/**
 * The drill-down parameters the case list does not read by itself; readListParams adds these
 * to its filter. Anything malformed is ignored, as the list does with its own parameters.
 */
/** The query parameters statistics links add to the case list; the list keeps them when sorting and paging. */
export const DRILL_DOWN_KEYS = ['underkategori', 'kanal', 'enhet-exakt', 'namnd', 'hanvisning', 'sammanslagen', 'intern', 'besvarad', 'tidsfrist', 'avslutad-fran', 'avslutad-till', 'atgard'] as const;

/** The drill-down parameters present in a query, as name/value pairs to carry on (including "ingen" for area and unit). */
export function drillDownPairs(query: unknown): [string, string][] {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const pairs: [string, string][] = [];
  for (const k of [...DRILL_DOWN_KEYS, 'omrade', 'enhet']) {
    const v = q[k];
    if (typeof v !== 'string' || !v.trim() || v.length > 200) continue;
    if ((k === 'omrade' || k === 'enhet') && v.trim() !== 'ingen') continue;
    pairs.push([k, v.trim()]);
  }
  return pairs;
}

export function readDrillDownParams(query: unknown): Partial<CaseFilter> {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const one = (k: string): string => firstString(q[k]).trim();
  const f: Partial<CaseFilter> = {};
  const idOrNone = (k: string) => (one(k) === 'ingen' ? 'none' : UUID.test(one(k)) ? one(k) : undefined);
  if (one('omrade') === 'ingen') f.areaId = 'none';
  if (one('enhet') === 'ingen') f.unitId = 'none';
  const sub = idOrNone('underkategori');
  if (sub) f.subcategoryId = sub;
  if (CODE.test(one('kanal'))) f.channel = one('kanal');
  if (UUID.test(one('enhet-exakt'))) f.unitExact = one('enhet-exakt');
  if (one('namnd') && one('namnd').length <= 200) f.committee = one('namnd');
  const h = one('hanvisning');
  if (h === 'ingen') f.referral = 'none';
  else if (h === 'alla') f.referral = 'any';
  else if (CODE.test(h)) f.referral = h;
  for (const [param, key] of [['sammanslagen', 'merged'], ['intern', 'internal'], ['besvarad', 'answered'], ['handlagd', 'handled'], ['skrap', 'spam']] as const) {
    if (one(param) === 'ja') f[key] = true;
    else if (one(param) === 'nej') f[key] = false;
  }
  const deadline = Object.entries(DEADLINE_PARAM).find(([, v]) => v === one('tidsfrist'));
  if (deadline) f.deadline = deadline[0] as CaseFilter['deadline'];
  if (DAY.test(one('avslutad-fran'))) f.closedFrom = one('avslutad-fran');
  if (DAY.test(one('avslutad-till'))) f.closedTo = one('avslutad-till');
  if (one('atgard') === 'ja') f.hasMeasure = true;
  return f;
}
