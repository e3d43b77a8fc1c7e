import type { GroupRole, OrgUnit, Role } from '../../../db/schema.ts';
import { DomainError } from '../../../platform/errors.ts';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import { discover, sealClientSecret, SsoError } from '../../sso/oidc.ts';
import { logAdminChange } from '../log.ts';
import { canManageOrganizationSettings } from '../policy.ts';
import { clean, denied, invalid, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

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
    if (!m || !role) return { ok: false, message: sv('admin.sso.lineUnreadable', { line: i + 1 }) };
    let unitId: string | null = null;
    if (m[3]) {
      const unit = units.find((u) => u.name.toLowerCase() === m[3]!.trim().toLowerCase());
      if (!unit) return { ok: false, message: sv('admin.sso.lineUnknownUnit', { line: i + 1, unit: m[3] }) };
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
    if (!issuerUrl) errors.issuerUrl = sv('admin.sso.issuerMissing');
    if (!clientId) errors.clientId = sv('admin.sso.clientIdMissing');
    if (!input.clientSecret && !existing) errors.clientSecret = sv('admin.sso.clientSecretMissing');
    if (!scopes.split(/\s+/).includes('openid')) errors.scopes = sv('admin.sso.scopesNeedOpenid');
    if (!/^[A-Za-z0-9_:.\-/]+$/.test(emailClaim)) errors.emailClaim = sv('admin.sso.emailClaimInvalid');
    if (!/^[A-Za-z0-9_:.\-/]+$/.test(groupsClaim)) errors.groupsClaim = sv('admin.sso.groupsClaimInvalid');
  }
  const units = await deps.db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', c.org.id).execute();
  const mapping = parseGroupRoles(input.groupRoles, units);
  if (!mapping.ok) errors.groupRoles = mapping.message;
  if (!input.passwordLogin && !input.enabled) errors.passwordLogin = sv('admin.sso.passwordLoginNeedsSso');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('admin.errors.correct'), errors);
  const secret = input.clientSecret || null;

  if (issuerUrl) {
    // Ask the provider first; nothing is saved if it does not answer.
    const secretForCheck = secret ?? deps.sealer.open(existing!.client_secret_enc, `oidc-client-secret:${c.org.id}`);
    try {
      await discover({ issuerUrl, clientId, clientSecret: secretForCheck }, deps.issuerFetch);
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
      summary: sv(secret ? 'admin.summary.sso.changedWithSecret' : 'admin.summary.sso.changed'),
      before: { sso: view(before), passwordLogin: org.password_login },
      after: {
        sso: issuerUrl ? { enabled: input.enabled, issuerUrl, clientId, emailClaim, groupsClaim, scopes, groupRoles: mapping.ok ? mapping.value : [], buttonLabel: clean(input.buttonLabel) || null } : null,
        passwordLogin: input.passwordLogin,
      },
      now,
    });
  });
}
