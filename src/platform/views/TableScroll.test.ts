import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every table the app renders sits in a box it scrolls inside (TableScroll, or a region made the
 * same way): a table wider than a 320 px screen otherwise makes the whole page scroll sideways
 * (WCAG 1.4.10). The browser tests walk the pages they can fill with rows (e2e/adminReflow.test.ts);
 * this reads the source, so a new table without its box is caught even on a page they never see.
 */
const src = join(import.meta.dirname, '..', '..');

function views(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return views(path);
    return e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** The line before `<table`: the scroll box's opening tag, a named region the keyboard can reach. */
const SCROLL_BOX = /<TableScroll (label|labelledBy)=|<div class="(table-scroll|stat-table-wrap)" role="region" aria-label(ledby)?=\S+ tabindex=\{0\}>/;

describe('tables', () => {
  it('each sit in a named, focusable box that scrolls them', () => {
    const loose: string[] = [];
    let tables = 0;
    for (const file of views(src)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/^\s*<table[\s>]/.test(line)) return;
        tables++;
        if (!SCROLL_BOX.test(lines[i - 1] ?? '')) loose.push(`${relative(src, file)}:${i + 1}`);
      });
    }
    expect(tables).toBeGreaterThan(20);
    expect(loose).toEqual([]);
  });
});
