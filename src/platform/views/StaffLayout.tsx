import type { ComponentChildren } from 'preact';
import type { Actor } from '../../modules/cases/policy.ts';
import { mayTriageMail } from '../../modules/mailin/policy.ts';
import { mayManageRecords } from '../../modules/retention/policy.ts';
import { useI18n } from '../i18n/context.ts';
import { Layout } from './layout.tsx';

export interface StaffLayoutProps {
  title: string;
  hasErrors?: boolean;
  orgName: string;
  actor: Actor;
  csrf: string;
  /** Which nav item is current, by href. */
  current?: string;
  children: ComponentChildren;
}

/** The person's own account: two-factor sign-in (modules/sso). */
export const ACCOUNT_PATH = '/konto/tvastegsverifiering';

const has = (a: Actor, ...roles: string[]) => a.grants.some((g) => roles.includes(g.role));

/** The staff pages' frame: the same accessible layout with the staff navigation and sign-out. */
export function StaffLayout({ title, hasErrors, orgName, actor, csrf, current, children }: StaffLayoutProps) {
  const { t } = useI18n();
  const items: [string, string, boolean][] = [
    ['/handlaggning/inkorg', t('staff.nav.inbox'), has(actor, 'registrar', 'admin')],
    ['/handlaggning/e-post', t('staff.nav.heldMail'), mayTriageMail(actor)],
    ['/handlaggning/forvaltning', t('staff.nav.myDepartment'), has(actor, 'coordinator', 'admin')],
    ['/handlaggning/arenden', t('staff.nav.cases'), true],
    ['/handlaggning/ny', t('staff.nav.register'), has(actor, 'registrar', 'coordinator', 'handler', 'admin')],
    ['/statistik', t('staff.nav.statistics'), true],
    ['/handlaggning/aviseringar', t('staff.nav.notifications'), has(actor, 'coordinator', 'admin')],
    ['/admin/arkiv', t('staff.nav.records'), mayManageRecords(actor)],
    ['/admin', t('staff.nav.admin'), has(actor, 'admin', 'unit_admin') || (actor as { installationAdmin?: boolean }).installationAdmin === true],
  ];
  const nav = (
    <nav aria-label={t('staff.nav.label')}>
      <ul class="staff-nav">
        {items
          .filter(([, , show]) => show)
          .map(([href, label]) => (
            <li key={href}>
              <a href={href} aria-current={current === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        <li class="account-item">
          <a href={ACCOUNT_PATH} aria-current={current === ACCOUNT_PATH ? 'page' : undefined}>
            {t('staff.nav.twoFactor')}
            <span class="visually-hidden">{t('staff.nav.twoFactorHidden')}</span>
          </a>
        </li>
        <li>
          <form method="post" action="/logga-ut" class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="link on-dark">
              {t('staff.nav.signOut', { name: actor.name })}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
  return (
    <Layout title={title} hasErrors={hasErrors} orgName={orgName} homeHref="/handlaggning" nav={nav} wide>
      {children}
    </Layout>
  );
}
