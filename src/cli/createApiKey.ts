import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { createApiKey, MAX_KEY_NAME } from '../modules/api/keys.ts';
import { ROLE_LABEL } from '../modules/organizations/demoStaff.ts';
import { swedishDate } from '../platform/clock.ts';
import { CliError, findOrganization, parseRole, required, type Output } from './common.ts';

export const CREATE_API_KEY_USAGE = `create-api-key --org <slug> --role <roll> [--name <namn>]
    Skapar en API-nyckel för organisationen med rollen på hela organisationen.
    Nyckeln skrivs ut ensam på sista raden och visas aldrig igen.`;

export interface CreateApiKeyInput {
  org: string;
  role: Role;
  name: string;
}

export function createApiKeyInput(values: Record<string, string | undefined>, now: Date): CreateApiKeyInput {
  const name = values.name?.trim() || `Nyckel skapad ${swedishDate(now)}`;
  if (name.length > MAX_KEY_NAME) throw new CliError(`Namnet får vara högst ${MAX_KEY_NAME} tecken.`, `The name may be at most ${MAX_KEY_NAME} characters.`, 2);
  return { org: required(values.org, 'org'), role: parseRole(required(values.role, 'role')), name };
}

export async function createApiKeyCommand(db: Db, input: CreateApiKeyInput, out: Output, now: Date): Promise<void> {
  const org = await findOrganization(db, input.org);
  const { key, prefix } = await createApiKey(db, { organizationId: org.id, name: input.name, role: input.role, createdBy: null, now });
  out.info(`API-nyckeln "${input.name}" (${prefix}…) har skapats för ${org.name} med rollen ${ROLE_LABEL[input.role]}.`);
  out.info('Spara nyckeln nu: den visas bara en gång. Skicka den som Authorization: Bearer <nyckel>.');
  out.result(key);
}
