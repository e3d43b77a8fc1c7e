import { describe, expect, it } from 'vitest';
import { publicSuppression } from './suppression.ts';

/** A seeded pseudo-random generator, so a failure can be replayed. */
function rng(seed: number) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function table(seed: number) {
  const r = rng(seed);
  const months = Array.from({ length: 1 + Math.floor(r() * 12) }, () => {
    const byKind = Array.from({ length: 4 }, () => (r() < 0.3 ? Math.floor(r() * 5) : Math.floor(r() * 40)));
    return { byKind, total: byKind.reduce((a, b) => a + b, 0) };
  });
  const kindTotals = [0, 1, 2, 3].map((k) => months.reduce((a, m) => a + m.byKind[k]!, 0));
  const grand = kindTotals.reduce((a, b) => a + b, 0);
  const groups: number[] = [];
  for (let left = grand; left > 0; ) {
    const g = Math.min(left, r() < 0.4 ? 1 + Math.floor(r() * 4) : 1 + Math.floor(r() * 30));
    groups.push(g);
    left -= g;
  }
  return { months, kindTotals, grand, groups };
}

describe('public statistics suppression', () => {
  it('hides every count from 1 to 4 and never leaves one hidden term in a shown sum (it could be subtracted back)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const t = table(seed);
      const s = publicSuppression(t.months, t.kindTotals, t.grand, t.groups);
      const values = [...t.months.flatMap((m) => m.byKind), ...t.months.map((m) => m.total), ...t.kindTotals, t.grand, ...t.groups];
      values.forEach((v, i) => {
        if (v > 0 && v < 5) expect(s.hidden[i], `seed ${seed}, cell ${i} = ${v}`).toBe(true);
      });
      for (const line of s.lines) expect(line.filter((i) => s.hidden[i]).length, `seed ${seed}`).not.toBe(1);
    }
  });

  it('hides a second cell in the month where one kind had 2 cases, and shows the rest', () => {
    const months = [
      { byKind: [30, 2, 12, 20], total: 64 },
      { byKind: [25, 9, 14, 22], total: 70 },
    ];
    const s = publicSuppression(months, [55, 11, 26, 42], 134, [60, 74]);
    expect(s.month(0, 1)).toBe(true);
    // January's 2 could be read from January's total; the smallest other cell there goes too …
    expect(s.month(0, 2)).toBe(true);
    // … and in the columns of both, February's cells keep the column totals from giving them away.
    expect(s.month(1, 1) && s.month(1, 2)).toBe(true);
    expect(s.month(0, 0) || s.month(0, 3) || s.month(1, 0) || s.month(1, 3) || s.grand).toBe(false);
  });
});
