import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';

/** Demo only: every demo account shares this password, shown on the sign-in page in demo mode. */
export const DEMO_PASSWORD = 'exempel-demo-2026';

export const ROLE_LABEL: Record<Role, string> = {
  registrar: 'Registrator',
  coordinator: 'Synpunktsansvarig',
  handler: 'Handläggare',
  unit_admin: 'Superanvändare',
  reader: 'Läsare',
  admin: 'Administratör',
  archivist: 'Arkivarie',
};

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** Name of the unit the role is granted on; absent = the whole organization. */
  unit?: string;
  /** Manages the installation's organizations too (users.is_installation_admin). */
  installationAdmin?: boolean;
}

export const DEMO_STAFF: DemoUser[] = [
  { email: 'registrator@exempelkommun.se', name: 'Rebecka Registrator', role: 'registrar' },
  { email: 'samordnare.bou@exempelkommun.se', name: 'Sara Samordnare', role: 'coordinator', unit: 'Barn och utbildning' },
  { email: 'samordnare.sbf@exempelkommun.se', name: 'Sven Samordnare', role: 'coordinator', unit: 'Samhällsbyggnad' },
  { email: 'handlaggare.forskola@exempelkommun.se', name: 'Hanna Handläggare', role: 'handler', unit: 'Förskoleavdelningen' },
  { email: 'handlaggare.gata@exempelkommun.se', name: 'Gustav Gatuchef', role: 'handler', unit: 'Gata och park' },
  { email: 'superanvandare.bou@exempelkommun.se', name: 'Ulla Superanvändare', role: 'unit_admin', unit: 'Barn och utbildning' },
  { email: 'lasare@exempelkommun.se', name: 'Lars Läsare', role: 'reader' },
  { email: 'arkivarie@exempelkommun.se', name: 'Arvid Arkivarie', role: 'archivist' },
  { email: 'admin@exempelkommun.se', name: 'Anna Administratör', role: 'admin', installationAdmin: true },
];

export async function seedDemoStaff(db: Db, organizationId: string, opts: { mustChangePassword?: boolean } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    for (const u of DEMO_STAFF) {
      const unit = u.unit
        ? await tx.selectFrom('org_units').select('id').where('organization_id', '=', organizationId).where('name', '=', u.unit).executeTakeFirstOrThrow()
        : null;
      const user = await tx
        .insertInto('users')
        .values({ organization_id: organizationId, email: u.email, name: u.name, password_hash: passwordHash, is_installation_admin: u.installationAdmin ?? false, must_change_password: opts.mustChangePassword ?? false })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('role_grants').values({ user_id: user.id, role: u.role, org_unit_id: unit?.id ?? null }).execute();
    }
  });
}

/** The demo accounts that exist in this database, for the sign-in page in demo mode. */
export async function demoLogins(db: Db): Promise<{ email: string; role: string }[]> {
  const rows = await db.selectFrom('users').select('email').where('email', 'in', DEMO_STAFF.map((u) => u.email)).execute();
  const present = new Set(rows.map((r) => r.email));
  return DEMO_STAFF.filter((u) => present.has(u.email)).map((u) => ({ email: u.email, role: ROLE_LABEL[u.role] + (u.unit ? `, ${u.unit}` : ', hela kommunen') }));
}
