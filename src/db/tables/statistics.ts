import type { Generated } from 'kysely';
import type { CaseKind, Channel } from './cases.ts';
import type { DateOnly, Timestamp } from './columns.ts';

/** Statistics (migration 1000): see modules/statistics. */
export interface StatisticsCalendarTable {
  day: DateOnly;
  working: boolean;
  wd_through: number;
}

export interface CaseStatsTable {
  case_id: string;
  organization_id: string;
  unit_id: string | null;
  handler_id: string | null;
  confidential: boolean;
  anonymous: boolean;
  kind: CaseKind;
  channel: Channel;
  area_id: string | null;
  subcategory_id: string | null;
  status: string;
  is_open: boolean;
  grp: 'main' | 'internal' | 'referral' | 'merged' | 'not_handled' | 'spam';
  referral_type: string | null;
  received_on: DateOnly;
  received_month: DateOnly;
  acknowledged_on: DateOnly | null;
  answered_on: DateOnly | null;
  closed_on: DateOnly | null;
  acknowledge_by: DateOnly | null;
  answer_by: DateOnly | null;
  response_wd: number | null;
  handling_wd: number | null;
  measures: Generated<number>;
}

export interface StatisticsMonthsTable {
  organization_id: string;
  month: DateOnly;
  valid: Generated<boolean>;
  refreshed_at: Timestamp | null;
}

export interface StatisticsMonthlyTable {
  organization_id: string;
  month: DateOnly;
  confidential: boolean;
  forvaltning_id: string | null;
  grp: string;
  referral_type: string | null;
  kind: string;
  received: number;
  ack_ok: number;
  ack_late: number;
  answer_ok: number;
  answer_late: number;
}

export interface StatisticsMonthlyDaysTable {
  organization_id: string;
  month: DateOnly;
  confidential: boolean;
  forvaltning_id: string | null;
  measure: number;
  days: number;
  n: number;
}
