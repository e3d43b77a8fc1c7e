import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { CaseKind, GroupRole, Organization, OrganizationSettings, OrgUnit, Role } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Sealer } from '../../platform/crypto.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { createInvitation } from '../auth/invitations.ts';
import { destroySessionsOf } from '../auth/sessions.ts';
import { DEFAULT_AREAS } from '../organizations/demo.ts';
import { ROLE_LABEL } from '../organizations/demoStaff.ts';
import { discover, sealClientSecret, SsoError } from '../sso/oidc.ts';
import { logAdminChange } from './log.ts';
import {
  adminScope,
  canChangeUnit,
  canCreateUnitUnder,
  canGrant,
  canManageOrganizations,
  canManageOrganizationSettings,
  canManagePerson,
  canManageSubcategories,
  canManageTemplate,
  canManageWithin,
  canMoveUnit,
  canSeePerson,
  type AdminActor,
  type AdminScope,
} from './policy.ts';
import { isUuid } from './queries.ts';

export interface AdminDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
}

/** Who does it, in which organization. */
export interface AdminCtx {
  actor: AdminActor;
  org: Pick<Organization, 'id' | 'name'>;
}

const scopeOf = (c: AdminCtx): AdminScope => adminScope(c.actor);
const who = (c: AdminCtx) => ({ id: c.actor.kind === 'user' ? c.actor.id : null, name: c.actor.name });

/** A form error: the message for the summary and the field. */
export const invalid = (field: string, message: string) => new DomainError('invalid', message, { [field]: message });
const denied = () => notFound('Sidan');

const isUniqueViolation = (err: unknown, constraint?: string) =>
  (err as { code?: string }).code === '23505' && (constraint === undefined || (err as { constraint?: string }).constraint === constraint);

export const ORGANIZATION_KINDS = { municipality: 'Kommun', company: 'Kommunalt bolag', joint_body: 'Kommunalförbund' } as const;
export type OrganizationKind = keyof typeof ORGANIZATION_KINDS;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const HOST = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const clean = (s: string | undefined | null) => (s ?? '').trim();

function checkName(field: string, name: string, what: string, max = 120) {
  if (!name) throw invalid(field, `Skriv ${what}`);
  if ([...name].length > max) throw invalid(field, `Namnet får vara högst ${max} tecken`);
}

function checkEmail(field: string, email: string) {
  if (!email) throw invalid(field, 'Skriv e-postadressen');
  if (!EMAIL.test(email) || email.length > 254) throw invalid(field, 'Skriv e-postadressen i rätt format, till exempel namn@kommun.se');
}

// ───────────────────────────── organizations (installation admin)

export interface NewOrganization {
  slug: string;
  name: string;
  kind: string;
  hostName: string;
  adminName: string;
  adminEmail: string;
  /** Absolute URL prefix of the new organization's invitation page: ".../o/<slug>/inbjudan/". */
  invitationLinkBase: (slug: string) => string;
}

/**
 * A new organization with the default areas, default settings and its first administrator,
 * who gets a one-time link. All or nothing.
 */
export async function createOrganization(deps: AdminDeps, c: AdminCtx, input: NewOrganization) {
  if (!canManageOrganizations(scopeOf(c))) throw denied();
  const slug = clean(input.slug).toLowerCase();
  const name = clean(input.name);
  const hostName = clean(input.hostName).toLowerCase() || null;
  const adminName = clean(input.adminName);
  const adminEmail = clean(input.adminEmail).toLowerCase();
  const errors: Record<string, string> = {};
  if (!SLUG.test(slug)) errors.slug = 'Skriv ett adressnamn med 2–63 små bokstäver a–z, siffror och bindestreck, till exempel bostadsbolaget';
  if (!name) errors.name = 'Skriv organisationens namn';
  if (!(input.kind in ORGANIZATION_KINDS)) errors.kind = 'Välj vilken sorts organisation det är';
  if (hostName && !HOST.test(hostName)) errors.hostName = 'Skriv ett värdnamn som synpunkter.bolaget.se, utan https:// och utan snedstreck';
  if (!adminName) errors.adminName = 'Skriv namnet på organisationens första administratör';
  if (!EMAIL.test(adminEmail)) errors.adminEmail = 'Skriv administratörens e-postadress i rätt format, till exempel namn@bolaget.se';
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Uppgifterna behöver rättas.', errors);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const taken = await tx.selectFrom('organizations').select(['slug', 'host_name']).where((eb) => eb.or([eb('slug', '=', slug), ...(hostName ? [eb('host_name', '=', hostName)] : [])])).execute();
      if (taken.some((t) => t.slug === slug)) throw invalid('slug', `Adressnamnet ”${slug}” används redan av en annan organisation. Välj ett annat.`);
      if (hostName && taken.some((t) => t.host_name === hostName)) throw invalid('hostName', `Värdnamnet ${hostName} används redan av en annan organisation.`);
      const settings: OrganizationSettings = { answerWorkingDays: 10 };
      const org = await tx
        .insertInto('organizations')
        .values({ slug, name, kind: input.kind as OrganizationKind, host_name: hostName, is_default: false, settings: JSON.stringify(settings), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const [i, area] of DEFAULT_AREAS.entries()) {
        await tx.insertInto('categories').values({ organization_id: org.id, level: 'area', name: area, sort_order: i }).execute();
      }
      const admin = await tx.insertInto('users').values({ organization_id: org.id, email: adminEmail, name: adminName, password_hash: null }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('role_grants').values({ user_id: admin.id, role: 'admin', org_unit_id: null, created_by: who(c).id }).execute();
      const invitation = await createInvitation(tx, {
        organizationId: org.id,
        userId: admin.id,
        email: adminEmail,
        name: adminName,
        orgName: name,
        invitedBy: who(c),
        linkBase: input.invitationLinkBase(slug),
        now,
      });
      const after = { slug, name, kind: org.kind, hostName, firstAdmin: adminEmail };
      // Recorded both in the installation's own organization and in the new one.
      await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'create', entityType: 'organization', entityId: org.id, summary: `Organisationen ${name} (${slug}) skapades`, after, now });
      await logAdminChange(tx, { organizationId: org.id, actor: who(c), action: 'create', entityType: 'organization', entityId: org.id, summary: `Organisationen skapades av installationens administratör`, after, now });
      return { org, invitation };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_slug_key')) throw invalid('slug', `Adressnamnet ”${slug}” används redan av en annan organisation. Välj ett annat.`);
    if (isUniqueViolation(err, 'organizations_host_name_key')) throw invalid('hostName', `Värdnamnet ${hostName} används redan av en annan organisation.`);
    throw err;
  }
}

export async function updateOrganization(deps: AdminDeps, c: AdminCtx, id: string, input: { name: string; kind: string; hostName: string; active: boolean }) {
  if (!canManageOrganizations(scopeOf(c))) throw denied();
  if (!isUuid(id)) throw notFound('Organisationen');
  const name = clean(input.name);
  const hostName = clean(input.hostName).toLowerCase() || null;
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Skriv organisationens namn';
  if (!(input.kind in ORGANIZATION_KINDS)) errors.kind = 'Välj vilken sorts organisation det är';
  if (hostName && !HOST.test(hostName)) errors.hostName = 'Skriv ett värdnamn som synpunkter.bolaget.se, utan https:// och utan snedstreck';
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Uppgifterna behöver rättas.', errors);
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('Organisationen');
      if (!input.active && before.is_default) throw invalid('active', 'Standardorganisationen kan inte stängas av: den svarar på installationens startsida.');
      if (!input.active && before.id === c.org.id) throw invalid('active', 'Du kan inte stänga av den organisation du själv är inloggad i.');
      if (hostName) {
        const other = await tx.selectFrom('organizations').select('id').where('host_name', '=', hostName).where('id', '<>', id).executeTakeFirst();
        if (other) throw invalid('hostName', `Värdnamnet ${hostName} används redan av en annan organisation.`);
      }
      await tx.updateTable('organizations').set({ name, kind: input.kind as OrganizationKind, host_name: hostName, active: input.active, updated_at: now }).where('id', '=', id).execute();
      const pick = (o: { name: string; kind: string; host_name: string | null; active: boolean }) => ({ name: o.name, kind: o.kind, hostName: o.host_name, active: o.active });
      await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'update', entityType: 'organization', entityId: id, summary: `Organisationen ${name} ändrades`, before: pick(before), after: { name, kind: input.kind, hostName, active: input.active }, now });
      if (id !== c.org.id) await logAdminChange(tx, { organizationId: id, actor: who(c), action: 'update', entityType: 'organization', entityId: id, summary: `Organisationen ändrades av installationens administratör`, before: pick(before), after: { name, kind: input.kind, hostName, active: input.active }, now });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_host_name_key')) throw invalid('hostName', `Värdnamnet ${hostName} används redan av en annan organisation.`);
    throw err;
  }
}

// ───────────────────────────── organization settings (organization admin)

const URL_FIELDS = ['faultReport', 'appeal', 'deviation', 'schoolHarassmentUrl'] as const;

export interface SettingsInput {
  startPageIntro: string;
  startPageExtra: string;
  faultReport: string;
  appeal: string;
  deviation: string;
  schoolHarassmentUrl: string;
  otherAuthorityText: string;
  contactEmail: string;
  contactPhone: string;
  postalAddress: string;
  senderName: string;
  letterPostalAddress: string;
  letterPhone: string;
  letterEmail: string;
  website: string;
  signature: string;
}

export async function updateSettings(deps: AdminDeps, c: AdminCtx, input: SettingsInput) {
  if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
  const v = Object.fromEntries(Object.entries(input).map(([k, x]) => [k, clean(x)])) as unknown as SettingsInput;
  const errors: Record<string, string> = {};
  for (const f of URL_FIELDS) if (v[f] && !/^https?:\/\/\S+$/.test(v[f])) errors[f] = 'Skriv en hel webbadress som börjar med https://';
  if (v.website && !/^https?:\/\/\S+$/.test(v.website)) errors.website = 'Skriv en hel webbadress som börjar med https://';
  if (v.contactEmail && !EMAIL.test(v.contactEmail)) errors.contactEmail = 'Skriv e-postadressen i rätt format, till exempel kontakt@kommun.se';
  if (v.letterEmail && !EMAIL.test(v.letterEmail)) errors.letterEmail = 'Skriv e-postadressen i rätt format, till exempel kontakt@kommun.se';
  if ([...v.startPageIntro].length > 1000) errors.startPageIntro = 'Texten får vara högst 1 000 tecken';
  if ([...v.startPageExtra].length > 4000) errors.startPageExtra = 'Texten får vara högst 4 000 tecken';
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Uppgifterna behöver rättas.', errors);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('organizations').select('settings').where('id', '=', c.org.id).forUpdate().executeTakeFirstOrThrow();
    const before = row.settings ?? {};
    const opt = (s: string) => s || undefined;
    const after: OrganizationSettings = {
      ...before,
      startPageIntro: opt(v.startPageIntro),
      startPageExtra: opt(v.startPageExtra),
      referralLinks: { ...before.referralLinks, faultReport: opt(v.faultReport), appeal: opt(v.appeal), deviation: opt(v.deviation) },
      schoolHarassmentUrl: opt(v.schoolHarassmentUrl),
      otherAuthorityText: opt(v.otherAuthorityText),
      contactEmail: opt(v.contactEmail),
      contactPhone: opt(v.contactPhone),
      postalAddress: opt(v.postalAddress),
      letterhead: { senderName: opt(v.senderName), postalAddress: opt(v.letterPostalAddress), phone: opt(v.letterPhone), email: opt(v.letterEmail), website: opt(v.website), signature: opt(v.signature) },
    };
    const normalized = JSON.parse(JSON.stringify(after)) as OrganizationSettings;
    await tx.updateTable('organizations').set({ settings: JSON.stringify(normalized), updated_at: now }).where('id', '=', c.org.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'update', entityType: 'settings', entityId: c.org.id, summary: 'Texter, hänvisningar och brevhuvud ändrades', before, after: normalized, now });
  });
}

export interface SsoInput {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  /** Empty: keep the stored secret. */
  clientSecret: string;
  emailClaim: string;
  groupsClaim: string;
  scopes: string;
  buttonLabel: string;
  /** One mapping a line: "grupp = roll" or "grupp = roll @ enhetens namn". */
  groupRoles: string;
  passwordLogin: boolean;
}

const ROLE_BY_WORD: Record<string, Role> = Object.fromEntries(
  (Object.entries(ROLE_LABEL) as [Role, string][]).flatMap(([role, label]) => [
    [role, role],
    [label.toLowerCase(), role],
  ]),
) as Record<string, Role>;

/** Parses the group mapping text. Units are named; each must exist in this organization. */
export function parseGroupRoles(text: string, units: readonly Pick<OrgUnit, 'id' | 'name'>[]): { ok: true; value: GroupRole[] } | { ok: false; message: string } {
  const out: GroupRole[] = [];
  for (const [i, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(.+?)\s*=\s*([^@]+?)\s*(?:@\s*(.+))?$/.exec(line);
    const role = m ? ROLE_BY_WORD[m[2]!.trim().toLowerCase()] : undefined;
    if (!m || !role) return { ok: false, message: `Rad ${i + 1} går inte att läsa. Skriv till exempel: Synpunkter-handläggare = Handläggare @ Gata och park` };
    let unitId: string | null = null;
    if (m[3]) {
      const unit = units.find((u) => u.name.toLowerCase() === m[3]!.trim().toLowerCase());
      if (!unit) return { ok: false, message: `Rad ${i + 1}: enheten ”${m[3]}” finns inte i organisationen.` };
      unitId = unit.id;
    }
    out.push({ group: m[1]!.trim(), role, unitId });
  }
  return { ok: true, value: out };
}

export function formatGroupRoles(mapping: readonly GroupRole[], units: readonly Pick<OrgUnit, 'id' | 'name'>[]): string {
  return mapping.map((m) => `${m.group} = ${ROLE_LABEL[m.role]}${m.unitId ? ` @ ${units.find((u) => u.id === m.unitId)?.name ?? m.unitId}` : ''}`).join('\n');
}

/**
 * Single sign-on settings. The provider is asked for its configuration before anything is saved:
 * an issuer that does not answer is a clear message and nothing changes.
 */
export async function saveSso(deps: AdminDeps, c: AdminCtx, input: SsoInput) {
  if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
  const issuerUrl = clean(input.issuerUrl).replace(/\/+$/, '');
  const clientId = clean(input.clientId);
  const emailClaim = clean(input.emailClaim) || 'email';
  const groupsClaim = clean(input.groupsClaim) || 'groups';
  const scopes = clean(input.scopes) || 'openid email profile';
  const existing = await deps.db.selectFrom('organization_sso').selectAll().where('organization_id', '=', c.org.id).executeTakeFirst();
  const configured = !!issuerUrl || !!clientId || !!existing;
  const errors: Record<string, string> = {};
  if (configured || input.enabled) {
    if (!issuerUrl) errors.issuerUrl = 'Skriv utfärdarens adress (issuer)';
    if (!clientId) errors.clientId = 'Skriv klient-id';
    if (!input.clientSecret && !existing) errors.clientSecret = 'Skriv klienthemligheten';
    if (!scopes.split(/\s+/).includes('openid')) errors.scopes = 'Omfånget måste innehålla openid';
    if (!/^[A-Za-z0-9_:.\-/]+$/.test(emailClaim)) errors.emailClaim = 'Skriv namnet på ett anspråk, till exempel email';
    if (!/^[A-Za-z0-9_:.\-/]+$/.test(groupsClaim)) errors.groupsClaim = 'Skriv namnet på ett anspråk, till exempel groups';
  }
  const units = await deps.db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', c.org.id).execute();
  const mapping = parseGroupRoles(input.groupRoles, units);
  if (!mapping.ok) errors.groupRoles = mapping.message;
  if (!input.passwordLogin && !input.enabled) errors.passwordLogin = 'Lösenord kan bara stängas av när inloggning via identitetsleverantör är påslagen';
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Uppgifterna behöver rättas.', errors);
  const secret = input.clientSecret || null;

  if (issuerUrl) {
    // Ask the provider first; nothing is saved if it does not answer.
    const secretForCheck = secret ?? deps.sealer.open(existing!.client_secret_enc, `oidc-client-secret:${c.org.id}`);
    try {
      await discover({ issuerUrl, clientId, clientSecret: secretForCheck });
    } catch (err) {
      if (err instanceof SsoError) throw invalid('issuerUrl', err.message);
      throw err;
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('organization_sso').selectAll().where('organization_id', '=', c.org.id).forUpdate().executeTakeFirst();
    const org = await tx.selectFrom('organizations').select('password_login').where('id', '=', c.org.id).forUpdate().executeTakeFirstOrThrow();
    if (issuerUrl) {
      const values = {
        enabled: input.enabled,
        issuer_url: issuerUrl,
        client_id: clientId,
        email_claim: emailClaim,
        groups_claim: groupsClaim,
        scopes,
        group_roles: JSON.stringify(mapping.ok ? mapping.value : []),
        button_label: clean(input.buttonLabel) || null,
        updated_at: now,
        updated_by: who(c).id,
        ...(secret ? { client_secret_enc: sealClientSecret(deps.sealer, c.org.id, secret) } : {}),
      };
      if (before) await tx.updateTable('organization_sso').set(values).where('organization_id', '=', c.org.id).execute();
      else await tx.insertInto('organization_sso').values({ organization_id: c.org.id, ...values, client_secret_enc: sealClientSecret(deps.sealer, c.org.id, secret!) }).execute();
    }
    await tx.updateTable('organizations').set({ password_login: input.passwordLogin, updated_at: now }).where('id', '=', c.org.id).execute();
    const view = (r: typeof before) =>
      r ? { enabled: r.enabled, issuerUrl: r.issuer_url, clientId: r.client_id, emailClaim: r.email_claim, groupsClaim: r.groups_claim, scopes: r.scopes, groupRoles: r.group_roles, buttonLabel: r.button_label } : null;
    await logAdminChange(tx, {
      organizationId: c.org.id,
      actor: who(c),
      action: 'update',
      entityType: 'sso',
      entityId: c.org.id,
      summary: `Inloggningen ändrades${secret ? ' (ny klienthemlighet)' : ''}`,
      before: { sso: view(before), passwordLogin: org.password_login },
      after: {
        sso: issuerUrl ? { enabled: input.enabled, issuerUrl, clientId, emailClaim, groupsClaim, scopes, groupRoles: mapping.ok ? mapping.value : [], buttonLabel: clean(input.buttonLabel) || null } : null,
        passwordLogin: input.passwordLogin,
      },
      now,
    });
  });
}

// ───────────────────────────── units

const KINDS_BY_DEPTH = ['forvaltning', 'avdelning', 'enhet'] as const;
export const UNIT_KIND_LABEL = { forvaltning: 'Förvaltning', avdelning: 'Avdelning', enhet: 'Enhet' } as const;
export const MAX_UNIT_DEPTH = 3;

async function lockUnit(tx: Tx, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return tx.selectFrom('org_units').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

const unitView = (u: OrgUnit) => ({ name: u.name, kind: u.kind, parentId: u.parent_id, committee: u.committee, subcategoryRequired: u.subcategory_required, active: u.active, sortOrder: u.sort_order });

export async function createUnit(deps: AdminDeps, c: AdminCtx, input: { parentId: string; name: string; committee: string; subcategoryRequired: boolean }) {
  const name = clean(input.name);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const parent = input.parentId ? await lockUnit(tx, c.org.id, input.parentId) : null;
    if (input.parentId && !parent) throw invalid('parentId', 'Välj en överordnad enhet i listan');
    if (!canCreateUnitUnder(scopeOf(c), parent ? parent.ancestor_ids : null)) {
      if (parent) throw denied();
      throw invalid('parentId', 'Du kan bara lägga till enheter inom din egen förvaltning. Välj en överordnad enhet.');
    }
    if (parent && !parent.active) throw invalid('parentId', 'Den överordnade enheten är avaktiverad. Välj en aktiv enhet.');
    const depth = parent ? parent.ancestor_ids.length : 0;
    if (depth >= MAX_UNIT_DEPTH) throw invalid('parentId', 'En enhet kan inte ha underenheter: trädet har tre nivåer (förvaltning, avdelning, enhet).');
    checkName('name', name, 'enhetens namn');
    const sibling = await tx
      .selectFrom('org_units')
      .select('id')
      .where('organization_id', '=', c.org.id)
      .where(sql<boolean>`parent_id IS NOT DISTINCT FROM ${parent?.id ?? null}::uuid`)
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .executeTakeFirst();
    if (sibling) throw invalid('name', `Det finns redan en enhet som heter ${name} på samma ställe i trädet`);
    const max = await tx.selectFrom('org_units').select(sql<number>`coalesce(max(sort_order), -1)`.as('m')).where('organization_id', '=', c.org.id).where(sql<boolean>`parent_id IS NOT DISTINCT FROM ${parent?.id ?? null}::uuid`).executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    const kind = KINDS_BY_DEPTH[depth]!;
    const unit = await tx
      .insertInto('org_units')
      .values({
        id,
        organization_id: c.org.id,
        parent_id: parent?.id ?? null,
        ancestor_ids: [...(parent?.ancestor_ids ?? []), id],
        kind,
        name,
        committee: kind === 'forvaltning' ? clean(input.committee) || null : null,
        subcategory_required: kind === 'forvaltning' ? input.subcategoryRequired : false,
        sort_order: Number(max.m) + 1,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: unit.ancestor_ids[0], actor: who(c), action: 'create', entityType: 'unit', entityId: id, summary: `${UNIT_KIND_LABEL[kind]} ${name} skapades`, after: unitView(unit), now });
    return unit;
  });
}

export async function updateUnit(deps: AdminDeps, c: AdminCtx, id: string, input: { name: string; committee: string; subcategoryRequired: boolean; sortOrder: string }) {
  const now = deps.clock.now();
  const name = clean(input.name);
  await deps.db.transaction().execute(async (tx) => {
    const u = await lockUnit(tx, c.org.id, id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw notFound('Enheten');
    const structural = canChangeUnit(s, u.ancestor_ids);
    // A unit admin may set whether their own förvaltning requires a subcategory, but not rename it.
    if (!structural && (name !== u.name || clean(input.committee) !== (u.committee ?? ''))) throw invalid('name', 'Bara organisationens administratör kan byta namn eller nämnd på förvaltningen.');
    checkName('name', name, 'enhetens namn');
    const sortOrder = input.sortOrder.trim() === '' ? u.sort_order : Number(input.sortOrder);
    if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 9999) throw invalid('sortOrder', 'Skriv ordningen som ett heltal, 0–9999');
    const sibling = await tx
      .selectFrom('org_units')
      .select('id')
      .where('organization_id', '=', c.org.id)
      .where('id', '<>', u.id)
      .where(sql<boolean>`parent_id IS NOT DISTINCT FROM ${u.parent_id}::uuid`)
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .executeTakeFirst();
    if (sibling) throw invalid('name', `Det finns redan en enhet som heter ${name} på samma ställe i trädet`);
    const after = await tx
      .updateTable('org_units')
      .set({
        name,
        committee: u.kind === 'forvaltning' ? clean(input.committee) || null : null,
        subcategory_required: u.kind === 'forvaltning' ? input.subcategoryRequired : false,
        sort_order: structural ? sortOrder : u.sort_order,
      })
      .where('id', '=', u.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: u.ancestor_ids[0], actor: who(c), action: 'update', entityType: 'unit', entityId: u.id, summary: `${UNIT_KIND_LABEL[u.kind]} ${name} ändrades`, before: unitView(u), after: unitView(after), now });
  });
}

/**
 * Moves a unit and its subtree under a new parent (or to the top). The ancestor path and the
 * level of every unit in the subtree are recomputed in the same transaction. Refused: a cycle
 * (under itself or its own descendant), a tree deeper than three levels, and a förvaltning with
 * subcategories leaving the top level.
 */
export async function moveUnit(deps: AdminDeps, c: AdminCtx, id: string, newParentId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    // Lock the organization's units: two moves at once must not build a cycle between them.
    const all = await tx.selectFrom('org_units').selectAll().where('organization_id', '=', c.org.id).forUpdate().execute();
    const u = all.find((x) => x.id === id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw notFound('Enheten');
    const parent = newParentId ? all.find((x) => x.id === newParentId) : null;
    if (newParentId && !parent) throw invalid('parentId', 'Välj en överordnad enhet i listan');
    if (parent && (parent.id === u.id || parent.ancestor_ids.includes(u.id))) {
      throw invalid('parentId', `${u.name} kan inte flyttas till ${parent.name}: den ligger under ${u.name} själv. Det skulle bli en slinga i trädet.`);
    }
    if (!canMoveUnit(s, u.ancestor_ids, parent ? parent.ancestor_ids : null)) {
      throw invalid('parentId', 'Du kan bara flytta enheter inom din egen förvaltning.');
    }
    if ((parent?.id ?? null) === u.parent_id) return;
    if (parent && !parent.active) throw invalid('parentId', 'Den överordnade enheten är avaktiverad. Välj en aktiv enhet.');
    const subtree = all.filter((x) => x.ancestor_ids.includes(u.id));
    const subtreeHeight = Math.max(...subtree.map((x) => x.ancestor_ids.length - u.ancestor_ids.length + 1));
    const newDepth = parent ? parent.ancestor_ids.length : 0;
    if (newDepth + subtreeHeight > MAX_UNIT_DEPTH) {
      throw invalid('parentId', `Flytten skulle ge fler än tre nivåer (förvaltning, avdelning, enhet). Flytta ${u.name} högre upp, eller flytta först dess underenheter.`);
    }
    if (u.kind === 'forvaltning' && parent) {
      const subs = await tx.selectFrom('categories').select('id').where('org_unit_id', '=', u.id).executeTakeFirst();
      const templates = await tx.selectFrom('response_templates').select('id').where('org_unit_id', '=', u.id).executeTakeFirst();
      if (subs || templates) throw invalid('parentId', `${u.name} har egna underkategorier eller svarsmallar och kan därför inte flyttas in under en annan enhet.`);
    }
    const prefix = [...(parent?.ancestor_ids ?? [])];
    for (const x of subtree) {
      const rel = x.ancestor_ids.slice(u.ancestor_ids.length - 1);
      const path = [...prefix, ...rel];
      await tx
        .updateTable('org_units')
        .set({
          ancestor_ids: path,
          kind: KINDS_BY_DEPTH[path.length - 1]!,
          ...(x.id === u.id ? { parent_id: parent?.id ?? null } : {}),
          ...(path.length > 1 ? { committee: null, subcategory_required: false } : {}),
        })
        .where('id', '=', x.id)
        .execute();
    }
    const summary = `${u.name} flyttades från ${all.find((x) => x.id === u.parent_id)?.name ?? 'översta nivån'} till ${parent?.name ?? 'översta nivån'}`;
    const forvaltning = prefix[0] ?? u.id;
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: forvaltning, actor: who(c), action: 'move', entityType: 'unit', entityId: u.id, summary, before: { parentId: u.parent_id, path: u.ancestor_ids }, after: { parentId: parent?.id ?? null, path: [...prefix, u.id] }, now });
    if (u.ancestor_ids[0] !== forvaltning) {
      await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: u.ancestor_ids[0], actor: who(c), action: 'move', entityType: 'unit', entityId: u.id, summary, before: { parentId: u.parent_id }, after: { parentId: parent?.id ?? null }, now });
    }
  });
}

/** Deactivating a unit deactivates its subtree; nothing is deleted, so every case keeps its unit. */
export async function setUnitActive(deps: AdminDeps, c: AdminCtx, id: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const u = await lockUnit(tx, c.org.id, id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw notFound('Enheten');
    if (!canChangeUnit(s, u.ancestor_ids)) throw invalid('active', 'Bara organisationens administratör kan avaktivera förvaltningen.');
    if (active && u.parent_id) {
      const parent = await tx.selectFrom('org_units').select('active').where('id', '=', u.parent_id).executeTakeFirstOrThrow();
      if (!parent.active) throw invalid('active', 'Aktivera den överordnade enheten först.');
    }
    const changed = active
      ? await tx.updateTable('org_units').set({ active: true }).where('id', '=', u.id).returning('name').execute()
      : await tx.updateTable('org_units').set({ active: false }).where('organization_id', '=', c.org.id).where(sql<boolean>`ancestor_ids @> ARRAY[${u.id}]::uuid[]`).returning('name').execute();
    await logAdminChange(tx, {
      organizationId: c.org.id,
      forvaltningId: u.ancestor_ids[0],
      actor: who(c),
      action: active ? 'activate' : 'deactivate',
      entityType: 'unit',
      entityId: u.id,
      summary: active ? `${u.name} aktiverades` : `${u.name} avaktiverades${changed.length > 1 ? ` med ${changed.length - 1} underenheter` : ''}`,
      before: { active: u.active },
      after: { active, units: changed.map((x) => x.name) },
      now,
    });
  });
}

/** Only a unit nothing refers to can be deleted: no cases, no people, no categories, no templates, no subunits. */
export async function deleteUnit(deps: AdminDeps, c: AdminCtx, id: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const u = await lockUnit(tx, c.org.id, id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw notFound('Enheten');
    if (!canChangeUnit(s, u.ancestor_ids)) throw invalid('delete', 'Bara organisationens administratör kan ta bort förvaltningen.');
    const [cases, children, grants, cats, templates] = await Promise.all([
      tx.selectFrom('cases').select('id').where((eb) => eb.or([eb('unit_id', '=', u.id), eb('suggested_unit_id', '=', u.id)])).limit(1).executeTakeFirst(),
      tx.selectFrom('org_units').select('id').where('parent_id', '=', u.id).limit(1).executeTakeFirst(),
      tx.selectFrom('role_grants').select('id').where('org_unit_id', '=', u.id).limit(1).executeTakeFirst(),
      tx.selectFrom('categories').select('id').where('org_unit_id', '=', u.id).limit(1).executeTakeFirst(),
      tx.selectFrom('response_templates').select('id').where('org_unit_id', '=', u.id).limit(1).executeTakeFirst(),
    ]);
    if (cases) throw invalid('delete', `${u.name} har ärenden och kan aldrig tas bort, bara avaktiveras. Då finns historiken kvar.`);
    if (children) throw invalid('delete', `${u.name} har underenheter. Flytta eller ta bort dem först, eller avaktivera hela grenen.`);
    if (grants || cats || templates) throw invalid('delete', `${u.name} används av roller, underkategorier eller svarsmallar. Avaktivera enheten i stället.`);
    await tx.deleteFrom('org_units').where('id', '=', u.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: u.parent_id ? u.ancestor_ids[0] : null, actor: who(c), action: 'delete', entityType: 'unit', entityId: u.id, summary: `${UNIT_KIND_LABEL[u.kind]} ${u.name} togs bort`, before: unitView(u), now });
  });
}

// ───────────────────────────── people and roles

async function unitPathFor(tx: Tx, organizationId: string, unitId: string | null): Promise<string[] | null | undefined> {
  if (!unitId) return null;
  if (!isUuid(unitId)) return undefined;
  const u = await tx.selectFrom('org_units').select('ancestor_ids').where('organization_id', '=', organizationId).where('id', '=', unitId).executeTakeFirst();
  return u?.ancestor_ids;
}

const ROLES = Object.keys(ROLE_LABEL) as Role[];

export interface InviteInput {
  name: string;
  email: string;
  role: string;
  /** '' = the whole organization. */
  unitId: string;
  linkBase: string;
}

/** A new person with one role, and a one-time link for them. Duplicate e-mail: a clear message, nothing saved. */
export async function invitePerson(deps: AdminDeps, c: AdminCtx, input: InviteInput) {
  const name = clean(input.name);
  const email = clean(input.email).toLowerCase();
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Skriv personens namn';
  if (!EMAIL.test(email) || email.length > 254) errors.email = 'Skriv e-postadressen i rätt format, till exempel namn@kommun.se';
  if (!ROLES.includes(input.role as Role)) errors.role = 'Välj en roll';
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Uppgifterna behöver rättas.', errors);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const path = await unitPathFor(tx, c.org.id, input.unitId || null);
      if (path === undefined) throw invalid('unitId', 'Välj en enhet i listan');
      if (!canGrant(scopeOf(c), input.role as Role, path)) throw invalid('unitId', 'Du kan inte ge den rollen där. Välj en enhet inom din förvaltning.');
      const existing = await tx.selectFrom('users').select(['id', 'name']).where('organization_id', '=', c.org.id).where(sql<boolean>`lower(email) = ${email}`).executeTakeFirst();
      if (existing) throw invalid('email', `Det finns redan en person med e-postadressen ${email} (${existing.name}). Ge personen rollen på personens egen sida i stället.`);
      const user = await tx.insertInto('users').values({ organization_id: c.org.id, email, name, password_hash: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('role_grants').values({ user_id: user.id, role: input.role as Role, org_unit_id: input.unitId || null, created_by: who(c).id, created_at: now }).execute();
      const invitation = await createInvitation(tx, { organizationId: c.org.id, userId: user.id, email, name, orgName: c.org.name, invitedBy: who(c), linkBase: input.linkBase, now });
      await logAdminChange(tx, {
        organizationId: c.org.id,
        forvaltningId: path?.[0] ?? null,
        actor: who(c),
        action: 'invite',
        entityType: 'user',
        entityId: user.id,
        summary: `${name} (${email}) bjöds in som ${ROLE_LABEL[input.role as Role].toLowerCase()}`,
        after: { name, email, role: input.role, unitId: input.unitId || null },
        now,
      });
      return { userId: user.id, invitation };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email')) throw invalid('email', `Det finns redan en person med e-postadressen ${email}.`);
    throw err;
  }
}

async function personForChange(tx: Tx, c: AdminCtx, userId: string, need: 'see' | 'manage') {
  if (!isUuid(userId)) throw notFound('Personen');
  const user = await tx.selectFrom('users').selectAll().where('organization_id', '=', c.org.id).where('id', '=', userId).forUpdate().executeTakeFirst();
  if (!user) throw notFound('Personen');
  const grants = await tx
    .selectFrom('role_grants as g')
    .leftJoin('org_units as u', 'u.id', 'g.org_unit_id')
    .select(['g.id', 'g.role', 'g.org_unit_id', 'g.source', 'u.ancestor_ids', 'u.name as unit_name'])
    .where('g.user_id', '=', userId)
    .execute();
  const paths = grants.map((g) => (g.org_unit_id ? g.ancestor_ids! : null));
  const s = scopeOf(c);
  if (!canSeePerson(s, paths)) throw notFound('Personen');
  if (need === 'manage' && !canManagePerson(s, paths)) throw new DomainError('invalid', 'Personen har roller utanför din förvaltning. Be organisationens administratör om hjälp.', { person: 'Personen har roller utanför din förvaltning. Be organisationens administratör om hjälp.' });
  return { user, grants, forvaltningId: grants.find((g) => g.ancestor_ids)?.ancestor_ids?.[0] ?? null };
}

export async function addGrant(deps: AdminDeps, c: AdminCtx, userId: string, input: { role: string; unitId: string }) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'see');
    if (!ROLES.includes(input.role as Role)) throw invalid('role', 'Välj en roll');
    const path = await unitPathFor(tx, c.org.id, input.unitId || null);
    if (path === undefined) throw invalid('unitId', 'Välj en enhet i listan');
    if (!canGrant(scopeOf(c), input.role as Role, path)) throw invalid('unitId', 'Du kan inte ge den rollen där. Välj en enhet inom din förvaltning.');
    const dup = p.grants.find((g) => g.role === input.role && (g.org_unit_id ?? '') === (input.unitId || ''));
    if (dup) throw invalid('role', 'Personen har redan den rollen där.');
    await tx.insertInto('role_grants').values({ user_id: p.user.id, role: input.role as Role, org_unit_id: input.unitId || null, created_by: who(c).id, created_at: now }).execute();
    const unitName = input.unitId ? (await tx.selectFrom('org_units').select('name').where('id', '=', input.unitId).executeTakeFirstOrThrow()).name : 'hela organisationen';
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: path?.[0] ?? null, actor: who(c), action: 'grant', entityType: 'role_grant', entityId: p.user.id, summary: `${p.user.name} fick rollen ${ROLE_LABEL[input.role as Role].toLowerCase()} för ${unitName}`, after: { role: input.role, unitId: input.unitId || null }, now });
  });
}

export async function removeGrant(deps: AdminDeps, c: AdminCtx, userId: string, grantId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'see');
    const g = p.grants.find((x) => x.id === grantId);
    if (!g) throw notFound('Rollen');
    if (!canGrant(scopeOf(c), g.role, g.org_unit_id ? g.ancestor_ids! : null)) throw invalid('grant', 'Du kan inte ta bort den rollen: den ligger utanför din förvaltning.');
    if (p.user.id === c.actor.id && g.role === 'admin' && g.org_unit_id === null) {
      const others = await tx
        .selectFrom('role_grants as rg')
        .innerJoin('users as u', 'u.id', 'rg.user_id')
        .select('rg.id')
        .where('u.organization_id', '=', c.org.id)
        .where('u.active', '=', true)
        .where('rg.role', '=', 'admin')
        .where('rg.org_unit_id', 'is', null)
        .where('u.id', '<>', p.user.id)
        .executeTakeFirst();
      if (!others) throw invalid('grant', 'Du är organisationens enda administratör. Ge någon annan administratörsrollen först.');
    }
    await tx.deleteFrom('role_grants').where('id', '=', g.id).execute();
    await destroySessionsOf(tx, p.user.id);
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: g.ancestor_ids?.[0] ?? null, actor: who(c), action: 'revoke', entityType: 'role_grant', entityId: p.user.id, summary: `${p.user.name} förlorade rollen ${ROLE_LABEL[g.role].toLowerCase()} för ${g.unit_name ?? 'hela organisationen'}`, before: { role: g.role, unitId: g.org_unit_id, source: g.source }, now });
  });
}

export async function updatePerson(deps: AdminDeps, c: AdminCtx, userId: string, input: { name: string; email: string }) {
  const name = clean(input.name);
  const email = clean(input.email).toLowerCase();
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const p = await personForChange(tx, c, userId, 'manage');
      checkName('name', name, 'personens namn');
      checkEmail('email', email);
      const dup = await tx.selectFrom('users').select('name').where('organization_id', '=', c.org.id).where('id', '<>', p.user.id).where(sql<boolean>`lower(email) = ${email}`).executeTakeFirst();
      if (dup) throw invalid('email', `Det finns redan en person med e-postadressen ${email} (${dup.name}).`);
      await tx.updateTable('users').set({ name, email }).where('id', '=', p.user.id).execute();
      await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: 'update', entityType: 'user', entityId: p.user.id, summary: `Uppgifterna för ${name} ändrades`, before: { name: p.user.name, email: p.user.email }, after: { name, email }, now });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email')) throw invalid('email', `Det finns redan en person med e-postadressen ${email}.`);
    throw err;
  }
}

/** Deactivation keeps the person and their grants (history, "who handled this"); they can no longer sign in. */
export async function setPersonActive(deps: AdminDeps, c: AdminCtx, userId: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'manage');
    if (p.user.id === c.actor.id && !active) throw invalid('person', 'Du kan inte avaktivera dig själv.');
    await tx.updateTable('users').set({ active, deactivated_at: active ? null : now }).where('id', '=', p.user.id).execute();
    if (!active) {
      await destroySessionsOf(tx, p.user.id);
      await tx.updateTable('user_invitations').set({ revoked_at: now }).where('user_id', '=', p.user.id).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    }
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: active ? 'activate' : 'deactivate', entityType: 'user', entityId: p.user.id, summary: `${p.user.name} ${active ? 'aktiverades' : 'avaktiverades'}`, before: { active: p.user.active }, after: { active }, now });
  });
}

export async function reinvitePerson(deps: AdminDeps, c: AdminCtx, userId: string, linkBase: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'manage');
    if (!p.user.active) throw invalid('person', 'Personen är avaktiverad. Aktivera personen först.');
    const invitation = await createInvitation(tx, { organizationId: c.org.id, userId: p.user.id, email: p.user.email, name: p.user.name, orgName: c.org.name, invitedBy: who(c), linkBase, now });
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: 'invite', entityType: 'invitation', entityId: invitation.id, summary: `Ny inbjudan till ${p.user.name} (${p.user.email})`, now });
    return invitation;
  });
}

/** For a person who lost their phone: the organization admin turns their two-factor off; they enrol again. */
export async function resetSecondFactor(deps: AdminDeps, c: AdminCtx, userId: string) {
  if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'manage');
    await tx.updateTable('users').set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', p.user.id).execute();
    await destroySessionsOf(tx, p.user.id);
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: 'reset', entityType: 'user', entityId: p.user.id, summary: `Tvåstegsverifieringen för ${p.user.name} nollställdes`, before: { totp: p.user.totp_enabled_at !== null }, after: { totp: false }, now });
  });
}

// ───────────────────────────── categories

const catView = (x: { name: string; active: boolean; sort_order: number; level: string; org_unit_id: string | null }) => ({ name: x.name, active: x.active, sortOrder: x.sort_order, level: x.level, unitId: x.org_unit_id });

export async function createCategory(deps: AdminDeps, c: AdminCtx, input: { level: 'area' | 'subcategory'; name: string; forvaltningId: string }) {
  const name = clean(input.name);
  const now = deps.clock.now();
  const field = input.level === 'area' ? 'areaName' : 'subName';
  return deps.db.transaction().execute(async (tx) => {
    let unitId: string | null = null;
    if (input.level === 'area') {
      if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
    } else {
      // The förvaltning is looked up in this organization only: a unit of another organization does not exist here.
      const f = isUuid(input.forvaltningId)
        ? await tx.selectFrom('org_units').select(['id', 'kind', 'name']).where('organization_id', '=', c.org.id).where('id', '=', input.forvaltningId).executeTakeFirst()
        : undefined;
      if (!f || f.kind !== 'forvaltning') throw invalid('forvaltningId', 'Välj en förvaltning i den här organisationen');
      if (!canManageSubcategories(scopeOf(c), f.id)) throw invalid('forvaltningId', 'Du kan bara lägga till underkategorier för din egen förvaltning.');
      unitId = f.id;
    }
    checkName(field, name, input.level === 'area' ? 'områdets namn' : 'underkategorins namn', 80);
    const dup = await tx
      .selectFrom('categories')
      .select('id')
      .where('organization_id', '=', c.org.id)
      .where('level', '=', input.level)
      .where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${unitId}::uuid`)
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .executeTakeFirst();
    if (dup) throw invalid(field, `${name} finns redan${input.level === 'subcategory' ? ' för förvaltningen' : ''}`);
    const max = await tx.selectFrom('categories').select(sql<number>`coalesce(max(sort_order), -1)`.as('m')).where('organization_id', '=', c.org.id).where('level', '=', input.level).where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${unitId}::uuid`).executeTakeFirstOrThrow();
    const row = await tx.insertInto('categories').values({ organization_id: c.org.id, level: input.level, org_unit_id: unitId, name, sort_order: Number(max.m) + 1, created_at: now }).returningAll().executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: unitId, actor: who(c), action: 'create', entityType: 'category', entityId: row.id, summary: `${input.level === 'area' ? 'Området' : 'Underkategorin'} ${name} skapades`, after: catView(row), now });
    return row;
  });
}

async function categoryForChange(tx: Tx, c: AdminCtx, id: string) {
  if (!isUuid(id)) throw notFound('Kategorin');
  const cat = await tx.selectFrom('categories').selectAll().where('organization_id', '=', c.org.id).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!cat) throw notFound('Kategorin');
  const s = scopeOf(c);
  const ok = cat.level === 'area' ? canManageOrganizationSettings(s) : canManageSubcategories(s, cat.org_unit_id!);
  if (!ok) throw notFound('Kategorin');
  return cat;
}

export async function renameCategory(deps: AdminDeps, c: AdminCtx, id: string, rawName: string) {
  const name = clean(rawName);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const cat = await categoryForChange(tx, c, id);
    checkName(`name-${cat.id}`, name, 'ett namn', 80);
    const dup = await tx
      .selectFrom('categories')
      .select('id')
      .where('organization_id', '=', c.org.id)
      .where('level', '=', cat.level)
      .where('id', '<>', cat.id)
      .where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${cat.org_unit_id}::uuid`)
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .executeTakeFirst();
    if (dup) throw invalid(`name-${cat.id}`, `${name} finns redan`);
    await tx.updateTable('categories').set({ name }).where('id', '=', cat.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: cat.org_unit_id, actor: who(c), action: 'update', entityType: 'category', entityId: cat.id, summary: `${cat.name} döptes om till ${name}`, before: { name: cat.name }, after: { name }, now });
  });
}

/** Deactivated categories are not offered any more; cases classified with them keep them. */
export async function setCategoryActive(deps: AdminDeps, c: AdminCtx, id: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const cat = await categoryForChange(tx, c, id);
    if (!active && cat.level === 'area') {
      const others = await tx.selectFrom('categories').select('id').where('organization_id', '=', c.org.id).where('level', '=', 'area').where('active', '=', true).where('id', '<>', cat.id).executeTakeFirst();
      if (!others) throw invalid(`name-${cat.id}`, 'Området är det sista aktiva. Ett område är obligatoriskt, så minst ett måste finnas.');
    }
    await tx.updateTable('categories').set({ active }).where('id', '=', cat.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: cat.org_unit_id, actor: who(c), action: active ? 'activate' : 'deactivate', entityType: 'category', entityId: cat.id, summary: `${cat.name} ${active ? 'aktiverades' : 'avaktiverades'}`, before: { active: cat.active }, after: { active }, now });
  });
}

/** Moves a category one step up or down among its siblings. */
export async function moveCategory(deps: AdminDeps, c: AdminCtx, id: string, direction: 'up' | 'down') {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const cat = await categoryForChange(tx, c, id);
    const siblings = await tx
      .selectFrom('categories')
      .select(['id', 'name', 'sort_order'])
      .where('organization_id', '=', c.org.id)
      .where('level', '=', cat.level)
      .where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${cat.org_unit_id}::uuid`)
      .orderBy('sort_order')
      .orderBy('name')
      .forUpdate()
      .execute();
    const i = siblings.findIndex((x) => x.id === cat.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= siblings.length) return;
    const order = siblings.map((x) => x.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, sid] of order.entries()) await tx.updateTable('categories').set({ sort_order: k }).where('id', '=', sid).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: cat.org_unit_id, actor: who(c), action: 'reorder', entityType: 'category', entityId: cat.id, summary: `${cat.name} flyttades ${direction === 'up' ? 'upp' : 'ned'} i listan`, before: siblings.map((x) => x.name), after: order.map((x) => siblings.find((y) => y.id === x)!.name), now });
  });
}

export async function setSubcategoryRequired(deps: AdminDeps, c: AdminCtx, forvaltningId: string, required: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const f = isUuid(forvaltningId) ? await lockUnit(tx, c.org.id, forvaltningId) : undefined;
    if (!f || f.kind !== 'forvaltning' || !canManageSubcategories(scopeOf(c), f.id)) throw notFound('Förvaltningen');
    if (f.subcategory_required === required) return;
    await tx.updateTable('org_units').set({ subcategory_required: required }).where('id', '=', f.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: f.id, actor: who(c), action: 'update', entityType: 'unit', entityId: f.id, summary: `${f.name}: underkategori ${required ? 'obligatorisk' : 'frivillig'}`, before: { subcategoryRequired: f.subcategory_required }, after: { subcategoryRequired: required }, now });
  });
}

// ───────────────────────────── response templates

export const TEMPLATE_PURPOSES = { answer: 'Svar', acknowledgement: 'Mottagningsbekräftelse', delay_notice: 'Besked om försening', referral: 'Hänvisning', not_handled: 'Handläggs inte' } as const;
export type TemplatePurpose = keyof typeof TEMPLATE_PURPOSES;
const KIND_VALUES: readonly CaseKind[] = ['klagomal', 'fraga', 'berom', 'forslag'];

/** The placeholders a template may use; the answer form fills them in (answers/templates.ts: PlaceholderValues). */
export const TEMPLATE_PLACEHOLDERS = {
  '{arendenummer}': 'ärendets nummer, till exempel SYN-2026-00042',
  '{namn}': 'synpunktslämnarens namn (”du” om namn saknas)',
  '{handlaggare}': 'namnet på den som svarar',
  '{mottagen}': 'dagen synpunkten kom in, till exempel 22 december 2026',
  '{forvaltning}': 'förvaltningens namn',
} as const;

export interface TemplateInput {
  title: string;
  body: string;
  kind: string;
  purpose: string;
  /** '' = the whole organization. */
  forvaltningId: string;
}

async function checkTemplate(tx: Tx, c: AdminCtx, input: TemplateInput) {
  const title = clean(input.title);
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const errors: Record<string, string> = {};
  if (!title) errors.title = 'Skriv en rubrik för mallen';
  else if ([...title].length > 120) errors.title = 'Rubriken får vara högst 120 tecken';
  if (!body) errors.body = 'Skriv mallens text';
  else if ([...body].length > 10_000) errors.body = 'Texten får vara högst 10 000 tecken';
  else {
    const unknown = [...body.matchAll(/\{[a-zåäö]{1,30}\}/g)].map((m) => m[0]).filter((p) => !(p in TEMPLATE_PLACEHOLDERS));
    if (unknown.length) errors.body = `Okänd platshållare: ${[...new Set(unknown)].join(', ')}. Använd ${Object.keys(TEMPLATE_PLACEHOLDERS).join(', ')}.`;
  }
  if (input.kind && !KIND_VALUES.includes(input.kind as CaseKind)) errors.kind = 'Välj en typ i listan';
  if (!(input.purpose in TEMPLATE_PURPOSES)) errors.purpose = 'Välj vad mallen används till';
  let forvaltningId: string | null = null;
  if (input.forvaltningId) {
    const f = isUuid(input.forvaltningId) ? await tx.selectFrom('org_units').select(['id', 'kind']).where('organization_id', '=', c.org.id).where('id', '=', input.forvaltningId).executeTakeFirst() : undefined;
    if (!f || f.kind !== 'forvaltning') errors.forvaltningId = 'Välj en förvaltning i listan';
    else forvaltningId = f.id;
  }
  if (!errors.forvaltningId && !canManageTemplate(scopeOf(c), forvaltningId)) errors.forvaltningId = 'Du kan bara göra mallar för din egen förvaltning';
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Uppgifterna behöver rättas.', errors);
  return { title, body, kind: (input.kind || null) as CaseKind | null, purpose: input.purpose as TemplatePurpose, forvaltningId };
}

const tplView = (t: { title: string; body: string; kind: string | null; purpose: string; org_unit_id: string | null; active: boolean }) => ({ title: t.title, body: t.body, kind: t.kind, purpose: t.purpose, forvaltningId: t.org_unit_id, active: t.active });

export async function createTemplate(deps: AdminDeps, c: AdminCtx, input: TemplateInput) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const v = await checkTemplate(tx, c, input);
    const row = await tx
      .insertInto('response_templates')
      .values({ organization_id: c.org.id, org_unit_id: v.forvaltningId, kind: v.kind, purpose: v.purpose, title: v.title, body: v.body, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: v.forvaltningId, actor: who(c), action: 'create', entityType: 'template', entityId: row.id, summary: `Svarsmallen ${v.title} skapades`, after: tplView(row), now });
    return row;
  });
}

async function templateForChange(tx: Tx, c: AdminCtx, id: string) {
  if (!isUuid(id)) throw notFound('Mallen');
  const t = await tx.selectFrom('response_templates').selectAll().where('organization_id', '=', c.org.id).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t || !canManageTemplate(scopeOf(c), t.org_unit_id)) throw notFound('Mallen');
  return t;
}

export async function updateTemplate(deps: AdminDeps, c: AdminCtx, id: string, input: TemplateInput) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = await templateForChange(tx, c, id);
    const v = await checkTemplate(tx, c, input);
    const after = await tx
      .updateTable('response_templates')
      .set({ org_unit_id: v.forvaltningId, kind: v.kind, purpose: v.purpose, title: v.title, body: v.body, updated_at: now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: v.forvaltningId ?? before.org_unit_id, actor: who(c), action: 'update', entityType: 'template', entityId: before.id, summary: `Svarsmallen ${v.title} ändrades`, before: tplView(before), after: tplView(after), now });
  });
}

export async function setTemplateActive(deps: AdminDeps, c: AdminCtx, id: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const t = await templateForChange(tx, c, id);
    await tx.updateTable('response_templates').set({ active, updated_at: now }).where('id', '=', t.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: t.org_unit_id, actor: who(c), action: active ? 'activate' : 'deactivate', entityType: 'template', entityId: t.id, summary: `Svarsmallen ${t.title} ${active ? 'aktiverades' : 'avaktiverades'}`, before: { active: t.active }, after: { active }, now });
  });
}
