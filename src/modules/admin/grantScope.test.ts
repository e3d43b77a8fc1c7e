import { describe, expect, it } from 'vitest';
import { t, errorSummary, unitId, userId, as, withAdminApp } from './adminTestKit.ts';

withAdminApp();

const ULLA = 'superanvandare.bou@exempelkommun.se';
const HANNA = 'handlaggare.forskola@exempelkommun.se';
const grantsOf = async (email: string) =>
  (await t.db.selectFrom('role_grants').select(['role', 'org_unit_id']).where('user_id', '=', await userId(email)).execute()).map((g) => `${g.role}@${g.org_unit_id}`).sort();

describe('a unit admin’s own access', () => {
  it('cannot be widened by themselves: no role for themselves, not even in their förvaltning, and no form offering it', async () => {
    const ulla = await as(ULLA);
    const self = await userId(ULLA);
    const before = await grantsOf(ULLA);
    const page = await ulla.get(`/admin/personer/${self}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`action="/admin/personer/${self}/roller"`);

    const bou = await unitId('Barn och utbildning');
    for (const role of ['coordinator', 'handler', 'unit_admin', 'reader']) {
      const res = await ulla.post(`/admin/personer/${self}/roller`, { role, unitId: bou }, { csrfFrom: '/admin' });
      expect(res.statusCode, role).toBe(400);
      expect(errorSummary(res.body), role).toContain('Du kan inte ge dig själv roller');
    }
    expect(await grantsOf(ULLA)).toEqual(before);
  });

  it('still gives working roles in the förvaltning to others', async () => {
    const ulla = await as(ULLA);
    const res = await ulla.post(`/admin/personer/${await userId(HANNA)}/roller`, { role: 'coordinator', unitId: await unitId('Solrosens förskola') }, { csrfFrom: '/admin' });
    expect(res.statusCode, errorSummary(res.body)).toBe(303);
  });

  it('cannot take over a colleague’s account with a new invitation link once they have a password', async () => {
    const ulla = await as(ULLA);
    const hanna = await userId(HANNA);
    const hash = (await t.db.selectFrom('users').select('password_hash').where('id', '=', hanna).executeTakeFirstOrThrow()).password_hash;
    const res = await ulla.post(`/admin/personer/${hanna}/ny-inbjudan`, {}, { csrfFrom: '/admin' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/\/inbjudan\/[A-Za-z0-9_-]{43}/);
    expect(await t.db.selectFrom('user_invitations').select('id').where('user_id', '=', hanna).execute()).toHaveLength(0);
    expect((await t.db.selectFrom('users').select('password_hash').where('id', '=', hanna).executeTakeFirstOrThrow()).password_hash).toBe(hash);
  });
});
