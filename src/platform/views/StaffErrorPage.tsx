import type { Actor } from '../../modules/cases/policy.ts';
import { mayManageRecords } from '../../modules/retention/policy.ts';
import { swedishDate } from '../clock.ts';
import { useI18n } from '../i18n/context.ts';
import { errorTitle } from './ErrorPage.tsx';
import { StaffLayout } from './StaffLayout.tsx';

/**
 * The staff side's addresses (organization-relative, as routed): everything but the public
 * statistics under /statistik. They are Swedish whatever the browser prefers, and an error on them
 * keeps the staff navigation (a signed-in person only).
 */
export const STAFF_PATH = /^\/(?:admin|handlaggning|konto|logga-in|logga-ut|inbjudan|statistik(?!\/publik))(?:[/?]|$)/;

/**
 * An error on a staff page, in the staff frame. A disposed case (410) says when and under which
 * decision (the message), and links the records officer to that day's disposal log.
 */
export function StaffErrorPage(p: { status: number; message: string; orgName: string; actor: Actor; csrf: string; disposedAt?: string }) {
  const { t } = useI18n();
  const title = t(errorTitle(p.status));
  const day = p.status === 410 && p.disposedAt && mayManageRecords(p.actor) ? swedishDate(new Date(p.disposedAt)) : undefined;
  return (
    <StaffLayout title={title} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      <h1>{title}</h1>
      <p>{p.message}</p>
      {day && (
        <p>
          <a href={`/admin/arkiv/gallringslogg?fran=${day}&till=${day}`}>{t('staff.error.disposalLog', { day })}</a>
        </p>
      )}
      <p>
        <a href="/handlaggning/arenden">{t('staff.error.toCases')}</a>
      </p>
    </StaffLayout>
  );
}
