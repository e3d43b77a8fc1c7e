import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { sendPage } from '../../../platform/views/render.ts';
import { absoluteUrl } from '../../../platform/tenant.ts';
import { orgSettings } from '../../organizations/settings.ts';
import * as cmd from '../commands/settings.ts';
import * as sso from '../commands/sso.ts';
import { canManageOrganizationSettings } from '../policy.ts';
import { LoginSettingsPage, TextsPage, type LoginSettingsValues } from '../views/SettingsPages.tsx';
import { attempt, checked, field, noticeFrom, see, type AdminKit } from './kit.ts';

/** Admin pages: texts, letterhead and sign-in (organization admin). */
export function settingsRoutes(app: FastifyInstance, k: AdminKit) {
  const { db, deps, scopeOf, ctx, page, requireScope } = k;

  const settingsValues = (req: FastifyRequest): cmd.SettingsInput => {
    const s = orgSettings(req.org);
    const l = s.letterhead ?? {};
    return {
      startPageIntro: s.startPageIntro ?? '',
      startPageExtra: s.startPageExtra ?? '',
      faultReport: s.referralLinks?.faultReport ?? '',
      appeal: s.referralLinks?.appeal ?? '',
      deviation: s.referralLinks?.deviation ?? '',
      schoolHarassmentUrl: s.schoolHarassmentUrl ?? '',
      otherAuthorityText: s.otherAuthorityText ?? '',
      contactEmail: s.contactEmail ?? '',
      contactPhone: s.contactPhone ?? '',
      postalAddress: s.postalAddress ?? '',
      visitingAddress: s.visitingAddress ?? '',
      publishedContacts: s.publishedContacts ?? '',
      senderName: l.senderName ?? '',
      letterPostalAddress: l.postalAddress ?? '',
      letterPhone: l.phone ?? '',
      letterEmail: l.email ?? '',
      website: l.website ?? '',
      signature: l.signature ?? '',
      casePrefix: req.org.case_prefix,
    };
  };

  app.get('/admin/texter', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    return sendPage(reply, <TextsPage {...page(req, reply, '/admin/texter')} values={settingsValues(req)} notice={noticeFrom(req)} />);
  });

  app.post('/admin/texter', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    const values = Object.fromEntries(Object.keys(settingsValues(req)).map((k) => [k, field(req.body, k)])) as unknown as cmd.SettingsInput;
    const r = await attempt(() => cmd.updateSettings(deps, ctx(req), values));
    if (!r.ok) return sendPage(reply, <TextsPage {...page(req, reply, '/admin/texter')} values={values} errors={r.errors} />, 400);
    return see(reply, '/admin/texter', 'sparad');
  });

  async function loginPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: LoginSettingsValues; errors?: FieldErrors; secretNotSaved?: boolean } = {}, status = 200) {
    const row = await db.selectFrom('organization_sso').selectAll().where('organization_id', '=', req.org.id).executeTakeFirst();
    const units = await db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', req.org.id).execute();
    const values: LoginSettingsValues = extra.values ?? {
      enabled: row?.enabled ?? false,
      issuerUrl: row?.issuer_url ?? '',
      clientId: row?.client_id ?? '',
      emailClaim: row?.email_claim ?? 'email',
      groupsClaim: row?.groups_claim ?? 'groups',
      scopes: row?.scopes ?? 'openid email profile',
      buttonLabel: row?.button_label ?? '',
      groupRoles: row ? sso.formatGroupRoles(row.group_roles, units) : '',
      passwordLogin: req.org.password_login,
    };
    return sendPage(
      reply,
      <LoginSettingsPage
        {...page(req, reply, '/admin/inloggning')}
        values={values}
        hasSecret={!!row}
        secretNotSaved={extra.secretNotSaved}
        redirectUri={absoluteUrl(req, '/logga-in/sso/callback')}
        logoutUri={absoluteUrl(req, '/logga-in?utloggad')}
        updatedAt={row?.updated_at ?? null}
        errors={extra.errors}
        notice={noticeFrom(req)}
      />,
      status,
    );
  }

  app.get('/admin/inloggning', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    return loginPage(req, reply);
  });

  app.post('/admin/inloggning', async (req, reply) => {
    requireScope(canManageOrganizationSettings(scopeOf(req)));
    const b = req.body;
    const values: LoginSettingsValues = {
      enabled: checked(b, 'enabled'),
      issuerUrl: field(b, 'issuerUrl'),
      clientId: field(b, 'clientId'),
      emailClaim: field(b, 'emailClaim'),
      groupsClaim: field(b, 'groupsClaim'),
      scopes: field(b, 'scopes'),
      buttonLabel: field(b, 'buttonLabel'),
      groupRoles: field(b, 'groupRoles'),
      passwordLogin: checked(b, 'passwordLogin'),
    };
    const r = await attempt(() => sso.saveSso(deps, ctx(req), { ...values, clientSecret: field(b, 'clientSecret') }));
    // A secret is never written back into the page: the form with errors says it must be typed again.
    if (!r.ok) return loginPage(req, reply, { values, errors: r.errors, secretNotSaved: field(b, 'clientSecret') !== '' }, 400);
    return see(reply, '/admin/inloggning', 'sparad');
  });
}
