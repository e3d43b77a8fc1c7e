import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/embedded.ts';
import type { RunningServer } from './server.ts';

export interface ProductionServer extends RunningServer {
  /** Log lines and bytes the server wrote to its standard output. */
  logged(): { lines: number; bytes: number };
  /** Its resident memory now, in bytes (Linux). */
  rss(): number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Node flags `npm start` runs the server with ("node <flags> dist/src/server.js" in package.json). */
export function startNodeFlags(): string[] {
  const dir = path.basename(root) === 'dist' ? path.dirname(root) : root;
  const { scripts } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const m = /^node((?: --[a-z-]+(?:=\S+)?)*) dist\/src\/server\.js$/.exec(scripts.start ?? '');
  if (!m) throw new Error(`package.json start script is not "node <flags> dist/src/server.js": ${scripts.start}`);
  return m[1]!.trim().split(' ').filter(Boolean);
}

/**
 * The app exactly as `npm start` runs it: the compiled src/server.js (under `npm run bench`; from
 * TypeScript, src/server.ts through tsx) with its own config from the environment: JSON request
 * logging at info on standard output (here into `logFile`, as a log shipper would take it), the
 * background jobs in the process, secure cookies, and the Node flags of package.json's start
 * script. Only DATABASE_URL, PUBLIC_URL (which production requires), PORT and HOST are given.
 */
export async function startProductionServer(opts: { databaseUrl: string; logFile: string; env?: Record<string, string> }): Promise<ProductionServer> {
  const compiled = import.meta.url.endsWith('.js');
  const entry = compiled ? path.join(root, 'src/server.js') : path.join(root, 'src/server.ts');
  const port = await freePort();
  const out = openSync(opts.logFile, 'a');
  const cpuProf = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...startNodeFlags(), ...(compiled ? [] : ['--import', 'tsx']), ...cpuProf, entry], {
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with code ${child.exitCode}; see ${opts.logFile}`);
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${entry} did not get ready in 2 minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      // VmHWM: the peak resident set of the process so far (Linux), read before it exits.
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      child.kill('SIGTERM');
      await exited;
      return { peakRss: Number(hwm?.[1] ?? 0) * 1024 };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
    rss() {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    },
    logged() {
      const text = readFileSync(opts.logFile, 'utf8');
      return { lines: text.split('\n').filter(Boolean).length, bytes: statSync(opts.logFile).size };
    },
  };
}
