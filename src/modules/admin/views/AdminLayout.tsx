import type { ComponentChildren } from 'preact';
import { ErrorSummary, type FieldErrors } from '../../../platform/views/forms.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { AdminActor } from '../policy.ts';

export interface AdminNavItem {
  href: string;
  label: string;
}

export interface AdminPageProps {
  orgName: string;
  actor: AdminActor;
  csrf: string;
  nav: AdminNavItem[];
  /** Which admin nav item is current, by href. */
  current: string;
  /** Something to know that is not a success (nothing to do, say): a neutral notice, not the green banner. */
  info?: string;
}

/**
 * Every admin page: the staff frame, the admin section's own navigation, the error summary and
 * a status message after a change (post/redirect/get).
 */
export function AdminLayout({ title, errors = {}, fieldIds, notice, info, orgName, actor, csrf, nav, current, children }: AdminPageProps & { title: string; errors?: FieldErrors; fieldIds?: Record<string, string>; notice?: string; children: ComponentChildren }) {
  const { t } = useI18n();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title={title} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <nav aria-label={t('admin.nav.label')} class="admin-nav">
        <ul>
          {nav.map((n) => (
            <li key={n.href}>
              <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {notice && (
        <div class="success-banner" role="status">
          <p>{notice}</p>
        </div>
      )}
      {info && (
        <div class="notice" role="status">
          <p>{info}</p>
        </div>
      )}
      {children}
    </StaffLayout>
  );
}

/** A button that posts one action, with the CSRF token: the only way to change things without JavaScript. */
export function ActionButton({ action, csrf, label, secondary, fields = {}, ariaLabel }: { action: string; csrf: string; label: string; secondary?: boolean; fields?: Record<string, string>; ariaLabel?: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={csrf} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={secondary ? 'secondary' : undefined} aria-label={ariaLabel}>
        {label}
      </button>
    </form>
  );
}
