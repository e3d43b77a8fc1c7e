import type { Executor } from '../../db/database.ts';
import { plusAddress } from '../../platform/mail.ts';
import { CASE_NUMBER, CASE_NUMBER_PATTERN } from '../cases/numbering.ts';

/**
 * Which organization a recipient address belongs to. Each organization lists its addresses
 * (inbound_addresses); the MAIL_REPLY_TO base address (and MAIL_FROM, where bounces come back)
 * belongs to the default organization. local+tag@domain reaches local@domain's organization;
 * the tag names a case (SYN-2026-00042), or for an organization without an address of its own
 * `<slug>.SYN-2026-00042` at the installation's address.
 */

export interface Recipient {
  /** As given, lower-case. */
  address: string;
  organizationId: string;
  /** The case number the plus-address names, if any. */
  caseNumber: string | null;
}

const SLUG_TAGGED = new RegExp(`^([a-z0-9-]+)\\.(${CASE_NUMBER_PATTERN})$`, 'i');

export function splitAddress(address: string): { base: string; tag: string | null } {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  if (at < 1) return { base: a, tag: null };
  const local = a.slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: a, tag: null };
  return { base: `${local.slice(0, plus)}${a.slice(at)}`, tag: local.slice(plus + 1) || null };
}

export interface InstallationAddresses {
  /** MAIL_REPLY_TO and MAIL_FROM: the default organization's, and where bounces return. */
  replyTo: string;
  from: string;
}

const CACHE_MS = 10_000;
/** Per database (tests and benchmarks run several), address → organization id, briefly. */
const caches = new WeakMap<Executor, Map<string, { at: number; value: Promise<string | null> }>>();

/** Forget cached look-ups (after an admin changes the addresses in this process). */
export const clearAddressCache = (db: Executor) => caches.get(db)?.clear();

const isInstallationBase = (base: string, installation: InstallationAddresses) => base === installation.replyTo.toLowerCase() || base === installation.from.toLowerCase();

/** The installation's addresses go to the default organization even if another organization listed one before addAddress refused them. */
async function orgForBase(db: Executor, base: string, installation: InstallationAddresses): Promise<string | null> {
  if (isInstallationBase(base, installation)) {
    const def = await db.selectFrom('organizations').select('id').where('is_default', '=', true).where('active', '=', true).executeTakeFirst();
    return def?.id ?? null;
  }
  const row = await db
    .selectFrom('inbound_addresses as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .select('o.id')
    .where('a.address', '=', base)
    .where('o.active', '=', true)
    .executeTakeFirst();
  return row?.id ?? null;
}

function cached(db: Executor, key: string, load: () => Promise<string | null>): Promise<string | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  if (cache.size > 10_000) cache.clear();
  const value = load();
  cache.set(key, { at: Date.now(), value });
  // A failed look-up (database down) is not remembered: the next RCPT asks again.
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  return value;
}

/** The organization a recipient reaches, or null for an address that is not ours. Throws when the database cannot be asked. */
export async function resolveRecipient(db: Executor, address: string, installation: InstallationAddresses): Promise<Recipient | null> {
  const { base, tag } = splitAddress(address);
  const slugged = tag ? SLUG_TAGGED.exec(tag) : null;
  const isInstallation = isInstallationBase(base, installation);
  if (slugged && isInstallation) {
    const [, slug, number] = slugged;
    const orgId = await cached(db, `slug:${slug}`, async () => (await db.selectFrom('organizations').select('id').where('slug', '=', slug!).where('active', '=', true).executeTakeFirst())?.id ?? null);
    if (orgId) return { address: address.toLowerCase(), organizationId: orgId, caseNumber: number!.toUpperCase() };
  }
  const orgId = await cached(db, `addr:${base}`, () => orgForBase(db, base, installation));
  if (!orgId) return null;
  return { address: address.toLowerCase(), organizationId: orgId, caseNumber: tag && CASE_NUMBER.test(tag.toUpperCase()) ? tag.toUpperCase() : null };
}

/**
 * Where replies about a case should go: the case's plus-address at the organization's own
 * inbound address, or at the installation's MAIL_REPLY_TO (tagged with the organization's slug
 * when it is not the default organization: the slug says which organization, before any look-up).
 */
export function caseReplyAddress(org: { slug: string; is_default: boolean; inbound_address: string | null }, number: string, installationReplyTo: string): string {
  if (org.inbound_address) return plusAddress(org.inbound_address, number);
  return plusAddress(installationReplyTo, org.is_default ? number : `${org.slug}.${number}`);
}

/** All addresses of our own: mail from them is a loop, never a case. */
export async function isOwnAddress(db: Executor, address: string, installation: InstallationAddresses): Promise<boolean> {
  const { base } = splitAddress(address);
  if (isInstallationBase(base, installation)) return true;
  return (await db.selectFrom('inbound_addresses').select('address').where('address', '=', base).executeTakeFirst()) !== undefined;
}
