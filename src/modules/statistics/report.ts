import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db } from '../../db/database.ts';
import { coversWholeOrganization, type Actor } from '../cases/policy.ts';
import { ALL_COMMITTEES, type ReportForm } from './params.ts';
import { comparisonsCoincide } from './comparison.ts';
import { periodLabel, type Period } from './period.ts';
import { computeStatistics } from './queries.ts';
import { SMALL_GROUP, type StatisticsResult } from './result.ts';
import { loadNames } from './scope.ts';
import { resultCharts, type ResultCharts } from './resultCharts.ts';
import { deadlineTable, groupTable, monthKindTable, referralTable, subcategoryTable, summaryTable, timesTable } from './tables.ts';
import { type Cell, type Table } from './tableModel.ts';

/**
 * The committee report (DOMAIN rule 20: to each nämnd at least twice a year, to the
 * kommunstyrelse yearly): the same numbers as the statistics page for the nämnd's
 * förvaltningar and a half-year, or for all förvaltningar side by side for a year.
 */
export interface ReportData {
  title: string;
  periodText: string;
  scopeText: string;
  producedOn: string;
  intro: string;
  groupHeading: string;
  result: StatisticsResult;
  charts: ResultCharts;
  tables: {
    summary: Table;
    sideBySide?: Table;
    monthKind: Table;
    times: Table;
    deadlines: Table;
    groups: Table;
    subcategories: Table;
    referrals: Table;
  };
}

/** Nämnder that have förvaltningar the person may see statistics for. */
export async function committeesFor(db: Db, actor: Actor): Promise<string[]> {
  const names = await loadNames(db, [actor.organizationId]);
  const orgWide = coversWholeOrganization(actor);
  const granted = new Set(actor.grants.flatMap((g) => (g.unitId ? [g.unitId] : [])));
  const out = new Set<string>();
  for (const [id, u] of names.units) {
    if (u.ancestorIds.length !== 1 || !u.committee) continue;
    // A grant anywhere in the förvaltning's tree gives a view of part of it.
    const visible = orgWide || [...names.units.entries()].some(([uid, x]) => granted.has(uid) && x.ancestorIds[0] === id);
    if (visible) out.add(u.committee);
  }
  return [...out];
}

export async function buildReport(db: Db, actor: Actor, form: ReportForm, period: Period, today: string): Promise<ReportData> {
  const all = form.namnd === ALL_COMMITTEES;
  const result = await computeStatistics(db, {
    scope: { actor },
    period,
    filter: all ? {} : { committee: form.namnd },
    groupBy: all ? 'forvaltning' : 'enhet',
    today,
    measureLimit: 200,
  });
  const names = result.names;
  const forvaltningar = [...names.units.entries()].filter(([, u]) => u.ancestorIds.length === 1 && (all || u.committee === form.namnd)).sort(([, a], [, b]) => a.sortOrder - b.sortOrder);
  let sideBySide: Table | undefined;
  if (all) {
    const per = await Promise.all(
      forvaltningar.map(([id]) => computeStatistics(db, { scope: { actor }, period, filter: { unitId: id }, groupBy: 'forvaltning', today, measureLimit: 0 })),
    );
    const tables = per.map((r) => summaryTable(r));
    const base = tables[0] ?? summaryTable(result);
    sideBySide = {
      id: 'forvaltningar',
      title: sv('statistics.report.sideBySideTitle', { period: periodLabel(period) }),
      head: [sv('statistics.table.measure'), ...forvaltningar.map(([, u]) => u.name), sv('statistics.report.wholeMunicipality')],
      rows: base.rows.map((row, i) => ({
        header: row.header,
        cells: [...tables.map((t) => t.rows[i]!.cells[0]!), summaryTable(result).rows[i]!.cells[0]!] as Cell[],
      })),
      note: sv('statistics.report.sideBySideNote', { small: String(SMALL_GROUP) }),
    };
  }
  const committeeText = all ? sv('statistics.report.allDepartments') : forvaltningar.map(([, u]) => u.name).join(', ') || sv('statistics.report.noDepartments');
  return {
    title: all ? sv('statistics.report.titleAll') : sv('statistics.report.titleCommittee', { committee: form.namnd }),
    periodText: periodLabel(period),
    scopeText: committeeText,
    producedOn: today,
    intro: sv(comparisonsCoincide(period) ? 'statistics.report.introOneComparison' : 'statistics.report.intro', { period: periodLabel(period) }),
    groupHeading: sv(all ? 'statistics.report.perDepartment' : 'statistics.report.perUnit'),
    result,
    charts: await resultCharts(result, 680),
    tables: {
      summary: summaryTable(result),
      sideBySide,
      monthKind: monthKindTable(result),
      times: timesTable(result),
      deadlines: deadlineTable(result),
      groups: groupTable(result),
      subcategories: subcategoryTable(result),
      referrals: referralTable(result),
    },
  };
}
