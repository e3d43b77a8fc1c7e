import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

/**
 * What axe checked, kept in the repository: e2e/axe-checked/<file>.txt lists, one a line, the
 * routes whose pages a browser test file ran axe on, as its last complete run found them. The
 * route-coverage test (test/routeCoverage.test.ts) reads these records, so it runs with the unit
 * tests, needs no browser and does not depend on the order test files run in; each browser test
 * file in turn keeps its record true.
 *
 * After a file's run in which every test ran and passed, its record is compared with what the
 * run checked. A new file's record is written. A record that no longer matches is rewritten and
 * the file fails, like a changed snapshot: look at the difference (git diff e2e/axe-checked),
 * and commit it if the pages checked were meant to change. A run with failed, skipped or
 * filtered-out tests (-t) leaves the record alone, since it saw only part of the file.
 */

export const RECORD_DIR = resolve(import.meta.dirname, 'axe-checked');

export const recordPath = (testFile: string) => join(RECORD_DIR, `${basename(testFile).replace(/\.test\.ts$/, '')}.txt`);

type Task = { type: string; result?: { state?: string }; tasks?: readonly Task[] };
/** The part of vitest's suite (the file itself, for a hook at the top of a file) this reads. */
type SuiteLike = Task & { filepath?: string; file?: { filepath: string } };

const allPassed = (t: Task): boolean => (t.tasks ? t.tasks.every(allPassed) : t.type !== 'test' || t.result?.state === 'pass');

export function saveAxeRecord(suite: Readonly<SuiteLike>, checked: ReadonlySet<string>): void {
  const file = suite.filepath ?? suite.file?.filepath;
  if (!file || !allPassed(suite)) return;
  const path = recordPath(file);
  const wanted = checked.size > 0 ? [...checked].sort().join('\n') + '\n' : null;
  const before = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (wanted === before) return;
  if (wanted === null) rmSync(path);
  else {
    mkdirSync(RECORD_DIR, { recursive: true });
    writeFileSync(path, wanted);
  }
  // A first record is simply written; a changed one needs a person to look at it.
  if (before !== null) {
    throw new Error(
      `axe checked other pages in ${basename(file)} than ${relative(process.cwd(), path)} says. The record is updated now: ` +
        'look at the difference (git diff e2e/axe-checked) and commit it if the change was meant.',
    );
  }
}
