import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// This file runs from bench/lib (TypeScript) or dist/bench/lib (compiled): the repository root is
// the nearest directory above with deploy/compose.yaml.
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = [path.resolve(here, '../..'), path.resolve(here, '../../..')].find((d) => {
  try {
    readFileSync(path.join(d, 'deploy', 'compose.yaml'));
    return true;
  } catch {
    return false;
  }
})!;

/** One service running the Lyhörd image: its command and settings as the container gets them. */
export interface LyhordService {
  name: string;
  command: string[];
  environment: Record<string, string>;
}

export interface Compose {
  /** Every service, by name. */
  services: Record<string, ComposeService>;
  apps: LyhordService[];
  worker: LyhordService;
  /** What the proxy service is told to balance over ("app1:3000 app2:3000"). */
  proxyUpstreams: string[];
}

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string;
  volumes?: string[];
  read_only?: boolean;
}

/** The final stage of the Containerfile: its ENV settings and its CMD. */
export function readContainerfile(file = path.join(ROOT, 'deploy', 'Containerfile')): { env: Record<string, string>; cmd: string[]; user: string | undefined } {
  const stages = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split(/^FROM /m);
  const last = stages[stages.length - 1]!;
  const env: Record<string, string> = {};
  for (const [, settings] of last.matchAll(/^ENV (.+)$/gm)) for (const [, k, v] of settings!.matchAll(/(\w+)=(\S+)/g)) env[k!] = v!;
  const cmd = /^CMD (\[.+\])$/m.exec(last);
  if (!cmd) throw new Error(`${file}: no CMD in the last stage`);
  return { env, cmd: JSON.parse(cmd[1]!) as string[], user: /^USER (\S+)$/m.exec(last)?.[1] };
}

/**
 * deploy/compose.yaml as the scale-out test and benchmark run it: the services built from the
 * Containerfile are the app instances (the image's CMD) and the worker (its own command).
 * DATABASE_URL is left out (it names the compose network's PostgreSQL).
 */
export function readCompose(file = path.join(ROOT, 'deploy', 'compose.yaml')): Compose {
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  const image = readContainerfile();
  const lyhord = Object.entries(doc.services)
    .filter(([, s]) => s.build !== undefined)
    .map(([name, s]): LyhordService => {
      const environment = { ...image.env, ...s.environment };
      delete environment.DATABASE_URL;
      for (const [k, v] of Object.entries(environment)) if (String(v).includes('${')) throw new Error(`${file}: ${name}.${k} needs interpolation the tests cannot do`);
      return { name, command: s.command ?? image.cmd, environment: Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v)])) };
    });
  const workers = lyhord.filter((s) => s.command.some((a) => a.includes('worker')));
  if (workers.length !== 1) throw new Error(`${file}: expected one worker service, found ${workers.length}`);
  const proxy = Object.values(doc.services).find((s) => s.environment?.LYHORD_UPSTREAMS);
  return {
    services: doc.services,
    apps: lyhord.filter((s) => !workers.includes(s)),
    worker: workers[0]!,
    proxyUpstreams: String(proxy?.environment?.LYHORD_UPSTREAMS ?? '').split(/\s+/).filter(Boolean),
  };
}
