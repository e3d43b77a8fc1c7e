import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Small files with names that explain themselves: no source file over 300 lines. A file that
 * grows past it holds more than one concept; split it by the concept each part serves.
 * Data (word lists, corpora, fixtures as .txt/.json/.csv) is not source and is not counted.
 */
const MAX_LINES = 300;
const ROOTS = ['src', 'test', 'e2e', 'bench'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx|css|sql|html)$/;
const root = join(import.meta.dirname, '..');

const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sourceFiles(path);
    return e.isFile() && SOURCE.test(e.name) ? [path] : [];
  });
}

describe('file size', () => {
  it('counts lines as an editor shows them', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount('a\n\nb\n')]).toEqual([0, 1, 1, 2, 3]);
  });

  it(`no source file in ${ROOTS.join('/, ')}/ is over ${MAX_LINES} lines`, () => {
    const files = ROOTS.flatMap((r) => sourceFiles(join(root, r)));
    expect(files.length).toBeGreaterThan(100);
    const over = files
      .map((f) => ({ file: relative(root, f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES)
      .sort((a, b) => b.lines - a.lines)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(over, `split these by the concept each part serves (max ${MAX_LINES} lines)`).toEqual([]);
  });
});
