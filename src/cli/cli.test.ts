import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../test/app.ts';
import { createTestDatabase } from '../../test/db.ts';
import { productionReason, seedDemo } from './seedDemo.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI as `npm run cli` does, against a test database; stdin is piped when given, otherwise /dev/null. */
function cli(args: string[], opts: { stdin?: string; url?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: opts.url ?? t.url },
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
  });
}

const lastLine = (s: string) => s.trimEnd().split('\n').at(-1)!;

// Each test starts the CLI as a process (tsx compiles on start): slower than an inject.
describe('npm run cli -- create-user', { timeout: 120_000 }, () => {
  it('takes a piped password, and the user can sign in with it over HTTP', async () => {
    const password = 'ett långt lösenord 2026';
    const res = await cli(['create-user', '--org', 'exempelkommun', '--email', 'Ny.Admin@Exempelkommun.se', '--name', 'Nina Ny', '--role', 'admin'], { stdin: `${password}\n` });
    expect(res.stderr).toContain('har skapats');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const s = await new Session(t.app).signIn('ny.admin@exempelkommun.se', password);
    expect((await s.get('/admin/api-nycklar')).statusCode).toBe(200);
  });

  it('generates a strong password, alone on the last line, when none is piped in; grants on a unit by name', async () => {
    const res = await cli(['create-user', '--org', 'exempelkommun', '--email', 'gata2@exempelkommun.se', '--name', 'Gösta Gata', '--role', 'handläggare', '--unit', 'gata och park']);
    expect(res.code).toBe(0);
    const password = lastLine(res.stdout);
    expect(password.length).toBeGreaterThanOrEqual(20);
    await new Session(t.app).signIn('gata2@exempelkommun.se', password);
    const grant = await t.db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .innerJoin('org_units as o', 'o.id', 'g.org_unit_id')
      .select(['g.role', 'o.name'])
      .where('u.email', '=', 'gata2@exempelkommun.se')
      .executeTakeFirstOrThrow();
    expect(grant).toEqual({ role: 'handler', name: 'Gata och park' });
  });

  it('refuses bad input with a clear message and a non-zero exit, creating nobody', async () => {
    const base = ['create-user', '--org', 'exempelkommun', '--email', 'fel@exempelkommun.se', '--name', 'Fel Fel'];
    const cases: [string[], string | undefined, number, RegExp][] = [
      [[...base, '--role', 'superhero'], undefined, 2, /Rollen "superhero" finns inte/],
      [[...base, '--role', 'handler', '--unit', 'Månbasen'], undefined, 1, /Enheten "Månbasen" finns inte/],
      [[...base, '--role', 'handler'], 'kort\n', 1, /minst 12 tecken/],
      [['create-user', '--org', 'finnsinte', '--email', 'x@y.se', '--name', 'X', '--role', 'admin'], undefined, 1, /Organisationen "finnsinte" finns inte/],
      [['create-user', '--org', 'exempelkommun', '--email', 'admin@exempelkommun.se', '--name', 'Dubblett', '--role', 'admin'], undefined, 1, /finns redan en användare/],
      [[...base, '--role', 'admin', '--okand'], undefined, 2, /okand/],
      [['create-user', '--org', 'exempelkommun', '--name', 'X', '--role', 'admin'], undefined, 2, /--email saknas/],
    ];
    // In parallel: each run starts a Node process of its own.
    const results = await Promise.all(cases.map(([args, stdin]) => cli(args, { stdin })));
    for (const [i, [args, , code, message]] of cases.entries()) {
      const res = results[i]!;
      expect(res.stderr, args.join(' ')).toMatch(message);
      expect(res.stderr).toMatch(/^\(Error: /m);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stdout).toBe('');
    }
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'fel@exempelkommun.se').executeTakeFirst()).toBeUndefined();
  });
});

describe('npm run cli -- create-api-key', { timeout: 120_000 }, () => {
  it('prints a key alone on its last line that works against the API', async () => {
    const res = await cli(['create-api-key', '--org', 'exempelkommun', '--role', 'reader', '--name', 'Statistikverktyget']);
    expect(res.code).toBe(0);
    const key = lastLine(res.stdout);
    expect(key).toMatch(/^lyh_[A-Za-z0-9_-]{43}$/);
    const api = apiClient(t.app, key);
    expect((await api.get('/cases')).status).toBe(200);
    expect((await api.post('/cases', {})).status).toBe(403);
    const row = await t.db.selectFrom('api_keys').select(['name', 'role', 'created_by']).where('prefix', '=', key.slice(0, 10)).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Statistikverktyget', role: 'reader', created_by: null });
  });
});

describe('npm run cli -- seed-demo', { timeout: 120_000 }, () => {
  it('refuses a production database with exit code 2; with --force seeds once, every demo account forced to change password', async () => {
    const fresh = await createTestDatabase(2);
    try {
      const refused = await cli(['seed-demo'], { url: fresh.url });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/DATABASE_URL pekar på en extern databas.*--force/);
      expect(await fresh.db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await fresh.db.selectFrom('organizations').select('id').execute()).toEqual([]);

      const first = await cli(['seed-demo', '--force'], { url: fresh.url });
      expect(first.code).toBe(0);
      expect(first.stderr).toContain('Exempelkommun har lagts in');
      expect(first.stderr).toContain('måste bytas vid första inloggningen');
      const users = await fresh.db.selectFrom('users').select(['email', 'must_change_password']).execute();
      expect(users.map((u) => u.email)).toContain('admin@exempelkommun.se');
      expect(users.every((u) => u.must_change_password)).toBe(true);
      const again = await cli(['seed-demo', '--force'], { url: fresh.url });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('finns redan');
      expect(await fresh.db.selectFrom('organizations').select('id').execute()).toHaveLength(1);
    } finally {
      await fresh.drop();
    }
  });

  it('counts the embedded database as the demo only while it holds nothing but Exempelkommun and its demo accounts', async () => {
    const fresh = await createTestDatabase(2);
    try {
      expect(await productionReason(fresh.db, false)).toBeUndefined();
      const out = { info: () => {}, result: () => {} };
      await seedDemo(fresh.db, { force: false, externalDatabase: false }, out);
      expect(await productionReason(fresh.db, false)).toBeUndefined();
      expect((await fresh.db.selectFrom('users').select('must_change_password').execute()).some((u) => u.must_change_password)).toBe(false);
      const org = await fresh.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
      await fresh.db.insertInto('users').values({ organization_id: org.id, email: 'riktig@kommun.se', name: 'Riktig Person', password_hash: null }).execute();
      expect(await productionReason(fresh.db, false)).toMatch(/användare som inte är demokonton/);
      await expect(seedDemo(fresh.db, { force: false, externalDatabase: false }, out)).rejects.toMatchObject({ exitCode: 2 });
      expect(await productionReason(fresh.db, true)).toMatch(/DATABASE_URL/);
    } finally {
      await fresh.drop();
    }
  });

  it('shows the usage for help and an unknown command', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-api-key --org <slug> --role <roll>');
    expect(help.stdout).toContain('seed-demo [--force]');
    const unknown = await cli(['gör-något']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Okänt kommando');
  });
});
