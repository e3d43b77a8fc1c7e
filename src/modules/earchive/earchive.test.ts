import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { buildCase, type BuiltCase } from '../../../test/factories.ts';
import type { Actor } from '../cases/policy.ts';
import { archiveExportCommand, archiveExportInput, archiveReceiptCommand, archiveReceiptInput } from '../../cli/archiveExport.ts';
import { rulesWithText } from '../retention/disposal.ts';
import { dueByDelivery } from '../retention/due.ts';
import { buildPackage } from './build.ts';
import { writePackage } from './write.ts';
import { xmllint, xmllintAsDelivered } from './validate.ts';

/** A delivery of the kept cases of 2027, validated with xmllint against the official schemas. */

let t: TestContext;
let out: string;
let actor: Actor;
const c: Record<string, BuiltCase> = {};
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2033-01-10T09:00:00Z' });
  out = await mkdtemp(path.join(tmpdir(), 'lyhord-earkiv-'));
  const unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Gata och park').executeTakeFirstOrThrow()).id;
  const u = await t.db.selectFrom('users').select(['id', 'name']).where('email', '=', 'arkivarie@exempelkommun.se').executeTakeFirstOrThrow();
  actor = { kind: 'user', id: u.id, name: u.name, organizationId: t.orgId, grants: [{ role: 'archivist', unitId: null }] };
  const closed = (closedAt: string, significance: 'important' | 'routine', extra: Record<string, unknown> = {}) =>
    buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date(new Date(closedAt).getTime() - 5 * 86_400_000), closedAt: new Date(closedAt), significance, unitId, outcome: 'answered', ...extra });
  c.kept = await closed('2027-03-01T10:00:00Z', 'important', { answerMessage: true, description: 'Förslag om fler bänkar & <bord> vid "Storgatan".' });
  c.secret = await closed('2027-04-01T10:00:00Z', 'important', { confidential: true, confidentialityRef: 'OSL 26 kap. 1 §', contact: null });
  c.routine = await closed('2027-05-01T10:00:00Z', 'routine');
  c.held = await closed('2027-06-01T10:00:00Z', 'important');
  c.later = await closed('2028-01-15T10:00:00Z', 'important');
  await t.db.updateTable('cases').set({ legal_hold: true }).where('id', '=', c.held.id).execute();
  await t.db.insertInto('attachments').values({ case_id: c.kept.id, filename: 'karta över torget.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: Buffer.alloc(32), content: Buffer.from('%PDF-1.4\n') }).execute();
  await t.db.insertInto('case_events').values({ case_id: c.kept.id, type: 'measure', actor_label: 'Gustav', data: JSON.stringify({ text: 'Två bänkar beställda.' }) }).execute();
});
afterAll(async () => {
  await t.close();
  await rm(out, { recursive: true, force: true });
});

const walk = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true })).flatMap((e) => (e.isDirectory() ? [] : [path.join(dir, e.name)])).concat(
    ...(await Promise.all((await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => walk(path.join(dir, e.name))))),
  );

describe('an e-archive delivery (FGS 2.0 / E-ARK SIP)', () => {
  let dir: string;
  let packageId: string;
  it('holds the kept cases closed that year, not routine, held or later ones, and marks them delivered', async () => {
    const r = await buildPackage(t.db, actor, { id: t.orgId, name: 'Exempelkommun' }, 2027, t.clock.now());
    if (r.kind !== 'built') throw new Error('expected a package');
    packageId = r.id;
    expect(r.caseCount).toBe(2);
    expect(r.held).toEqual([c.held!.number]);
    dir = await writePackage(out, r.id, r.files);
    const files = (await walk(dir)).map((f) => path.relative(dir, f)).sort();
    expect(files).toContain('METS.xml');
    expect(files).toContain('metadata/descriptive/erms.xml');
    expect(files).toContain('metadata/preservation/premis.xml');
    expect(files).toContain('representations/rep1/METS.xml');
    expect(files).toContain(`representations/rep1/data/${c.kept!.number}/arende.xml`);
    expect(files).toContain(`representations/rep1/data/${c.kept!.number}/arende.pdf`);
    // The answer waits to be sent: not mail that went out, so not an .eml (messageFiles.ts).
    expect(files).toContain(`representations/rep1/data/${c.kept!.number}/meddelanden/01-answer.txt`);
    expect(files).toContain(`representations/rep1/data/${c.kept!.number}/bilagor/01-karta_över_torget.pdf`);
    expect(files.some((f) => f.includes(c.routine!.number) || f.includes(c.held!.number) || f.includes(c.later!.number))).toBe(false);
    for (const s of ['mets.xsd', 'premis-v3-0.xsd', 'ERMS_v3.xsd', 'xlink.xsd', 'lyhord-case.xsd']) expect(files).toContain(`schemas/${s}`);
    const rows = await t.db.selectFrom('cases').select(['number', 'delivered_package_id']).where('delivered_package_id', 'is not', null).execute();
    expect(rows.map((x) => x.number).sort()).toEqual([c.kept!.number, c.secret!.number].sort());
  }, 180_000);

  it('validates against the official METS, PREMIS and ERMS schemas with xmllint', async () => {
    for (const [file, schema] of [
      ['METS.xml', 'lyhord-mets-validation.xsd'],
      ['representations/rep1/METS.xml', 'lyhord-mets-validation.xsd'],
      ['METS.xml', 'mets.xsd'],
      ['metadata/preservation/premis.xml', 'premis-v3-0.xsd'],
      ['metadata/descriptive/erms.xml', 'ERMS_v3.xsd'],
      [`representations/rep1/data/${c.kept!.number}/arende.xml`, 'lyhord-case.xsd'],
      [`representations/rep1/data/${c.secret!.number}/arende.xml`, 'lyhord-case.xsd'],
    ] as const) {
      const r = await xmllint(path.join(dir, file), schema);
      expect(r.output, `${file} against ${schema}`).toContain('validates');
      expect(r.ok).toBe(true);
    }
  });

  it('validates offline against the schemas delivered in the package itself, with no catalog', async () => {
    for (const file of ['METS.xml', 'representations/rep1/METS.xml']) {
      const r = await xmllintAsDelivered(path.join(dir, file), path.join(dir, 'schemas/mets.xsd'));
      expect(r.output, file).toContain('validates');
      expect(r.ok).toBe(true);
    }
  });

  it('lists every file in a METS file section with a SHA-256 checksum that holds', async () => {
    const root = await readFile(path.join(dir, 'METS.xml'), 'utf8');
    const rep = await readFile(path.join(dir, 'representations/rep1/METS.xml'), 'utf8');
    const entries = [
      ...[...root.matchAll(/CHECKSUM="([0-9a-f]{64})" CHECKSUMTYPE="SHA-256"[^>]*>\s*<FLocat[^>]*xlink:href="([^"]+)"/g)].map((m) => [m[2]!, m[1]!]),
      ...[...root.matchAll(/<mdRef [^>]*xlink:href="([^"]+)"[^>]*CHECKSUM="([0-9a-f]{64})"/g)].map((m) => [m[1]!, m[2]!]),
      ...[...rep.matchAll(/CHECKSUM="([0-9a-f]{64})" CHECKSUMTYPE="SHA-256"[^>]*>\s*<FLocat[^>]*xlink:href="([^"]+)"/g)].map((m) => [`representations/rep1/${m[2]!}`, m[1]!]),
    ];
    const onDisk = (await walk(dir)).map((f) => path.relative(dir, f)).filter((f) => f !== 'METS.xml').sort();
    expect(entries.map(([f]) => f).sort()).toEqual(onDisk);
    for (const [f, sum] of entries) expect(createHash('sha256').update(await readFile(path.join(dir, f!))).digest('hex'), f).toBe(sum);
  });

  it('marks confidential cases, and PDFs are PDF/A', async () => {
    const record = await readFile(path.join(dir, `representations/rep1/data/${c.secret!.number}/arende.xml`), 'utf8');
    expect(record).toContain('<sekretess markerad="true" lagrum="OSL 26 kap. 1 §"/>');
    expect(await readFile(path.join(dir, 'metadata/descriptive/erms.xml'), 'utf8')).toContain('OSL 26 kap. 1 §');
    const kept = await readFile(path.join(dir, `representations/rep1/data/${c.kept!.number}/arende.xml`), 'utf8');
    expect(kept).toContain('Förslag om fler bänkar &amp; &lt;bord&gt; vid "Storgatan".');
    expect(kept).toContain('<text slag="text">Två bänkar beställda.</text>');
    const pdf = await readFile(path.join(dir, `representations/rep1/data/${c.kept!.number}/arende.pdf`));
    expect(pdf.includes('<pdfaid:part>2</pdfaid:part>')).toBe(true);
    expect(pdf.includes('/FontFile2')).toBe(true);
  });

  it('says so when the year has nothing kept to deliver (or all of it was delivered)', async () => {
    expect(await buildPackage(t.db, actor, { id: t.orgId, name: 'Exempelkommun' }, 2020, t.clock.now())).toEqual({ kind: 'empty', held: [], waiting: [] });
    // 2027 again: its kept cases are in the package made above, which waits for its receipt; they are not packaged twice.
    expect(await buildPackage(t.db, actor, { id: t.orgId, name: 'Exempelkommun' }, 2027, t.clock.now())).toEqual({ kind: 'empty', held: [c.held!.number], waiting: [packageId] });
  });

  it('the commands: export a year to a folder, then record the receipt, after which its cases are due', async () => {
    const lines: string[] = [];
    const output = { info: (l: string) => lines.push(l), result: (l: string) => lines.push(l) };
    const now = () => t.clock.now();
    await archiveExportCommand(t.db, archiveExportInput({ org: 'exempelkommun', 'closed-year': '2028', out }, now()), output, now);
    const id = /^Leveranspaket ([0-9a-f-]{36}) med 1 ärende: (.+)$/.exec(lines.at(-1)!);
    expect(id, lines.join('\n')).not.toBeNull();
    expect((await readFile(path.join(id![2]!, 'METS.xml'), 'utf8')).includes(`OBJID="${id![1]}"`)).toBe(true);
    expect(() => archiveExportInput({ org: 'exempelkommun', 'closed-year': '28', out }, now())).toThrow(/--closed-year/);
    await archiveExportCommand(t.db, archiveExportInput({ org: 'exempelkommun', 'closed-year': '2020', out }, now()), output, now);
    expect(lines.at(-1)).toMatch(/^Inget att leverera: inga bevarade ärenden i .+ avslutades 2020/);

    const rules = await rulesWithText(t.db, t.orgId);
    expect((await dueByDelivery(t.db, t.orgId, '2034-01-01', rules, { limit: 10 })).map((d) => d.number)).toEqual([]);
    expect(() => archiveReceiptInput({ org: 'exempelkommun', package: 'paket-1', receipt: 'KA 1' })).toThrow(/--package/);
    expect(() => archiveReceiptInput({ org: 'exempelkommun', package: id![1] })).toThrow(/--receipt saknas/);
    await archiveReceiptCommand(t.db, archiveReceiptInput({ org: 'exempelkommun', package: id![1], receipt: 'KA 2033/7' }), output, now);
    expect(lines.at(-1)).toContain('Kvittensen KA 2033/7 är sparad');
    await expect(archiveReceiptCommand(t.db, archiveReceiptInput({ org: 'exempelkommun', package: id![1], receipt: 'KA 2033/8' }), output, now)).rejects.toThrow(/redan kvitterat/);
    expect((await dueByDelivery(t.db, t.orgId, '2034-01-01', rules, { limit: 10 })).map((d) => d.number)).toEqual([c.later!.number]);
  }, 120_000);

  it('a broken file fails validation: the check can fail', async () => {
    const bad = path.join(out, 'bad.xml');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, '<premis xmlns="http://www.loc.gov/premis/v3" version="3.0"><nonsense/></premis>'));
    expect((await xmllint(bad, 'premis-v3-0.xsd')).ok).toBe(false);
  });
});
