import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { readCompose, readContainerfile, ROOT } from '../bench/lib/compose.ts';
import { startNodeFlags } from '../bench/lib/productionServer.ts';

/**
 * deploy/ as an operator gets it (images cannot be built or pulled on these machines, so this reads
 * the files; test/scaleout.test.ts runs the same topology with real processes).
 */

it('runs two app instances and one worker from a non-root, read-only image, behind Caddy, with PostgreSQL and Mailpit', () => {
  const compose = readCompose();
  expect(Object.keys(compose.services).sort()).toEqual(['app1', 'app2', 'caddy', 'mailpit', 'postgres', 'worker']);
  expect(compose.apps.map((a) => a.name)).toEqual(['app1', 'app2']);
  expect(compose.proxyUpstreams).toEqual(['app1:3000', 'app2:3000']);
  for (const s of [...compose.apps, compose.worker]) {
    expect(compose.services[s.name], s.name).toMatchObject({ read_only: true });
    expect(s.environment.NODE_ENV, s.name).toBe('production');
  }
  // Jobs run in the worker only; the app instances take requests.
  for (const s of compose.apps) expect(s.environment.RUN_JOBS, s.name).toBe('false');
  expect(compose.apps[0]!.command).toEqual(['node', ...startNodeFlags(), 'dist/src/server.js']);
  expect(compose.worker.command).toEqual(['node', 'dist/src/worker.js']);
  expect(compose.worker.environment.WORKER_PORT).toMatch(/^\d+$/);
  expect(compose.services.caddy!.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  // Production refuses to start without PUBLIC_URL (src/config.ts): the env file the services read names it.
  for (const s of [...compose.apps, compose.worker]) expect(compose.services[s.name]!.env_file, s.name).toBe('lyhord.env');
  expect(readFileSync(path.join(ROOT, 'deploy', 'lyhord.env.example'), 'utf8')).toMatch(/^PUBLIC_URL=https:\/\/\S+$/m);

  const image = readContainerfile();
  expect(image.user).toBeDefined();
  expect(image.user).not.toMatch(/^(root|0)$/);
  expect(readFileSync(path.join(ROOT, 'deploy', 'Containerfile'), 'utf8').replace(/\\\n/g, ' ')).toMatch(/^HEALTHCHECK .*\/health\/ready/m);
});

it('has a Caddyfile that Caddy accepts, and systemd units that name what exists', () => {
  const adapted = spawnSync('caddy', ['adapt', '--config', path.join(ROOT, 'deploy', 'Caddyfile'), '--adapter', 'caddyfile'], { encoding: 'utf8', env: { ...process.env, LYHORD_SITE: 'synpunkter.kommun.se' } });
  expect(adapted.status, adapted.stderr).toBe(0);
  const config = JSON.stringify(JSON.parse(adapted.stdout));
  expect(config).toContain('"/health/live"');
  expect(config).toContain('synpunkter.kommun.se');
  const unit = (name: string) => readFileSync(path.join(ROOT, 'deploy', 'systemd', name), 'utf8');
  expect(unit('lyhord@.service')).toContain(`\nExecStart=/usr/bin/node ${[...startNodeFlags(), 'dist/src/server.js'].join(' ')}\n`);
  expect(unit('lyhord@.service')).toMatch(/RUN_JOBS=false/);
  expect(unit('lyhord-worker.service')).toMatch(/^ExecStart=\/usr\/bin\/node dist\/src\/worker\.js$/m);
  expect(unit('lyhord.target')).toMatch(/lyhord@3001\.service lyhord@3002\.service lyhord-worker\.service/);
  // systemd's own check of the units (unknown keys, bad values), with the template given a port.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lyhord-units-'));
  try {
    for (const f of ['lyhord-worker.service', 'lyhord.target']) copyFileSync(path.join(ROOT, 'deploy', 'systemd', f), path.join(dir, f));
    copyFileSync(path.join(ROOT, 'deploy', 'systemd', 'lyhord@.service'), path.join(dir, 'lyhord@3001.service'));
    const verify = spawnSync('systemd-analyze', ['verify', '--man=no', ...['lyhord@3001.service', 'lyhord-worker.service', 'lyhord.target'].map((u) => path.join(dir, u))], { encoding: 'utf8' });
    if (verify.error === undefined) expect(verify.stdout + verify.stderr).not.toMatch(/Unknown|Failed|Invalid|ignoring/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
