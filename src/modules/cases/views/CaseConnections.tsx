import type { CaseDetail } from '../detailQueries.ts';
import { dayOf, formatBytes } from './format.ts';
import { statusLabel } from './staffLabels.ts';

const caseHref = (n: string) => `/handlaggning/arenden/${n}`;

/** Related cases (linked both ways) and duplicates merged into this one. */
export function CaseConnections({ detail }: { detail: CaseDetail }) {
  const { links, mergedFrom } = detail;
  if (links.length === 0 && mergedFrom.length === 0) return <p>Inga länkade eller sammanslagna ärenden.</p>;
  return (
    <>
      {links.length > 0 && (
        <>
          <h3>Länkade ärenden</h3>
          <ul>
            {links.map((l) => (
              <li key={l.number}>
                <a href={caseHref(l.number)}>{l.number}</a> ({statusLabel(l.status)})
              </li>
            ))}
          </ul>
        </>
      )}
      {mergedFrom.length > 0 && (
        <>
          <h3>Dubbletter som slagits ihop med det här ärendet</h3>
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

/** The files that came with the case; downloadable by those who may see personal data. */
export function CaseAttachments({ number, attachments, downloadable }: { number: string; attachments: CaseDetail['attachments']; downloadable: boolean }) {
  if (attachments.length === 0) return <p>Inga bilagor.</p>;
  // A file name is the submitter's own text and may name someone: only those who may see personal data read it.
  if (!downloadable) return <p>{attachments.length === 1 ? 'En bilaga' : `${attachments.length} bilagor`}. Din roll ger inte tillgång till dem.</p>;
  return (
    <ul>
      {attachments.map((a) => (
        <li key={a.id}>
          <a class="break" href={`/handlaggning/arenden/${number}/bilagor/${a.id}`} download>
            {a.filename}
          </a>{' '}
          <span class="muted">({formatBytes(a.size_bytes)}, {a.content_type}, {dayOf(a.created_at)})</span>
        </li>
      ))}
    </ul>
  );
}
