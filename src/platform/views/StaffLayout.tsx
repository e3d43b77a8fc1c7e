import type { ComponentChildren } from 'preact';
import type { Actor } from '../../modules/cases/policy.ts';
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
  const items: [string, string, boolean][] = [
    ['/handlaggning/inkorg', 'Inkorg', has(actor, 'registrar', 'admin')],
    ['/handlaggning/e-post', 'E-post som väntar', has(actor, 'registrar', 'admin')],
    ['/handlaggning/forvaltning', 'Min förvaltning', has(actor, 'coordinator', 'admin')],
    ['/handlaggning/arenden', 'Ärenden', true],
    ['/handlaggning/ny', 'Registrera synpunkt', has(actor, 'registrar', 'coordinator', 'handler', 'admin')],
    ['/statistik', 'Statistik', true],
    ['/handlaggning/aviseringar', 'Aviseringar', has(actor, 'coordinator', 'admin')],
    ['/admin/arkiv', 'Arkiv och gallring', actor.grants.some((g) => g.unitId === null && (g.role === 'archivist' || g.role === 'admin'))],
    ['/admin', 'Administration', has(actor, 'admin', 'unit_admin') || (actor as { installationAdmin?: boolean }).installationAdmin === true],
  ];
  const nav = (
    <nav aria-label="Handläggning">
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
            Tvåstegsverifiering<span class="visually-hidden"> för ditt konto</span>
          </a>
        </li>
        <li>
          <form method="post" action="/logga-ut" class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="link on-dark">
              Logga ut {actor.name}
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
