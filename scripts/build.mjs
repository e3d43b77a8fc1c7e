// `npm run build`: compiles src/ and bench/ to JavaScript in dist/, so production runs plain
// JavaScript (no TypeScript loader in the process). `npm start`, `npm run worker` and
// `npm run cli` run it first; when nothing changed it takes a fraction of a second.
//
// - tsc in build mode with `rewriteRelativeImportExtensions` turns `./x.ts`/`./x.tsx` imports into
//   `./x.js` and Preact JSX into calls; `noCheck` leaves type checking to `npm run typecheck`.
//   Build mode is incremental: unchanged sources are not emitted again.
// - Files that are not TypeScript (public/, CSS and data files beside the code) are copied so the
//   compiled code finds them at the same relative place (dist/src/app.js reads ../public/app.css).
// - Compiled files whose source is gone are deleted: a stale migration must never run.
// - A lock directory keeps two commands started at once (npm start and npm run worker) from
//   writing the same files at the same time.
// Prints nothing unless something fails, so `npm run cli` output stays the command's own.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const lock = path.join(dist, '.build-lock');
const COMPILED = ['src', 'bench'];
const TS = /\.tsx?$/;
const SKIP = /(\.test\.tsx?|\.d\.ts)$/;

function acquireLock() {
  mkdirSync(dist, { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A build that was killed leaves its lock behind; no build takes two minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Another build holds ${lock}; remove it if no build is running.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

function compile() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--build', path.join(root, 'tsconfig.build.json')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal})`);
}

/** Copies a file when the copy is missing or older. */
function copyIfNewer(from, to) {
  const target = statSync(to, { throwIfNoEntry: false });
  if (target && target.mtimeMs >= statSync(from).mtimeMs) return;
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** Directories copied as they are: the stylesheet and the message catalogues (src/platform/i18n reads ../../../locales). */
const ASSET_DIRS = ['public', 'locales'];

function copyAssets() {
  for (const dir of ASSET_DIRS) for (const file of walk(path.join(root, dir))) copyIfNewer(file, path.join(dist, path.relative(root, file)));
  for (const top of COMPILED) {
    for (const file of walk(path.join(root, top))) {
      if (!TS.test(file)) copyIfNewer(file, path.join(dist, path.relative(root, file)));
    }
  }
}

/** Removes compiled files and copies whose source no longer exists. */
function prune() {
  for (const top of [...COMPILED, ...ASSET_DIRS]) {
    for (const file of walk(path.join(dist, top))) {
      const source = path.join(root, path.relative(dist, file));
      const sources = file.endsWith('.js') ? [source.replace(/\.js$/, '.ts'), source.replace(/\.js$/, '.tsx'), source] : [source];
      if (!sources.some((s) => existsSync(s) && !SKIP.test(s))) rmSync(file);
    }
  }
}

acquireLock();
try {
  compile();
  copyAssets();
  prune();
} catch (err) {
  console.error(`Bygget misslyckades: ${err.message}`);
  process.exitCode = 1;
} finally {
  rmdirSync(lock);
}
