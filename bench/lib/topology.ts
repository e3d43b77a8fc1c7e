import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded.ts';
import { readCompose, ROOT } from './compose.ts';

/**
 * The production topology of deploy/compose.yaml with real processes on this machine: Caddy
 * (Debian's, with deploy/Caddyfile as it is) in front of N app instances running the compiled
 * build, and one separate job runner; all on one PostgreSQL. What each process runs and its
 * settings are read from compose.yaml and the Containerfile (compose.ts), so the two cannot drift
 * apart. Used by the scale-out test and `npm run bench -- scaleout`.
 */

export { ROOT };

export interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  output(): string;
  /** Peak resident memory so far (VmHWM), in bytes. */
  peakRss(): number;
  /** Resident memory now (VmRSS), in bytes. */
  rss(): number;
}

export interface Topology {
  proxyUrl: string;
  apps: Proc[];
  worker: Proc;
  caddy: Proc;
  /** Everything every process wrote. */
  output(): string;
  stop(): Promise<void>;
}

/** Compiles the code once (fast when nothing changed), so the processes run JavaScript. */
export function buildOnce(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

function memory(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

function start(name: string, command: string, args: string[], env: Record<string, string>, url: string): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  return {
    name,
    child,
    url,
    output: () => out,
    peakRss: () => memory(child.pid!, 'VmHWM'),
    rss: () => memory(child.pid!, 'VmRSS'),
  };
}

async function waitReady(p: Proc, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}):\n${p.output().slice(-3000)}`);
    const ok = await fetch(`${p.url}/health/ready`).then(
      async (r) => {
        last = `${r.status} ${await r.text()}`;
        return r.status === 200;
      },
      (err: Error) => {
        last = err.message;
        return false;
      },
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`${p.name} not ready after ${timeoutMs} ms (last answer: ${last}):\n${p.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopProc(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** The services' command with this Node in place of `node` (the image's Node is the same major). */
function nodeCommand(command: string[]): [string, string[]] {
  const [bin, ...args] = command;
  if (bin !== 'node') throw new Error(`compose.yaml: expected a node command, got ${command.join(' ')}`);
  return [process.execPath, args];
}

/**
 * Starts the topology of deploy/compose.yaml on `databaseUrl`, with `apps` app instances (the
 * compose file's number unless told otherwise). Caddy starts once every instance is ready, so
 * its first health check finds them up.
 */
export async function startTopology(opts: { databaseUrl: string; apps?: number; env?: Record<string, string> }): Promise<Topology> {
  const compose = readCompose();
  const instances = opts.apps ?? compose.apps.length;
  // Ours replace what only makes sense in containers: addresses, ports, and the database. PUBLIC_URL
  // (in lyhord.env, the compose env_file, for an operator) is the proxy, the address people use.
  const proxyPort = await freePort();
  const local = { DATABASE_URL: opts.databaseUrl, PUBLIC_URL: `http://127.0.0.1:${proxyPort}`, HOST: '127.0.0.1', SECURE_COOKIES: 'false', LOG_LEVEL: 'warn', ...opts.env };
  const procs: Proc[] = [];
  const caddyHome = await mkdtemp(path.join(os.tmpdir(), 'lyhord-caddy-'));
  try {
    const apps: Proc[] = [];
    for (let i = 1; i <= instances; i++) {
      const service = compose.apps[(i - 1) % compose.apps.length]!;
      const port = await freePort();
      const [bin, args] = nodeCommand(service.command);
      apps.push(start(`app${i}`, bin, args, { ...service.environment, ...local, PORT: String(port) }, `http://127.0.0.1:${port}`));
    }
    procs.push(...apps);
    const workerPort = await freePort();
    const [wbin, wargs] = nodeCommand(compose.worker.command);
    const worker = start('worker', wbin, wargs, { ...compose.worker.environment, ...local, WORKER_PORT: String(workerPort) }, `http://127.0.0.1:${workerPort}`);
    procs.push(worker);
    // The instances start together: the migration lock lets one of them migrate.
    await Promise.all([...apps, worker].map((p) => waitReady(p)));
    const caddy = start(
      'caddy',
      'caddy',
      ['run', '--config', path.join(ROOT, 'deploy', 'Caddyfile'), '--adapter', 'caddyfile'],
      {
        CADDY_ADMIN: 'off',
        CADDY_LOG_LEVEL: process.env.CADDY_LOG_LEVEL ?? 'WARN',
        LYHORD_SITE: `http://127.0.0.1:${proxyPort}`,
        LYHORD_UPSTREAMS: apps.map((a) => a.url.replace('http://', '')).join(' '),
        HOME: caddyHome,
        XDG_DATA_HOME: caddyHome,
        XDG_CONFIG_HOME: caddyHome,
      },
      `http://127.0.0.1:${proxyPort}`,
    );
    procs.push(caddy);
    await waitReady(caddy);
    return {
      proxyUrl: caddy.url,
      apps,
      worker,
      caddy,
      output: () => procs.map((p) => `--- ${p.name}\n${p.output()}`).join('\n'),
      async stop() {
        await stopProc(caddy);
        await Promise.all([...apps, worker].map(stopProc));
        await rm(caddyHome, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(procs.map(stopProc));
    await rm(caddyHome, { recursive: true, force: true });
    throw err;
  }
}
