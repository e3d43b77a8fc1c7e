import { formatDateTime } from '../../../platform/clock.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import type { listHeld, listIgnored } from '../held.ts';

const IGNORED_LABEL: Record<string, string> = {
  auto_reply: 'Automatiskt svar',
  bounce_unmatched: 'Studsat meddelande som inte gällde något vi skickat',
  loop: 'Från en av våra egna adresser',
  discarded: 'Borttaget av registratorn',
};

export interface HeldMailPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  held: Awaited<ReturnType<typeof listHeld>>;
  ignored: Awaited<ReturnType<typeof listIgnored>>;
  notice?: string;
}

/** Mail waiting for the registrar: floods held back and messages too large to fetch; and what never became a case. */
export function HeldMailPage(p: HeldMailPageProps) {
  return (
    <StaffLayout title="Inkommande e-post som väntar" orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/e-post">
      {p.notice && (
        <div class="success-banner" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      <h1>Inkommande e-post som väntar</h1>
      <p>
        Här hamnar e-post som inte blev ärenden direkt: när samma avsändare skickar många meddelanden på kort tid, eller när ett meddelande är för stort för att hämtas. Välj om
        meddelandet ska bli ett ärende eller tas bort från listan. Inget raderas; originalmeddelandet sparas.
      </p>
      {p.held.length === 0 ? (
        <p>Ingen e-post väntar.</p>
      ) : (
        <ul class="conversation">
          {p.held.map((m) => (
            <li key={m.id} class="conversation-item conversation-item--in">
              <h2 class="h3">
                <span class="user-text">{m.subject || '(inget ämne)'}</span>
              </h2>
              <p>
                Från <span class="break">{m.from_name ? `${m.from_name} <${m.from_address ?? ''}>` : (m.from_address ?? 'okänd avsändare')}</span>,{' '}
                <time dateTime={m.received_at.toISOString()}>{formatDateTime(m.received_at)}</time>
              </p>
              <ul class="mail-warnings">
                {m.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
              <ul class="action-links">
                {m.has_raw && (
                  <li>
                    <a href={`/handlaggning/e-post/${m.id}.eml`}>
                      Läs originalmeddelandet (.eml)<span class="visually-hidden">: {m.subject}</span>
                    </a>
                  </li>
                )}
                {m.has_raw && (
                  <li>
                    <form method="post" action={`/handlaggning/e-post/${m.id}/slapp`} class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit">
                        Gör ett ärende av det<span class="visually-hidden">: {m.subject || 'meddelandet utan ämne'}</span>
                      </button>
                    </form>
                  </li>
                )}
                <li>
                  <form method="post" action={`/handlaggning/e-post/${m.id}/kasta`} class="inline-form">
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit" class="secondary">
                      Ta bort från listan<span class="visually-hidden">: {m.subject || 'meddelandet utan ämne'}</span>
                    </button>
                  </form>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h2>E-post som inte blev ärenden</h2>
      {p.ignored.length === 0 ? (
        <p>Inga sådana meddelanden.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">De senaste 50 meddelandena som inte blev ärenden</caption>
            <thead>
              <tr>
                <th scope="col">Ämne</th>
                <th scope="col">Från</th>
                <th scope="col">Mottaget</th>
                <th scope="col">Varför</th>
              </tr>
            </thead>
            <tbody>
              {p.ignored.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <a class="user-text" href={`/handlaggning/e-post/${m.id}.eml`}>
                      {m.subject || '(inget ämne)'}
                    </a>
                  </th>
                  <td class="break">{m.from_address ?? '–'}</td>
                  <td>{formatDateTime(m.received_at)}</td>
                  <td>{IGNORED_LABEL[m.outcome] ?? m.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
