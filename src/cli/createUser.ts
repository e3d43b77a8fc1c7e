import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../modules/auth/passwords.ts';
import { ROLE_LABEL } from '../modules/organizations/demoStaff.ts';
import { randomToken } from '../platform/secrets.ts';
import { CliError, findOrganization, findUnit, parseRole, required, type Output } from './common.ts';

export const CREATE_USER_USAGE = `create-user --org <slug> --email <e-post> --name <namn> --role <roll> [--unit <enhetens namn eller id>]
    Skapar en användare med en roll, på hela organisationen eller på en enhet och allt under den.
    Lösenordet läses från stdin när det skickas in (echo … | npm run cli -- create-user …);
    annars skapas ett starkt lösenord som skrivs ut ensamt på sista raden.`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_PASSWORD_LENGTH = 1024;

export interface CreateUserInput {
  org: string;
  email: string;
  name: string;
  role: Role;
  unit?: string;
  /** From stdin; undefined = generate one. */
  password?: string;
}

/** Checks what can be checked without the database, so a typo fails before anything starts. */
export function createUserInput(values: Record<string, string | undefined>, password: string | undefined): CreateUserInput {
  const email = required(values.email, 'email');
  if (!EMAIL.test(email) || email.length > 254) throw new CliError(`"${email}" är ingen giltig e-postadress.`, `"${email}" is not a valid e-mail address.`, 2);
  const name = required(values.name, 'name');
  if (name.length > 200) throw new CliError('Namnet får vara högst 200 tecken.', 'The name may be at most 200 characters.', 2);
  if (password !== undefined && [...password].length < MIN_PASSWORD_LENGTH) {
    throw new CliError(`Lösenordet måste vara minst ${MIN_PASSWORD_LENGTH} tecken.`, `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password !== undefined && password.length > MAX_PASSWORD_LENGTH) throw new CliError('Lösenordet är för långt.', 'The password is too long.');
  return { org: required(values.org, 'org'), email, name, role: parseRole(required(values.role, 'role')), unit: values.unit?.trim() || undefined, password };
}

export async function createUser(db: Db, input: CreateUserInput, out: Output): Promise<void> {
  const org = await findOrganization(db, input.org);
  const unit = input.unit ? await findUnit(db, org.id, input.unit) : null;
  const taken = await db.selectFrom('users').select('id').where('organization_id', '=', org.id).where(sql`lower(email)`, '=', input.email.toLowerCase()).executeTakeFirst();
  if (taken) throw new CliError(`Det finns redan en användare med e-postadressen ${input.email} i ${org.name}.`, `A user with that e-mail address already exists in ${org.slug}.`);

  const generated = input.password === undefined;
  const password = input.password ?? randomToken(18);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const user = await tx.insertInto('users').values({ organization_id: org.id, email: input.email, name: input.name, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('role_grants').values({ user_id: user.id, role: input.role, org_unit_id: unit?.id ?? null }).execute();
  });

  out.info(`Användaren ${input.email} har skapats i ${org.name} med rollen ${ROLE_LABEL[input.role]} på ${unit ? unit.name : 'hela organisationen'}.`);
  if (generated) {
    out.info('Lösenordet visas bara nu. Lämna det på ett säkert sätt; användaren kan byta det efter inloggning.');
    out.result(password);
  }
}
