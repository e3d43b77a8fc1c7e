import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { logAdminChange } from '../modules/admin/log.ts';
import { CliError, findOrganization, required, type Output } from './common.ts';

export const INSTALLATION_ADMIN_USAGE = `installation-admin --org <slug> --email <e-post> [--set ja|nej]
    Gör en användare till installationens administratör (eller tar bort det med --set nej). En
    installationsadministratör lägger upp och ändrar organisationerna under /admin/organisationer.`;

export interface InstallationAdminInput {
  org: string;
  email: string;
  value: boolean;
}

export function installationAdminInput(values: Record<string, string | undefined>): InstallationAdminInput {
  const set = (values.set ?? 'ja').trim().toLowerCase();
  if (!['ja', 'nej', 'yes', 'no', 'true', 'false'].includes(set)) throw new CliError('--set ska vara ja eller nej.', '--set must be ja or nej.', 2);
  return { org: required(values.org, 'org'), email: required(values.email, 'email').toLowerCase(), value: ['ja', 'yes', 'true'].includes(set) };
}

export async function setInstallationAdmin(db: Db, input: InstallationAdminInput, out: Output, now = new Date()): Promise<void> {
  const org = await findOrganization(db, input.org);
  await db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('users').select(['id', 'name', 'is_installation_admin']).where('organization_id', '=', org.id).where(sql<boolean>`lower(email) = ${input.email}`).executeTakeFirst();
    if (!user) throw new CliError(`Det finns ingen användare med e-postadressen ${input.email} i ${org.name}.`, `No user with that e-mail address in ${org.slug}.`);
    await tx.updateTable('users').set({ is_installation_admin: input.value }).where('id', '=', user.id).execute();
    await logAdminChange(tx, {
      organizationId: org.id,
      actor: { id: null, name: 'Kommandoraden' },
      action: 'update',
      entityType: 'user',
      entityId: user.id,
      summary: `${user.name} ${input.value ? 'blev' : 'är inte längre'} installationens administratör`,
      before: { installationAdmin: user.is_installation_admin },
      after: { installationAdmin: input.value },
      now,
    });
  });
  out.info(`${input.email} i ${org.name} är ${input.value ? 'nu' : 'inte längre'} installationens administratör.`);
}
