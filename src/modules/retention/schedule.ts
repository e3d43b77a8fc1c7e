import { sv } from '../../platform/i18n/catalogue.ts';
import type { CaseKind } from '../../db/schema.ts';
import { KIND_LABEL } from '../cases/labels.ts';

/**
 * The retention schedule (dokumenthanteringsplan) as rules: by significance, optionally narrowed
 * by kind or area. The most specific rule that matches a case applies (area and kind, then area,
 * then kind, then significance alone). A case without a matching rule, or without significance,
 * is never disposed of: that takes a rule and a classification first.
 */
export type Significance = 'important' | 'routine';
export type RuleAction = 'dispose' | 'keep';

export interface Rule {
  id: string;
  significance: Significance;
  kind: CaseKind | null;
  areaId: string | null;
  action: RuleAction;
  years: number;
  decisionRef: string;
}

export const SIGNIFICANCE_TEXT: Record<Significance, string> = {
  important: sv('retention.significance.important'),
  routine: sv('retention.significance.routine'),
};

export const specificity = (r: Pick<Rule, 'kind' | 'areaId'>) => (r.areaId ? 2 : 0) + (r.kind ? 1 : 0);

/** The rule that applies to a case, or undefined. */
export function ruleFor(rules: readonly Rule[], c: { significance: string | null; kind: string; areaId: string | null }): Rule | undefined {
  if (!c.significance) return undefined;
  return rules
    .filter((r) => r.significance === c.significance && (r.kind === null || r.kind === c.kind) && (r.areaId === null || r.areaId === c.areaId))
    .sort((a, b) => specificity(b) - specificity(a))[0];
}

/** "Rutinmässiga klagomål om Bemötande: gallras 2 år efter att ärendet avslutades (KS 2019/12 § 4)" */
export function describeRule(r: Omit<Rule, 'id'>, areaName?: (id: string) => string | undefined): string {
  return sv('retention.rule.text', {
    significance: r.significance,
    hasKind: r.kind ? 'yes' : 'no',
    kind: r.kind ? KIND_LABEL[r.kind].toLowerCase() : '',
    hasArea: r.areaId ? 'yes' : 'no',
    area: r.areaId ? (areaName?.(r.areaId) ?? sv('retention.rule.someArea')) : '',
    action: r.action,
    years: String(r.years),
  });
}

/** The day a case falls due under a rule: its closing day (Swedish date) plus the years. */
export function dueDay(closedOn: string, years: number): string {
  const [y, m, d] = closedOn.split('-').map(Number) as [number, number, number];
  // 29 February plus a number of years lands on 28 February when that year has no 29th.
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** Hjo kommun's dokumenthanteringsplan for synpunkter (seed 004): the demo's default. */
export const HJO_SCHEDULE: Omit<Rule, 'id'>[] = [
  { significance: 'important', kind: null, areaId: null, action: 'keep', years: 5, decisionRef: 'Dokumenthanteringsplan, Kansliet: Synpunkten av vikt för verksamheten – bevaras, leverans till centralarkiv efter 5 år' },
  { significance: 'routine', kind: null, areaId: null, action: 'dispose', years: 2, decisionRef: 'Dokumenthanteringsplan, Kansliet: Synpunkten av rutinmässig allmän karaktär – gallras efter 2 år' },
];
