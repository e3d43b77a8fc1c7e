import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { startNodeFlags } from './productionServer.ts';

/**
 * Servers under load run in their own process: the load generator then does not share their
 * event loop, and the peak memory measured is the server's alone.
 */

type Message = { type: 'ready'; port: number } | { type: 'stopped'; maxRssKiB: number };

export interface RunningServer {
  url: string;
  pid: number;
  /** Closes the server and returns its peak resident memory in bytes. */
  stop(): Promise<{ peakRss: number }>;
  /** For clean-up after a failure; does nothing once the server has stopped. */
  kill(): void;
}

/**
 * Starts a bench/*Server.ts entry point in a child process and waits until it listens. Under
 * `npm run bench` this module is compiled (dist/bench/lib/server.js): the server then runs its
 * compiled twin too, as production does; from TypeScript it runs through tsx.
 */
export function startServer(
  entry: URL,
  env: Record<string, string>,
  /** Node flags: by default those `npm start` gives the app (package.json); the bare comparison server passes []. */
  { nodeFlags = startNodeFlags() }: { nodeFlags?: string[] } = {},
): Promise<RunningServer> {
  const compiled = import.meta.url.endsWith('.js');
  const script = compiled ? new URL(entry.href.replace(/\.tsx?$/, '.js')) : entry;
  const child = fork(script, [], {
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (see bench/profile.ts).
    execArgv: [...nodeFlags, ...(compiled ? [] : ['--import', 'tsx']), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: Message['type']) =>
    new Promise<Message>((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m.type !== type) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(m);
      };
      const onExit = (code: number | null) => reject(new Error(`${entry.pathname} exited with code ${code} before "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  return next('ready').then((ready) => ({
    url: `http://127.0.0.1:${(ready as { port: number }).port}`,
    pid: child.pid!,
    async stop() {
      const stopped = next('stopped');
      child.send({ type: 'stop' });
      const { maxRssKiB } = (await stopped) as { maxRssKiB: number };
      // Let it exit on its own: a CPU profile (BENCH_CPU_PROF) is written on the way out.
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      return { peakRss: maxRssKiB * 1024 };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  }));
}

/** The child's side: listen on a free loopback port, report it, and close when told to. */
export async function serveForBench(app: FastifyInstance, close: () => Promise<void>): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  // Never outlive the benchmark, also when it is interrupted.
  process.once('disconnect', () => process.exit(0));
  process.on('message', async (m: { type: string }) => {
    if (m.type !== 'stop') return;
    await app.close();
    await close();
    // ru_maxrss: the peak resident set of this process over its whole life, in KiB on Linux.
    process.send!({ type: 'stopped', maxRssKiB: process.resourceUsage().maxRSS } satisfies Message, () => process.disconnect());
  });
  process.send!({ type: 'ready', port: (app.server.address() as AddressInfo).port } satisfies Message);
}
