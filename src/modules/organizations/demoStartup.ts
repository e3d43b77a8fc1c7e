import type { Db } from '../../db/database.ts';
import { seedDemoOrganization } from './demo.ts';
import { DEMO_PASSWORD, DEMO_STAFF, ROLE_LABEL, seedDemoStaff } from './demoStaff.ts';
import { countOrganizations } from './queries.ts';

/** First start in demo mode: an empty database gets Exempelkommun. */
export async function prepareDemo(db: Db): Promise<void> {
  if ((await countOrganizations(db)) > 0) return;
  const orgId = await seedDemoOrganization(db);
  await seedDemoStaff(db, orgId);
  console.log('Demodata för Exempelkommun har lagts in. Demokonton (lösenord för alla: ' + DEMO_PASSWORD + '):');
  for (const u of DEMO_STAFF) console.log(`  ${u.email.padEnd(40)} ${ROLE_LABEL[u.role]}${u.unit ? `, ${u.unit}` : ''}`);
}
