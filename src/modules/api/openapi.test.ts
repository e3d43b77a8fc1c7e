import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSchema, NEW_CASE } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { API_EVENTS } from './schemas.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document, without a key, describing every endpoint', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([
      'DELETE /cases/{number}/legal-hold',
      'DELETE /cases/{number}/publication',
      'DELETE /webhooks/{id}',
      'GET /areas',
      'GET /audit',
      'GET /cases',
      'GET /cases/{number}',
      'GET /cases/{number}/publication',
      'GET /data-subjects',
      'GET /disposals',
      'GET /handlers',
      'GET /openapi.json',
      'GET /units',
      'GET /webhooks',
      'GET /webhooks/{id}',
      'POST /cases',
      'POST /cases/{number}/export',
      'POST /cases/{number}/legal-hold',
      'POST /cases/{number}/publication',
      'POST /cases/{number}/publication/approve',
      'POST /cases/{number}/transitions',
      'POST /deidentify',
      'POST /webhooks',
      'POST /webhooks/{id}/resume',
    ]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('only refers to schemas it defines', async () => {
    const text = (await t.app.inject('/api/v1/openapi.json')).body;
    const doc = JSON.parse(text);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
  });

  it('describes each transition event with its own schema', async () => {
    const doc = JSON.parse((await t.app.inject('/api/v1/openapi.json')).body);
    expect(doc.components.schemas.Transition.oneOf).toHaveLength(API_EVENTS.length);
    expect(Object.keys(doc.components.schemas.Transition.discriminator.mapping).sort()).toEqual([...API_EVENTS].sort());
    expectSchema('Transition_register', { event: 'register', kind: 'fraga', areaId: crypto.randomUUID(), significance: 'important', unitId: crypto.randomUUID(), version: 3 });
    expectSchema('Transition_start', { event: 'start' });
  });

  it('has examples that satisfy its own schemas', async () => {
    const doc = JSON.parse((await t.app.inject('/api/v1/openapi.json')).body);
    for (const example of doc.components.schemas.NewCase.examples) expectSchema('NewCase', example);
    expectSchema('NewCase', NEW_CASE);
  });
});
