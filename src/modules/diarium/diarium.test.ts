import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { multipart, PNG_FILE, signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { assignedTo, DEMO, eventTypes } from '../../../test/staffCases.ts';
import { xmllint } from '../earchive/validate.ts';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events.ts';
import { createSubscription } from '../webhooks/subscriptions.ts';
import { sealerFor } from '../../platform/crypto.ts';

/** The hand-over to the diarium: a package from the API and the case page, recorded and announced. */

let t: TestContext;
let dir: string;
let registrarKey: string;
let number: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  dir = await mkdtemp(path.join(tmpdir(), 'lyhord-diarium-'));
  registrarKey = await newApiKey(t.db, t.orgId, 'registrar', 'Diariet');
  const by = { organizationId: t.orgId, userId: null, apiKeyId: null, name: 'Test' };
  await createSubscription(t.db, sealerFor(Buffer.alloc(32, 1)), by, { url: 'https://diarium.exempelkommun.se/hook', eventTypes: [...WEBHOOK_EVENT_TYPES], description: '', allowInsecure: false }, t.clock.now());
  // An e-service submission with a picture, registered and assigned: an open case, as one that becomes a formal errand is.
  const { headers, payload } = multipart(
    { case: JSON.stringify({ kind: 'klagomal', description: 'Trasig gatlykta på Storgatan & <Kyrkvägen>.', channel: 'web', language: 'sv', contact: { name: 'Åsa Öberg', email: 'asa@example.se', replyChannel: 'email' } }) },
    [{ filename: 'lyktan i mörkret.png', content: PNG_FILE, type: 'image/png' }],
  );
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...headers, authorization: `Bearer ${registrarKey}` }, payload });
  expect(created.statusCode, created.body).toBe(201);
  number = created.json().number;
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const exportByKey = (key: string, n = number) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${n}/export`, headers: { authorization: `Bearer ${key}` } });
const exportsOf = async (n: string) => (await eventTypes(t, n)).filter((e) => e === 'exported').length;

describe('POST /api/v1/cases/{number}/export', () => {
  it('returns the case as PDF and valid XML with its attachment and checksums, recorded in the history and announced', async () => {
    const res = await exportByKey(registrarKey);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${number}.zip"`);
    const sha256 = createHash('sha256').update(res.rawPayload).digest('hex');
    expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);

    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    expect(names).toEqual([`${number}/SHA256SUMS`, `${number}/arende.pdf`, `${number}/arende.xml`, `${number}/bilagor/01-lyktan_i_mörkret.png`]);
    const read = (name: string) => zip.file(`${number}/${name}`)!.async('nodebuffer');
    expect((await read('bilagor/01-lyktan_i_mörkret.png')).equals(PNG_FILE)).toBe(true);
    expect((await read('arende.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // SHA256SUMS as sha256sum -c reads it, one line per file.
    const sums = (await read('SHA256SUMS')).toString().trim().split('\n');
    expect(sums).toHaveLength(3);
    for (const line of sums) {
      const [hex, file] = line.split('  ');
      expect(createHash('sha256').update(await read(file!)).digest('hex'), file).toBe(hex);
    }
    // The case record: the e-archive's schema, open case (no avslutat), everything escaped.
    const xml = (await read('arende.xml')).toString();
    const xmlFile = path.join(dir, 'arende.xml');
    await writeFile(xmlFile, xml);
    const lint = await xmllint(xmlFile, 'lyhord-case.xsd');
    expect(lint.ok, lint.output).toBe(true);
    expect(xml).toContain('Trasig gatlykta på Storgatan &amp; &lt;Kyrkvägen&gt;.');
    expect(xml).toContain('<namn>Åsa Öberg</namn>');
    expect(xml).not.toContain('<avslutat>');
    expect(xml).toContain('fil="bilagor/01-lyktan_i_mörkret.png"');

    const entry = await t.db
      .selectFrom('case_events as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select(['e.actor_label', 'e.data'])
      .where('c.number', '=', number)
      .where('e.type', '=', 'exported')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_label: 'Diariet', data: { sha256, files: 4, bytes: res.rawPayload.length } });
    const announced = await t.db.selectFrom('webhook_events').select(['type', 'status', 'extra']).where('case_number', '=', number).where('type', '=', 'case.exported').execute();
    expect(announced).toEqual([{ type: 'case.exported', status: 'assigned', extra: {} }]);
  });

  it('is refused to keys that may not hand over, and 404 for a case the key cannot see, recording nothing', async () => {
    const before = await exportsOf(number);
    for (const role of ['reader', 'handler', 'unit_admin', 'archivist'] as const) {
      const res = await exportByKey(await newApiKey(t.db, t.orgId, role), number);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect((await exportByKey(registrarKey, 'SYN-2026-99999')).statusCode).toBe(404);
    expect((await exportByKey(registrarKey, 'inte-ett-nummer')).statusCode).toBe(400);
    expect((await apiClient(t.app, null).post(`/cases/${number}/export`)).status).toBe(401);
    expect(await exportsOf(number)).toBe(before);
  });

  it('is in the OpenAPI document as a zip', async () => {
    const doc = JSON.parse((await t.app.inject('/api/v1/openapi.json')).body);
    expect(Object.keys(doc.paths['/cases/{number}/export'].post.responses[200].content)).toEqual(['application/zip']);
  });
});

describe('the case page', () => {
  const page = () => `/handlaggning/arenden/${number}`;

  it('offers the package to the registrar, downloads it with the CSRF token, and shows the hand-over', async () => {
    const s = await signedIn(t.app, DEMO.registrar);
    const html = (await s.get(page())).body;
    expect(html).toContain('<h2 id="diarium-rubrik">Diariet</h2>');
    expect(html).toContain(`action="${page()}/diarium"`);
    expect((await s.post(`${page()}/diarium`, {}, { csrf: false })).statusCode).toBe(403);
    const before = await exportsOf(number);
    const res = await s.post(`${page()}/diarium`, {}, { csrfFrom: page() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${number}.zip"`);
    expect(Object.keys((await JSZip.loadAsync(res.rawPayload)).files)).toContain(`${number}/arende.pdf`);
    expect(await exportsOf(number)).toBe(before + 1);
    const after = (await s.get(page())).body;
    expect(after).toContain('Senast överlämnat');
    expect(after).toContain('Rebecka Registrator');
    expect(after).toContain('Överlämnad till diariet');
  });

  it('shows nothing to a handler or reader, and answers their post with 404', async () => {
    for (const email of [DEMO.handlerGata, DEMO.reader]) {
      const s = await signedIn(t.app, email);
      const html = (await s.get(page())).body;
      expect(html, email).not.toContain('diarium-rubrik');
      expect((await s.post(`${page()}/diarium`, {}, { csrfFrom: '/handlaggning/arenden' })).statusCode, email).toBe(404);
    }
  });
});
