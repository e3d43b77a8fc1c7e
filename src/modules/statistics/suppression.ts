import { SMALL_GROUP } from './result.ts';

/**
 * Which counts of a published table must be hidden so that none can be worked out from what is
 * shown. Primary: every count from 1 to SMALL_GROUP - 1. Secondary: wherever a shown sum (a row
 * total, a column total, the grand total) has exactly one hidden term, that term is the sum
 * minus the others, so one more term is hidden: the smallest of the line (inner cells before
 * totals on a tie). Repeated until no line has exactly one hidden term.
 *
 * values: every count of the table(s); lines: the index sets that add up (the total is one of
 * the members, it does not matter which).
 */
export function suppressedCells(values: readonly number[], lines: readonly (readonly number[])[]): boolean[] {
  const hidden = values.map((v) => v > 0 && v < SMALL_GROUP);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((i) => hidden[i]).length !== 1) continue;
      let pick = -1;
      for (const i of line) if (!hidden[i] && (pick < 0 || values[i]! < values[pick]!)) pick = i;
      if (pick < 0) continue;
      hidden[pick] = true;
      changed = true;
    }
  }
  return hidden;
}

/**
 * The public statistics' counts as one system of sums: months × kinds with row and column
 * totals, and the förvaltningar, which add up to the same grand total.
 */
export function publicSuppression(months: readonly { byKind: readonly number[]; total: number }[], kindTotals: readonly number[], grand: number, groups: readonly number[]) {
  const M = months.length;
  const K = kindTotals.length;
  const cell = (m: number, k: number) => m * K + k;
  const rowTotal = (m: number) => M * K + m;
  const colTotal = (k: number) => M * K + M + k;
  const grandIx = M * K + M + K;
  const group = (g: number) => grandIx + 1 + g;
  const values = [...months.flatMap((m) => m.byKind), ...months.map((m) => m.total), ...kindTotals, grand, ...groups];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines = [
    ...range(M).map((m) => [...range(K).map((k) => cell(m, k)), rowTotal(m)]),
    ...range(K).map((k) => [...range(M).map((m) => cell(m, k)), colTotal(k)]),
    [...range(M).map(rowTotal), grandIx],
    [...range(K).map(colTotal), grandIx],
    ...(groups.length ? [[...range(groups.length).map(group), grandIx]] : []),
  ];
  const hidden = suppressedCells(values, lines);
  return {
    month: (m: number, k: number) => hidden[cell(m, k)]!,
    monthTotal: (m: number) => hidden[rowTotal(m)]!,
    kindTotal: (k: number) => hidden[colTotal(k)]!,
    grand: hidden[grandIx]!,
    group: (g: number) => hidden[group(g)]!,
    lines,
    hidden,
  };
}
