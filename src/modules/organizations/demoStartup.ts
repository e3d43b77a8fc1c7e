import type { Db } from '../../db/database.ts';
import { seedDemoOrganization } from './demo.ts';
import { countOrganizations } from './queries.ts';

/** First start in demo mode: an empty database gets Exempelkommun. */
export async function prepareDemo(db: Db): Promise<void> {
  if ((await countOrganizations(db)) > 0) return;
  await seedDemoOrganization(db);
  console.log('Demodata för Exempelkommun har lagts in.');
}
