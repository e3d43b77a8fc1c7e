import type { FieldErrors } from '../../platform/views/forms.tsx';
import { KINDS } from './labels.ts';
import { STATUSES, type Status } from './lifecycle.ts';
import { SORTS, type CaseFilter, type Sort } from './listQueries.ts';
import { hasRole, type Actor } from './policy.ts';
import { drillDownPairs, readDrillDownParams } from '../statistics/drilldown.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { firstString } from '../../platform/formValue.ts';

/**
 * The case list's filters live in the query string (a GET form), so every view can be
 * bookmarked, shared and used without JavaScript. Parameter names are Swedish: people see them.
 */
export interface ListParams {
  vy: 'mina' | 'enhet';
  status: string;
  typ: string;
  omrade: string;
  enhet: string;
  handlaggare: string;
  fran: string;
  till: string;
  forsenade: string;
  q: string;
  sortering: Sort;
  sida: number;
  /** Filters that came with a link from the statistics pages; kept when sorting and paging. */
  drillDown: [string, string][];
}

/** The status choice for cases marked as spam: not handled, outcome spam ("Inte handlagd (skräp)" in the list). */
export const SPAM_CHOICE = 'skrap';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const one = (v: unknown): string => firstString(v).trim();

/** A day on the calendar from year 1 on: PostgreSQL has no year 0 and refuses 0000-01-01. */
function validDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 10) === s;
}

/** Handlers start on their own cases; everyone else on all they may see. */
export const defaultView = (actor: Actor): ListParams['vy'] => (hasRole(actor, 'handler') ? 'mina' : 'enhet');

export function readListParams(query: unknown, actor: Actor): { params: ListParams; filter: CaseFilter; errors: FieldErrors } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const sort = one(q.sortering);
  const page = Number.parseInt(one(q.sida), 10);
  const params: ListParams = {
    vy: one(q.vy) === 'mina' ? 'mina' : one(q.vy) === 'enhet' ? 'enhet' : defaultView(actor),
    status: one(q.status) || 'oppna',
    typ: one(q.typ),
    omrade: one(q.omrade),
    enhet: one(q.enhet),
    handlaggare: one(q.handlaggare),
    fran: one(q.fran),
    till: one(q.till),
    forsenade: one(q.forsenade) === 'ja' ? 'ja' : '',
    q: one(q.q).slice(0, 200),
    sortering: sort in SORTS ? (sort as Sort) : 'received_desc',
    sida: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
    drillDown: drillDownPairs(q),
  };

  const errors: FieldErrors = {};
  if (params.fran && !validDay(params.fran)) errors.fran = sv('cases.error.fromDate');
  if (params.till && !validDay(params.till)) errors.till = sv('cases.error.toDate');
  if (!errors.fran && !errors.till && params.fran && params.till && params.fran > params.till) errors.till = sv('cases.error.dateOrder');

  // Values a person cannot pick in the form are ignored rather than reported.
  const filter: CaseFilter = {};
  if (params.status === 'oppna') filter.open = true;
  else if (params.status === SPAM_CHOICE) filter.spam = true;
  else if ((STATUSES as readonly string[]).includes(params.status)) {
    filter.status = [params.status as Status];
    // Spam is "not handled" too, but shown and counted apart (statistics' "Inte handlagd" leaves it out).
    if (params.status === 'not_handled') filter.spam = false;
  } else params.status = 'alla';
  if ((KINDS as readonly string[]).includes(params.typ)) filter.kind = [params.typ];
  else params.typ = '';
  if (UUID.test(params.omrade)) filter.areaId = params.omrade;
  else params.omrade = '';
  if (UUID.test(params.enhet)) filter.unitId = params.enhet;
  else params.enhet = '';
  if (params.vy === 'mina') filter.handlerId = actor.id;
  else if (UUID.test(params.handlaggare)) filter.handlerId = params.handlaggare;
  else params.handlaggare = '';
  if (params.fran && !errors.fran) filter.receivedFrom = params.fran;
  if (params.till && !errors.till) filter.receivedTo = params.till;
  if (params.forsenade) filter.overdue = true;
  if (params.q) filter.q = params.q;
  // Links from the statistics pages carry a few more filters (channel, subcategory, referral …).
  Object.assign(filter, readDrillDownParams(q));
  return { params, filter, errors };
}

/** The list URL for these parameters with some changed; defaults are left out to keep links short. */
export function listHref(params: ListParams, changes: Partial<ListParams> = {}): string {
  const p = { ...params, ...changes };
  const qs = new URLSearchParams();
  qs.set('vy', p.vy);
  if (p.status !== 'oppna') qs.set('status', p.status);
  for (const key of ['typ', 'omrade', 'enhet', 'handlaggare', 'fran', 'till', 'forsenade', 'q'] as const) if (p[key]) qs.set(key, p[key]);
  if (p.sortering !== 'received_desc') qs.set('sortering', p.sortering);
  if (p.sida > 1) qs.set('sida', String(p.sida));
  for (const [k, v] of p.drillDown) qs.set(k, v);
  return `/handlaggning/arenden?${qs.toString()}`;
}
