import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited (with its code). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit (SIGKILL after a grace period). */
  stop(): Promise<number | null>;
}

/**
 * Starts one of our entry points as a real process: TypeScript through tsx ('src/server.ts'),
 * or the compiled build ('dist/src/server.js', after `npm run build`).
 */
export function startProcess(name: string, entry: string, env: Record<string, string | undefined>, argv: string[] = []): RunningProcess {
  const args = [...(entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry]), ...argv];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls a URL until it answers 200 (or the process dies, or time runs out). */
export async function waitForOk(url: string, proc?: RunningProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let dead = false;
  void proc?.exited.then(() => (dead = true));
  for (;;) {
    if (dead) throw new Error(`${proc!.name} exited before ${url} answered:\n${proc!.output().slice(-3000)}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms${proc ? `:\n${proc.output().slice(-3000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
