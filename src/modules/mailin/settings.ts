import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { logAdminChange } from '../admin/log.ts';
import { coversWholeOrganization, type Actor } from '../cases/policy.ts';
import { clearAddressCache, type InstallationAddresses } from './addresses.ts';
import { inboundSettings, type InboundSettings } from './queries.ts';

/** The organization's inbound addresses and its rules for mail: commands of the admin page, each with its admin log row. */

const EMAIL = /^[^\s@<>+"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

export const mayAdministerMail = (actor: Actor) => coversWholeOrganization(actor, 'admin');

export async function listAddresses(db: Db, organizationId: string) {
  return db.selectFrom('inbound_addresses').select(['address', 'created_at']).where('organization_id', '=', organizationId).orderBy('created_at').orderBy('address').execute();
}

export function validateAddress(raw: string): { address: string } | { error: string } {
  const address = raw.trim().toLowerCase();
  if (address === '') return { error: sv('mailin.admin.addressMissing') };
  if (!EMAIL.test(address) || address.length > 254) return { error: sv('mailin.admin.addressFormat') };
  return { address };
}

/**
 * An address belongs to one organization in the whole installation (inbound_addresses.address is
 * the primary key, stored lower-case): the first to list it receives its mail, so a taken address
 * is refused, also when it is taken at the same moment (ON CONFLICT, not only the look-up before).
 * The installation's own addresses (MAIL_REPLY_TO, MAIL_FROM) belong to the default organization
 * and are never an organization's to list: another organization would take all of its mail.
 * Not checked: that the domain is the organization's. Nothing in the data model says which mail
 * domains an organization owns (host_name is its web address, often a subdomain or none at all).
 */
export async function addAddress(deps: { db: Db; clock: Clock; installation: InstallationAddresses }, actor: Actor, address: string): Promise<void> {
  const own = [deps.installation.replyTo, deps.installation.from].map((a) => a.trim().toLowerCase());
  if (own.includes(address)) throw new DomainError('invalid', sv('mailin.admin.addressInUse'), { address: sv('mailin.admin.addressInstallation') });
  await deps.db.transaction().execute(async (tx) => {
    const added = await tx.insertInto('inbound_addresses').values({ address, organization_id: actor.organizationId }).onConflict((oc) => oc.column('address').doNothing()).returning('address').executeTakeFirst();
    if (!added) {
      const taken = await tx.selectFrom('inbound_addresses').select('organization_id').where('address', '=', address).executeTakeFirst();
      const mine = taken?.organization_id === actor.organizationId;
      throw new DomainError('invalid', sv('mailin.admin.addressInUse'), { address: sv(mine ? 'mailin.admin.addressInList' : 'mailin.admin.addressElsewhere') });
    }
    await logAdminChange(tx, { organizationId: actor.organizationId, actor: actorRef(actor), action: 'create', entityType: 'inbound_mail', summary: sv('mailin.admin.logAdded', { address }), after: { address }, now: deps.clock.now() });
  });
  clearAddressCache(deps.db);
}

export async function removeAddress(deps: { db: Db; clock: Clock }, actor: Actor, address: string): Promise<boolean> {
  const removed = await deps.db.transaction().execute(async (tx) => {
    const row = await tx.deleteFrom('inbound_addresses').where('address', '=', address).where('organization_id', '=', actor.organizationId).returning('address').executeTakeFirst();
    if (row) await logAdminChange(tx, { organizationId: actor.organizationId, actor: actorRef(actor), action: 'delete', entityType: 'inbound_mail', summary: sv('mailin.admin.logRemoved', { address }), before: { address }, now: deps.clock.now() });
    return row !== undefined;
  });
  clearAddressCache(deps.db);
  return removed;
}

export function validateSettings(v: { newCaseAfterDays: string; senderHourlyLimit: string }): { value: InboundSettings } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);
  const days = int(v.newCaseAfterDays);
  const limit = int(v.senderHourlyLimit);
  if (!(days >= 1 && days <= 3650)) errors.newCaseAfterDays = sv('mailin.admin.daysRange');
  if (!(limit >= 1 && limit <= 10000)) errors.senderHourlyLimit = sv('mailin.admin.limitRange');
  return Object.keys(errors).length ? { errors } : { value: { newCaseAfterDays: days, senderHourlyLimit: limit } };
}

export async function saveSettings(deps: { db: Db; clock: Clock }, actor: Actor, s: InboundSettings): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const before = await inboundSettings(tx, actor.organizationId);
    await tx
      .insertInto('inbound_settings')
      .values({ organization_id: actor.organizationId, new_case_after_days: s.newCaseAfterDays, sender_hourly_limit: s.senderHourlyLimit, updated_at: deps.clock.now() })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ new_case_after_days: s.newCaseAfterDays, sender_hourly_limit: s.senderHourlyLimit, updated_at: deps.clock.now() }))
      .execute();
    await logAdminChange(tx, { organizationId: actor.organizationId, actor: actorRef(actor), action: 'update', entityType: 'inbound_mail', summary: sv('mailin.admin.logRules'), before, after: s, now: deps.clock.now() });
  });
}

const actorRef = (a: Actor) => ({ id: a.kind === 'user' ? a.id : null, name: a.name });
