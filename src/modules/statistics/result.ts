import { sv } from '../../platform/i18n/catalogue.ts';
import type { CaseKind, Channel } from '../../db/schema.ts';
import { CHANNEL_LABEL, KIND_LABEL } from '../cases/labels.ts';
import type { Actor } from '../cases/policy.ts';
import type { Period } from './period.ts';
import type { MeasureKey } from './sqlParts.ts';

/** What a statistics request asks for and what computeStatistics() (queries.ts) answers. */

export const GROUP_BYS = ['forvaltning', 'namnd', 'enhet', 'kind', 'area', 'subcategory', 'channel'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface StatFilter {
  /** A unit and its subtree. */
  unitId?: string;
  /** The förvaltningar of a nämnd. */
  committee?: string;
  kind?: CaseKind;
  areaId?: string;
  subcategoryId?: string;
  channel?: Channel;
}

/** Whose cases: one organization as a signed-in person sees it, or whole organizations (public page, benchmark). */
export type StatScope = { actor: Actor } | { organizationIds: string[]; includeConfidential: true };

export interface StatRequest {
  scope: StatScope;
  period: Period;
  filter: StatFilter;
  groupBy: GroupBy;
  /** 'YYYY-MM-DD' in Swedish time: open cases past a deadline are late from the day after. */
  today: string;
  /** false: count everything from case_stats (the tests compare both ways). */
  useRollup?: boolean;
  /** How many measures to list (the count covers all). */
  measureLimit?: number;
}

export interface Durations {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface DeadlineCounts {
  ackOk: number;
  ackLate: number;
  answerOk: number;
  answerLate: number;
}

export interface PeriodSummary extends DeadlineCounts {
  period: Period;
  /** Synpunkter: not referred, not merged, not internal. */
  received: number;
  byKind: Record<CaseKind, number>;
  internal: number;
  referred: number;
  /** Offensive content, not handled (DOMAIN rule 9): counted apart. */
  notHandled: number;
  /** Marked as spam: counted apart, never a synpunkt. */
  spam: number;
  merged: number;
  times: Record<MeasureKey, Durations>;
  /** Answers published de-identified on the website for the first time in the period (rule 19), of the cases in scope. */
  published: number;
}

export interface MonthRow {
  month: string;
  total: number;
  byKind: Record<CaseKind, number>;
  /** Area id ('none' for not yet classified) → count. */
  byArea: Record<string, number>;
}

export interface GroupRow extends DeadlineCounts {
  /** Id or code of the group; 'none' for cases without one (not yet routed or classified). */
  key: string;
  label: string;
  /** For nämnd groups: the förvaltningar in it. */
  members?: string[];
  received: number;
  responseWorking: Durations;
  handlingWorking: Durations;
}

export interface SubcategoryRow {
  key: string;
  label: string;
  forvaltning: string;
  current: number;
  previous: number;
  lastYear: number;
}

export interface BacklogBucket {
  label: string;
  /** Age in calendar days since received, inclusive; null = no upper bound. */
  minAge: number;
  maxAge: number | null;
  n: number;
}

export interface MeasureItem {
  number: string;
  closedOn: string;
  text: string;
  unit: string | null;
}

export interface Names {
  units: Map<string, { name: string; kind: string; committee: string | null; ancestorIds: string[]; sortOrder: number }>;
  areas: Map<string, string>;
  subcategories: Map<string, { name: string; unitId: string | null }>;
}

export interface StatisticsResult {
  request: StatRequest;
  current: PeriodSummary;
  previous: PeriodSummary;
  lastYear: PeriodSummary;
  months: MonthRow[];
  /** Areas that occur in the period, in the organization's order; 'none' last. */
  areas: { key: string; label: string }[];
  groups: GroupRow[];
  subcategories: SubcategoryRow[];
  referrals: { type: string; n: number }[];
  internalByKind: Record<CaseKind, number>;
  backlog: { buckets: BacklogBucket[]; total: number; overdue: number };
  measures: { count: number; cases: number; items: MeasureItem[] };
  names: Names;
  usedRollup: boolean;
}

/** Groups with fewer cases than this are marked: no one should read a trend into them. */
export const SMALL_GROUP = 5;

export const BACKLOG_BUCKETS: Omit<BacklogBucket, 'n'>[] = [
  { label: sv('statistics.backlog.days', { min: '0', max: '10' }), minAge: 0, maxAge: 10 },
  { label: sv('statistics.backlog.days', { min: '11', max: '30' }), minAge: 11, maxAge: 30 },
  { label: sv('statistics.backlog.days', { min: '31', max: '90' }), minAge: 31, maxAge: 90 },
  { label: sv('statistics.backlog.moreThan', { days: '90' }), minAge: 91, maxAge: null },
];

export const CHANNEL_KEYS = ['web', 'email', 'phone', 'letter', 'visit', 'social_media', 'sms', 'paper_form', 'internal', 'api', 'open311'] as const;

export function groupLabel(groupBy: GroupBy, key: string, names: Names): string {
  if (key === 'none') {
    return sv(groupBy === 'namnd' || groupBy === 'forvaltning' || groupBy === 'enhet' ? 'statistics.group.unassigned' : groupBy === 'subcategory' ? 'statistics.group.noSubcategory' : 'statistics.group.unclassified');
  }
  switch (groupBy) {
    case 'namnd':
      return key;
    case 'forvaltning':
    case 'enhet': {
      const u = names.units.get(key);
      if (!u) return sv('statistics.group.unknownUnit');
      if (groupBy === 'enhet' && u.ancestorIds.length > 1) return sv('statistics.group.unitWithin', { unit: u.name, forvaltning: names.units.get(u.ancestorIds[0]!)?.name ?? '' });
      return u.name;
    }
    case 'kind':
      return KIND_LABEL[key as CaseKind] ?? key;
    case 'area':
      return names.areas.get(key) ?? sv('statistics.group.unknownArea');
    case 'subcategory':
      return names.subcategories.get(key)?.name ?? sv('statistics.group.unknownSubcategory');
    case 'channel':
      return CHANNEL_LABEL[key as Channel] ?? key;
  }
}
