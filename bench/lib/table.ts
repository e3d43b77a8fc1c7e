// What every benchmark prints its results with: a table whose first column is left-aligned and the
// others right-aligned, and the median of its rounds.

export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')).trimEnd());
}

/** The middle element by `key` (the upper one of an even count), so a round's other figures can be shown with it. */
export function medianBy<T>(xs: readonly T[], key: (x: T) => number): T {
  return [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
}

export const median = (xs: readonly number[]): number => medianBy(xs, (x) => x);
