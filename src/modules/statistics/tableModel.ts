import type { CaseFilter } from '../cases/listQueries.ts';
import { caseListHref } from './drilldown.ts';
import { SMALL_GROUP, type Durations } from './result.ts';

/**
 * Every statistic as a table model: the HTML pages, the committee report, the PDF and the CSV
 * and XLSX exports all render these, so they cannot disagree. A cell knows its drill-down
 * filter and whether it rests on fewer than five cases.
 */
export interface Cell {
  /** A count, a share in per cent, a number of days, or text. */
  v: number | string | null;
  kind?: 'count' | 'percent' | 'days' | 'text';
  /** The cases behind a count. */
  filter?: CaseFilter;
  /** Fewer than SMALL_GROUP cases behind it: mark it. */
  few?: boolean;
}

export interface Row {
  header: string;
  cells: Cell[];
  few?: boolean;
}

export interface Table {
  id: string;
  title: string;
  /** Column headings, the row-header column first. */
  head: string[];
  rows: Row[];
  note?: string;
}

export const FEW_TEXT = 'färre än 5 – dra inga slutsatser';

export const count = (v: number, filter?: CaseFilter): Cell => ({ v, kind: 'count', filter: v > 0 ? filter : undefined });
export const share = (ok: number, late: number): Cell => {
  const n = ok + late;
  return { v: n === 0 ? null : Math.round((1000 * ok) / n) / 10, kind: 'percent', few: n > 0 && n < SMALL_GROUP };
};
export const days = (d: Durations, which: 'median' | 'p90'): Cell => ({ v: d[which] === null ? null : Math.round(d[which]! * 10) / 10, kind: 'days', few: d.n > 0 && d.n < SMALL_GROUP });

export function cellText(c: Cell): string {
  if (c.v === null) return '–';
  if (c.kind === 'percent') return `${String(c.v).replace('.', ',')} %`;
  if (c.kind === 'days') return String(c.v).replace('.', ',');
  return String(c.v);
}

export function cellHref(c: Cell): string | undefined {
  return c.filter ? caseListHref(c.filter) : undefined;
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
