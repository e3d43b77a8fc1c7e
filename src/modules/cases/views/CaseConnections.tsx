import type { CaseDetail } from '../detailQueries.ts';
import { dayOf, formatBytes } from './format.ts';
import { statusLabel } from './staffLabels.ts';
import { useI18n } from '../../../platform/i18n/context.ts';

const caseHref = (n: string) => `/handlaggning/arenden/${n}`;

/** Related cases (linked both ways) and duplicates merged into this one. */
export function CaseConnections({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const { links, mergedFrom, forwarded } = detail;
  if (links.length === 0 && mergedFrom.length === 0 && !forwarded.to && !forwarded.from) return <p>{t('cases.connections.none')}</p>;
  return (
    <>
      {(forwarded.to || forwarded.from) && (
        <ul>
          {forwarded.to && <ForwardedItem which="forwardedTo" f={forwarded.to} />}
          {forwarded.from && <ForwardedItem which="forwardedFrom" f={forwarded.from} />}
        </ul>
      )}
      {links.length > 0 && (
        <>
          <h3>{t('cases.connections.linked')}</h3>
          <ul>
            {links.map((l) => (
              <li key={l.number}>
                <a href={caseHref(l.number)}>{l.number}</a> {t('cases.connections.status', { status: statusLabel(l.status) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {mergedFrom.length > 0 && (
        <>
          <h3>{t('cases.connections.merged')}</h3>
          <ul>
            {mergedFrom.map((m) => (
              <li key={m.number}>
                <a href={caseHref(m.number)}>{m.number}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Forwarded to or from another organization: a link only where this viewer may open that case. */
function ForwardedItem({ which, f }: { which: 'forwardedTo' | 'forwardedFrom'; f: NonNullable<CaseDetail['forwarded']['to']> }) {
  const { rich } = useI18n();
  return <li>{rich(`cases.connections.${which}`, { organization: f.organization, number: f.visible ? <a href={caseHref(f.number)}>{f.number}</a> : f.number })}</li>;
}

/** The files that came with the case; downloadable by those who may see personal data. */
export function CaseAttachments({ number, attachments, downloadable }: { number: string; attachments: CaseDetail['attachments']; downloadable: boolean }) {
  const { t } = useI18n();
  if (attachments.length === 0) return <p>{t('cases.attachments.none')}</p>;
  // A file name is the submitter's own text and may name someone: only those who may see personal data read it.
  if (!downloadable) return <p>{t('cases.attachments.hidden', { n: attachments.length })}</p>;
  return (
    <ul>
      {attachments.map((a) => (
        <li key={a.id}>
          <a class="break" href={`/handlaggning/arenden/${number}/bilagor/${a.id}`} download>
            {a.filename}
          </a>{' '}
          <span class="muted">{t('cases.attachments.details', { size: formatBytes(a.size_bytes), type: a.content_type, day: dayOf(a.created_at) })}</span>
        </li>
      ))}
    </ul>
  );
}
