import { sql } from 'kysely';
import { translator, type Translator } from '../../platform/i18n/catalogue.ts';
import type { Executor, Tx } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';

export interface Person {
  id: string;
  name: string;
  email: string;
}

/** Coordinators (synpunktsansvariga) for a unit: granted on the unit, an ancestor, or the whole organization. */
export async function coordinatorsFor(db: Executor, organizationId: string, unitPath: readonly string[]): Promise<Person[]> {
  return db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email'])
    .distinct()
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .where('g.role', '=', 'coordinator')
    .where((eb) => eb.or([eb('g.org_unit_id', 'is', null), ...(unitPath.length ? [eb('g.org_unit_id', 'in', [...unitPath])] : [])]))
    .orderBy('u.name')
    .execute();
}

/** Organization-wide registrars, or failing them admins: who hears about cases nobody else has. */
export async function centralStaff(db: Executor, organizationId: string): Promise<Person[]> {
  for (const role of ['registrar', 'admin'] as const) {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.email'])
      .distinct()
      .where('u.organization_id', '=', organizationId)
      .where('u.active', '=', true)
      .where('g.role', '=', role)
      .where('g.org_unit_id', 'is', null)
      .orderBy('u.name')
      .execute();
    if (rows.length) return rows;
  }
  return [];
}

export interface CaseInfo {
  id: string;
  number: string;
  organization_id: string;
  status: string;
  kind: CaseKind;
  anonymous: boolean;
  answer_by: string | null;
  ack_due_on: string | null;
  acknowledged_at: Date | null;
  unit_path: string[] | null;
  unit_name: string | null;
  forvaltning_name: string | null;
  handler_id: string | null;
  handler_name: string | null;
  handler_email: string | null;
  handler_active: boolean | null;
  contact_name: string | null;
  contact_email: string | null;
  reply_channel: string | null;
  /** The submitter's language (cases.language). */
  language: string | null;
  org_name: string;
  slug: string;
  host_name: string | null;
  is_default: boolean;
}

/** A case with everything a message about it names, locked for the rest of the transaction. */
export async function lockCaseInfo(tx: Tx, caseId: string): Promise<CaseInfo | undefined> {
  const { rows } = await sql<CaseInfo>`
    SELECT c.id, c.number, c.organization_id, c.status, c.kind, c.anonymous, c.answer_by, c.ack_due_on, c.acknowledged_at,
      u.ancestor_ids AS unit_path, u.name AS unit_name, f.name AS forvaltning_name,
      c.handler_id, h.name AS handler_name, h.email AS handler_email, h.active AS handler_active,
      cc.name AS contact_name, cc.email AS contact_email, cc.reply_channel, c.language,
      o.name AS org_name, o.slug, o.host_name, o.is_default
    FROM cases c
    JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN org_units u ON u.id = c.unit_id
    LEFT JOIN org_units f ON f.id = u.ancestor_ids[1]
    LEFT JOIN users h ON h.id = c.handler_id
    LEFT JOIN case_contacts cc ON cc.case_id = c.id
    WHERE c.id = ${caseId}
    FOR UPDATE OF c
  `.execute(tx);
  return rows[0];
}

/** Who answers for the case, in words in the submitter's language: the handler, else the förvaltning's synpunktsansvariga, else the registrar. */
export async function responsibleText(db: Executor, c: CaseInfo, i18n: Translator = translator()): Promise<string> {
  if (c.handler_name) return c.unit_name ? `${c.handler_name}, ${c.unit_name}` : c.handler_name;
  if (c.unit_path?.length) {
    const coordinators = await coordinatorsFor(db, c.organization_id, c.unit_path);
    const unit = c.forvaltning_name ?? c.unit_name ?? c.org_name;
    if (!coordinators.length) return i18n.t('mail.responsible.coordinator', { unit });
    const names = new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(coordinators.map((p) => p.name));
    return i18n.t('mail.responsible.coordinators', { names, unit });
  }
  return i18n.t('mail.responsible.registrar', { org: c.org_name });
}
