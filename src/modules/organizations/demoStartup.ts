import type { Db } from '../../db/database.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { seedDemoOrganization } from './demo.ts';
import { seedDemoCases, type DemoMail } from './demoCaseSteps.ts';
import { DEMO_PASSWORD, DEMO_STAFF, ROLE_LABEL, seedDemoStaff } from './demoStaff.ts';
import { countOrganizations } from './queries.ts';

/**
 * First start in demo mode: an empty database gets Exempelkommun, its staff and sample cases.
 * The cases are made here only, never by `seed-demo`, which may run against a real database.
 */
export async function prepareDemo(db: Db, opts: { mail?: DemoMail; clock?: Clock } = {}): Promise<void> {
  if ((await countOrganizations(db)) > 0) return;
  const orgId = await seedDemoOrganization(db);
  await seedDemoStaff(db, orgId);
  const cases = await seedDemoCases(db, orgId, (opts.clock ?? systemClock).now(), opts.mail);
  console.log('Demodata för Exempelkommun har lagts in. Demokonton (lösenord för alla: ' + DEMO_PASSWORD + '):');
  for (const u of DEMO_STAFF) console.log(`  ${u.email.padEnd(40)} ${ROLE_LABEL[u.role]}${u.unit ? `, ${u.unit}` : ''}`);
  console.log(`${cases} exempelsynpunkter har lagts in, med olika status, för registratorn och handläggarna.`);
}
