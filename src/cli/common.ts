import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Organization, Role } from '../db/schema.ts';
import { ROLES } from '../modules/api/keys.ts';
import { ROLE_LABEL } from '../modules/organizations/demoStaff.ts';

/** A refusal the person running the command can act on: Swedish first, then English. Exit code 1, or 2 for wrong usage. */
export class CliError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
    readonly exitCode = 1,
  ) {
    super(`${sv} (${en})`);
  }
}

/** Progress and explanations go to stderr, so stdout holds only the result (a key, a password). */
export interface Output {
  info(line: string): void;
  result(line: string): void;
}

export const consoleOutput: Output = {
  info: (line) => process.stderr.write(`${line}\n`),
  result: (line) => process.stdout.write(`${line}\n`),
};

export function required(value: string | undefined, option: string): string {
  if (!value?.trim()) throw new CliError(`--${option} saknas.`, `--${option} is required.`, 2);
  return value.trim();
}

export async function findOrganization(db: Executor, slug: string): Promise<Organization> {
  const org = await db.selectFrom('organizations').selectAll().where('slug', '=', slug.trim().toLowerCase()).executeTakeFirst();
  if (org) return org;
  const slugs = (await db.selectFrom('organizations').select('slug').orderBy('slug').execute()).map((o) => o.slug);
  throw new CliError(
    `Organisationen "${slug}" finns inte. ${slugs.length ? `Det finns: ${slugs.join(', ')}.` : 'Det finns inga organisationer än; kör seed-demo eller lägg upp en.'}`,
    `No organization with slug "${slug}".`,
  );
}

/** Role names as in the code, or the Swedish role names staff use (without diacritics too). */
const ROLE_ALIASES: Record<string, Role> = {
  registrator: 'registrar',
  synpunktsansvarig: 'coordinator',
  samordnare: 'coordinator',
  handlaggare: 'handler',
  superanvandare: 'unit_admin',
  lasare: 'reader',
  administrator: 'admin',
  arkivarie: 'archivist',
};

export function parseRole(value: string): Role {
  const v = value.trim().toLowerCase();
  if ((ROLES as string[]).includes(v)) return v as Role;
  const plain = v.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  const alias = ROLE_ALIASES[plain];
  if (alias) return alias;
  const list = ROLES.map((r) => `${r} (${ROLE_LABEL[r]})`).join(', ');
  throw new CliError(`Rollen "${value}" finns inte. Välj en av: ${list}.`, `Unknown role "${value}"; use one of ${ROLES.join(', ')}.`, 2);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A unit of this organization by id or by its name (case-insensitive); a name used twice must be given by id. */
export async function findUnit(db: Executor, organizationId: string, nameOrId: string) {
  const q = db.selectFrom('org_units').select(['id', 'name', 'kind']).where('organization_id', '=', organizationId).where('active', '=', true);
  const rows = UUID.test(nameOrId.trim()) ? await q.where('id', '=', nameOrId.trim()).execute() : await q.where(sql`lower(name)`, '=', nameOrId.trim().toLowerCase()).execute();
  if (rows.length === 1) return rows[0]!;
  if (rows.length > 1) {
    throw new CliError(
      `Det finns flera enheter som heter "${nameOrId}". Ange id i stället: ${rows.map((r) => `${r.id} (${r.kind})`).join(', ')}.`,
      `Several units are named "${nameOrId}"; give the id.`,
    );
  }
  throw new CliError(`Enheten "${nameOrId}" finns inte i organisationen.`, `No active unit "${nameOrId}" in that organization.`);
}
