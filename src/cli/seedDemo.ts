import type { Db } from '../db/database.ts';
import { seedDemoOrganization } from '../modules/organizations/demo.ts';
import { DEMO_PASSWORD, DEMO_STAFF, ROLE_LABEL, seedDemoStaff } from '../modules/organizations/demoStaff.ts';
import { findDefaultOrganization, findOrganizationBySlug } from '../modules/organizations/queries.ts';
import { CliError, type Output } from './common.ts';

export const SEED_DEMO_USAGE = `seed-demo [--force]
    Lägger in demoorganisationen Exempelkommun (exempelkommun) och demokonton för varje roll,
    om de inte redan finns. Demokontona har ett känt lösenord, så kommandot vägrar (kod 2) mot en
    produktionsdatabas: en extern DATABASE_URL, eller en databas med andra organisationer eller
    användare än demons. Med --force läggs de in ändå, och varje demokonto måste byta lösenord
    vid första inloggningen.`;

const SLUG = 'exempelkommun';

export interface SeedDemoInput {
  force: boolean;
  /** DATABASE_URL is set: an installation's own database, not the embedded demo database. */
  externalDatabase: boolean;
}

/**
 * Why this database is a production database, or undefined when it is the demo's own: the
 * embedded database holding nothing but Exempelkommun and its demo accounts (or nothing yet).
 */
export async function productionReason(db: Db, externalDatabase: boolean): Promise<string | undefined> {
  if (externalDatabase) return 'DATABASE_URL pekar på en extern databas (inte den inbäddade demodatabasen)';
  const otherOrg = await db.selectFrom('organizations').select('slug').where('slug', '!=', SLUG).limit(1).executeTakeFirst();
  if (otherOrg) return `databasen har andra organisationer än Exempelkommun (${otherOrg.slug})`;
  const otherUser = await db.selectFrom('users').select('id').where('email', 'not in', DEMO_STAFF.map((u) => u.email)).limit(1).executeTakeFirst();
  if (otherUser) return 'databasen har användare som inte är demokonton';
  return undefined;
}

export async function seedDemo(db: Db, input: SeedDemoInput, out: Output): Promise<void> {
  const reason = await productionReason(db, input.externalDatabase);
  if (reason && !input.force) {
    throw new CliError(
      `${reason}. Demokontona har ett lösenord som står i README, så seed-demo lägger inte in dem i en produktionsdatabas. Vill du ändå det, kör med --force: då måste varje demokonto byta lösenord vid första inloggningen.`,
      'Refusing to seed demo accounts with a published password into a production database; use --force.',
      2,
    );
  }
  const mustChangePassword = reason !== undefined;

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
  await seedDemoStaff(db, org.id, { mustChangePassword });
  out.info(`Demokonton (lösenord för alla: ${DEMO_PASSWORD}${mustChangePassword ? '; måste bytas vid första inloggningen' : ''}):`);
  for (const u of DEMO_STAFF) out.info(`  ${u.email.padEnd(40)} ${ROLE_LABEL[u.role]}${u.unit ? `, ${u.unit}` : ''}`);
}
