import { formatDateTime } from '../../../platform/clock.ts';
import { TextArea } from '../../../platform/views/forms.tsx';
import { publicationStatus, type LoadedPublication } from '../queries.ts';
import { MAX_REASON } from '../validation.ts';

/** Where the case's public version stands, in one box at the top of the page. */
export function PublicationStatusBox({ number, publication: p, fourEyes, ownDraft }: { number: string; publication?: LoadedPublication; fourEyes: boolean; ownDraft: boolean }) {
  const status = publicationStatus(p);
  return (
    <div class="inset" id="publiceringsstatus">
      {p?.current && p.published_at && (
        <p>
          <strong>Publicerad</strong> sedan {formatDateTime(p.first_published_at ?? p.published_at)} (version {p.current.number}, godkänd av {p.current.approver_label}). Den publika
          sidan: <a href={`/svar/${number}`}>/svar/{number}</a>.
        </p>
      )}
      {p?.draft && (
        <p>
          <strong>Utkast</strong> version {p.draft.number}, sparat {formatDateTime(p.draft.created_at)} av {p.draft.author_label}.{' '}
          {fourEyes ? (ownDraft ? 'Någon annan behöver granska och publicera det.' : 'Det väntar på din granskning.') : 'Det är inte publicerat ännu.'}
        </p>
      )}
      {status === 'withdrawn' && p?.withdrawn_at && (
        <p>
          <strong>Avpublicerad</strong> {formatDateTime(p.withdrawn_at)}. Skäl: <span class="user-text">{p.withdrawn_reason}</span>
        </p>
      )}
      {status === 'none' && <p>Ärendet är inte publicerat.</p>}
    </div>
  );
}

/** Avpublicera with a reason: the answer leaves the archive and its search at once. */
export function WithdrawForm({ number, csrf, revision, reason, error }: { number: string; csrf: string; revision: string; reason: string; error?: string }) {
  return (
    <section aria-labelledby="avpublicera-rubrik" class="action" id="avpublicera">
      <h2 id="avpublicera-rubrik">Avpublicera</h2>
      <p>Svaret försvinner från arkivet och sökningen direkt. Ärendet och originalet påverkas inte.</p>
      <form method="post" action={`/handlaggning/arenden/${number}/publicera/avpublicera`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="revision" value={revision} />
        <TextArea name="reason" label="Varför avpubliceras svaret?" hint={`Syns bara i ärendets historik. Högst ${MAX_REASON.toLocaleString('sv-SE')} tecken.`} value={reason} error={error} rows={3} />
        <button type="submit" class="secondary">
          Avpublicera
        </button>
      </form>
    </section>
  );
}

/** Every saved version, newest first: who wrote it, who approved it. */
export function VersionList({ publication: p }: { publication: LoadedPublication }) {
  return (
    <section aria-labelledby="versioner-rubrik">
      <h2 id="versioner-rubrik">Versioner</h2>
      <table>
        <caption class="visually-hidden">Sparade versioner av den publika texten</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Sparad</th>
            <th scope="col">Av</th>
            <th scope="col">Godkänd</th>
            <th scope="col">Rubrik</th>
          </tr>
        </thead>
        <tbody>
          {p.versions.map((v) => (
            <tr key={v.id}>
              <td>
                {v.number}
                {v.id === p.public_version_id ? ' (publicerad)' : v.id === p.draft_version_id ? ' (utkast)' : ''}
              </td>
              <td>{formatDateTime(v.created_at)}</td>
              <td>{v.author_label}</td>
              <td>{v.approved_at ? `${formatDateTime(v.approved_at)} av ${v.approver_label}` : '–'}</td>
              <td class="user-text">{v.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
