import { formatDateTime, formatLongDate } from '../../../platform/clock.ts';
import { ErrorSummary, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { swedishLanguageName } from '../../../platform/i18n/languageName.ts';
import type { CaseDetail } from '../../cases/detailQueries.ts';
import { KIND_LABEL, REPLY_CHANNEL_LABEL } from '../../cases/labels.ts';
import type { Actor } from '../../cases/policy.ts';
import { answerPath, casePath, messagePdfPath } from '../paths.ts';
import type { AnswerTemplate } from '../queries.ts';
import { MESSAGE_CHANNELS, recipientFor, type AnswerFormInput, type Reachability } from '../validation.ts';

interface Props {
  orgName: string;
  actor: Actor;
  csrf: string;
  detail: CaseDetail;
  templates: AnswerTemplate[];
  selectedTemplate?: string;
  input: AnswerFormInput;
  errors?: FieldErrors;
  /** Someone else saved first, or the case can no longer be answered: nothing was sent. */
  conflict?: string;
  /** Why this case cannot be answered at all (anonymous, no answer wanted). */
  blocked?: string;
}

const CHANNEL_NAME = { email: 'E-post', letter: 'Brev', phone: 'Telefon' } as const;
const CHANNEL_HINT = {
  email: (to: string) => `Läggs i utkorgen och skickas till ${to}.`,
  letter: (to: string) => `Blir en PDF med kommunens brevhuvud som du skriver ut och skickar till ${to.replace(/\n/g, ', ')}.`,
  phone: (to: string) => `Ring ${to} och skriv sedan vad ni talade om. Sparas som en anteckning om samtalet.`,
} as const;

export function AnswerPage({ orgName, actor, csrf, detail, templates, selectedTemplate, input, errors = {}, conflict, blocked }: Props) {
  const c = detail.case;
  const contact = detail.contact;
  const reach: Reachability = { email: contact?.email ?? null, phone: contact?.phone ?? null, address: contact?.address ?? null };
  const title = `Svara på ärende ${c.number}`;
  const hasErrors = Object.keys(errors).length > 0 || !!conflict;
  const sent = detail.messages.filter((m) => ['answer', 'referral', 'not_handled'].includes(m.purpose));
  return (
    <StaffLayout title={title} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/handlaggning/arenden">
      <p>
        <a href={casePath(c.number)}>Tillbaka till ärende {c.number}</a>
      </p>
      {conflict && (
        <div class="error-summary" role="alert" aria-labelledby="conflict-title" tabindex={-1} data-error-summary>
          <h2 id="conflict-title">Svaret har inte skickats</h2>
          <p>{conflict}</p>
          <p>
            Din text finns kvar nedan. <a href={casePath(c.number)}>Läs ärendet</a> och skicka igen om svaret fortfarande stämmer.
          </p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {c.language && c.language !== 'sv' && (
        <p class="notice">
          Synpunktslämnaren skrev på {swedishLanguageName(c.language)}. Ämnesraden, hälsningen och raderna under svaret i e-postmeddelandet är på{' '}
          {swedishLanguageName(c.language)}; själva svaret skriver du på det språk du väljer.
        </p>
      )}
      <dl class="summary-list">
        <dt>Typ</dt>
        <dd>{KIND_LABEL[c.kind]}</dd>
        {c.language && (
          <>
            <dt>Språk</dt>
            <dd>{swedishLanguageName(c.language)}</dd>
          </>
        )}
        <dt>Mottagen</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{formatLongDate(c.received_at)}</time>
        </dd>
        {contact && (
          <>
            <dt>Namn</dt>
            <dd>{contact.name || '–'}</dd>
            <dt>Vill ha svar</dt>
            <dd>{REPLY_CHANNEL_LABEL[contact.reply_channel]}</dd>
            {contact.email && (
              <>
                <dt>E-post</dt>
                <dd class="break">{contact.email}</dd>
              </>
            )}
            {contact.phone && (
              <>
                <dt>Telefon</dt>
                <dd>{contact.phone}</dd>
              </>
            )}
            {contact.address && (
              <>
                <dt>Postadress</dt>
                <dd class="user-text">{contact.address}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <h2>Synpunkten</h2>
      <div class="inset">
        <p class="user-text" dir="auto">
          {c.description}
        </p>
      </div>

      {sent.length > 0 && (
        <>
          <h2>Tidigare svar</h2>
          <ul>
            {sent.map((m) => (
              <li key={m.id}>
                {CHANNEL_NAME[m.channel]}, {formatDateTime(m.created_at)}
                {m.author_name ? `, ${m.author_name}` : ''}: {m.subject ?? ''} (<a href={messagePdfPath(c.number, m.id)}>PDF</a>)
              </li>
            ))}
          </ul>
        </>
      )}

      {blocked ? (
        <div class="notice">
          <p>{blocked}</p>
        </div>
      ) : (
        <>
          {templates.length > 0 && (
            <>
              <h2>Svarsmall</h2>
              <form method="get" action={answerPath(c.number)}>
                <Select
                  name="mall"
                  label="Mall ur frasbiblioteket"
                  hint="Texten i svaret nedan byts mot mallen, med ärendets uppgifter ifyllda. Du kan ändra texten innan du skickar."
                  value={selectedTemplate ?? ''}
                  error={errors.mall}
                  options={[{ value: '', label: 'Välj mall' }, ...templates.map((t) => ({ value: t.id, label: t.title }))]}
                />
                <button type="submit" class="secondary">
                  Använd mallen
                </button>
              </form>
            </>
          )}

          <h2>Ditt svar</h2>
          <form method="post" action={answerPath(c.number)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="version" value={input.version} />
            <Radios
              name="channel"
              legend="Hur svarar du? (måste fyllas i)"
              hint={contact && contact.reply_channel !== 'none' ? `Personen vill helst ha svar med ${REPLY_CHANNEL_LABEL[contact.reply_channel].toLowerCase()}.` : undefined}
              value={input.channel}
              error={errors.channel}
              options={MESSAGE_CHANNELS.map((ch) => {
                const to = recipientFor(ch, reach);
                return { value: ch, label: CHANNEL_NAME[ch], hint: to ? CHANNEL_HINT[ch](to) : 'Personen har inte lämnat den uppgiften.' };
              })}
            />
            <TextInput name="subject" label="Ämne" hint="Gäller e-post och brev." value={input.subject} error={errors.subject} maxLength={200} />
            <TextArea
              name="body"
              label="Svar (måste fyllas i)"
              hint="Vid telefon: skriv vad ni talade om. Texten visas för personen på ärendets statussida."
              value={input.body}
              error={errors.body}
              rows={14}
              required
            />
            <TextInput name="callDate" type="date" label="Dag för samtalet" hint="Gäller telefon. Till exempel 2026-12-22." value={input.callDate} error={errors.callDate} />
            <button type="submit">Skicka svaret</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
