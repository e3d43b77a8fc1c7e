import { afterAll, beforeAll } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';

/** The admin tests' app (one per test file, with the demo staff) and their small helpers. */
export let t: TestContext;
export function withAdminApp() {
  beforeAll(async () => {
    t = await startTestApp({ staff: true });
  });
  afterAll(() => t.close());
}

export const errorSummary = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
export const unitId = async (name: string) => (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
export const unit = async (name: string) => t.db.selectFrom('org_units').selectAll().where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow();
export const userId = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).where('organization_id', '=', t.orgId).executeTakeFirstOrThrow()).id;
export const logCount = async () => Number((await t.db.selectFrom('admin_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
export const as = (email: string) => new Session(t.app).signIn(email);
