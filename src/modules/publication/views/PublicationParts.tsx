import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../../platform/clock.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { TextArea } from '../../../platform/views/forms.tsx';
import { publicationStatus, type LoadedPublication } from '../queries.ts';
import { MAX_REASON } from '../validation.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

/** Where the case's public version stands, in one box at the top of the page. */
export function PublicationStatusBox({ number, publication: p, fourEyes, ownDraft }: { number: string; publication?: LoadedPublication; fourEyes: boolean; ownDraft: boolean }) {
  const status = publicationStatus(p);
  const i18n = useI18n();
  const { t } = i18n;
  const strong = (c: ComponentChildren) => <strong>{c}</strong>;
  return (
    <div class="inset" id="publiceringsstatus">
      {p?.current && p.published_at && (
        <p>
          {i18n.rich('publication.status.published', {
            at: formatDateTime(p.first_published_at ?? p.published_at),
            version: String(p.current.number),
            approver: p.current.approver_label,
            number,
            strong,
            link: (c) => <a href={`/svar/${number}`}>{c}</a>,
          })}
        </p>
      )}
      {p?.draft && (
        <p>
          {i18n.rich('publication.status.draft', { version: String(p.draft.number), at: formatDateTime(p.draft.created_at), author: p.draft.author_label, strong })}{' '}
          {t(fourEyes ? (ownDraft ? 'publication.status.draftOthers' : 'publication.status.draftYours') : 'publication.status.draftUnpublished')}
        </p>
      )}
      {status === 'withdrawn' && p?.withdrawn_at && (
        <p>{i18n.rich('publication.status.withdrawn', { at: formatDateTime(p.withdrawn_at), reason: <span class="user-text">{p.withdrawn_reason}</span>, strong })}</p>
      )}
      {status === 'none' && <p>{t('publication.status.none')}</p>}
    </div>
  );
}

/** Avpublicera with a reason: the answer leaves the archive and its search at once. */
export function WithdrawForm({ number, csrf, revision, reason, error }: { number: string; csrf: string; revision: string; reason: string; error?: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="avpublicera-rubrik" class="action" id="avpublicera">
      <h2 id="avpublicera-rubrik">{t('publication.withdraw.heading')}</h2>
      <p>{t('publication.withdraw.text')}</p>
      <form method="post" action={`/handlaggning/arenden/${number}/publicera/avpublicera`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="revision" value={revision} />
        <TextArea name="reason" label={t('publication.withdraw.reason')} hint={t('publication.withdraw.reasonHint', { max: MAX_REASON })} value={reason} error={error} rows={3} />
        <button type="submit" class="secondary">
          {t('publication.withdraw.submit')}
        </button>
      </form>
    </section>
  );
}

/** Every saved version, newest first: who wrote it, who approved it. */
export function VersionList({ publication: p }: { publication: LoadedPublication }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="versioner-rubrik">
      <h2 id="versioner-rubrik">{t('publication.versions.heading')}</h2>
      <TableScroll label={t('publication.versions.caption')}>
      <table>
        <caption class="visually-hidden">{t('publication.versions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('publication.versions.version')}</th>
            <th scope="col">{t('publication.versions.saved')}</th>
            <th scope="col">{t('publication.versions.by')}</th>
            <th scope="col">{t('publication.versions.approved')}</th>
            <th scope="col">{t('publication.versions.title')}</th>
          </tr>
        </thead>
        <tbody>
          {p.versions.map((v) => (
            <tr key={v.id}>
              <td>
                {v.number}
                {v.id === p.public_version_id ? t('publication.versions.published') : v.id === p.draft_version_id ? t('publication.versions.draft') : ''}
              </td>
              <td>{formatDateTime(v.created_at)}</td>
              <td>{v.author_label}</td>
              <td>{v.approved_at ? t('publication.versions.approvedBy', { at: formatDateTime(v.approved_at), by: v.approver_label }) : '–'}</td>
              <td class="user-text">{v.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </section>
  );
}
