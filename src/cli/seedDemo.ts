import type { Db } from '../db/database.ts';
import { seedDemoOrganization } from '../modules/organizations/demo.ts';
import { DEMO_PASSWORD, DEMO_STAFF, ROLE_LABEL, seedDemoStaff } from '../modules/organizations/demoStaff.ts';
import { findDefaultOrganization, findOrganizationBySlug } from '../modules/organizations/queries.ts';
import type { Output } from './common.ts';

export const SEED_DEMO_USAGE = `seed-demo
    Lägger in demoorganisationen Exempelkommun (exempelkommun) och demokonton för varje roll,
    om de inte redan finns. Demokontona har ett känt lösenord: inte för en produktionsdatabas.`;

const SLUG = 'exempelkommun';

export async function seedDemo(db: Db, out: Output): Promise<void> {
  let org = await findOrganizationBySlug(db, SLUG);
  if (org) out.info(`Exempelkommun finns redan (${SLUG}).`);
  else {
    // Exempelkommun serves the plain paths only if nothing else does already.
    const isDefault = !(await findDefaultOrganization(db));
    await seedDemoOrganization(db, { isDefault });
    org = (await findOrganizationBySlug(db, SLUG))!;
    out.info(`Exempelkommun har lagts in${isDefault ? '' : ` (nås under /o/${SLUG}/ eftersom en annan organisation är förvald)`}.`);
  }

  const existing = await db.selectFrom('users').select('email').where('organization_id', '=', org.id).where('email', 'in', DEMO_STAFF.map((u) => u.email)).execute();
  if (existing.length > 0) {
    out.info('Demokontona finns redan.');
    return;
  }
  await seedDemoStaff(db, org.id);
  out.info(`Demokonton (lösenord för alla: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_STAFF) out.info(`  ${u.email.padEnd(40)} ${ROLE_LABEL[u.role]}${u.unit ? `, ${u.unit}` : ''}`);
}
