import type { CaseKind } from '../../db/schema.ts';
import type { Actor } from '../cases/policy.ts';
import { KIND_LABEL, KINDS } from '../cases/labels.ts';
import { ErrorSummary, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import { longDate, type FullPolicy } from './policies.ts';

interface Frame {
  orgName: string;
  actor: Actor;
  csrf: string;
}

export interface PolicyInput {
  kind: string;
  acknowledgeWorkingDays: string;
  answerDays: string;
  answerUnit: string;
  reminders: string;
  reminderIntervalWorkingDays: string;
  escalateAfterWorkingDays: string;
}

export const policyInput = (kind: CaseKind | null, p: FullPolicy): PolicyInput => ({
  kind: kind ?? '',
  acknowledgeWorkingDays: String(p.acknowledgeWorkingDays),
  answerDays: String(p.answerDays),
  answerUnit: p.answerUnit,
  reminders: String(p.reminders),
  reminderIntervalWorkingDays: String(p.reminderIntervalWorkingDays),
  escalateAfterWorkingDays: p.escalateAfterWorkingDays === null ? '' : String(p.escalateAfterWorkingDays),
});

const describe = (p: FullPolicy) =>
  `bekräftelse inom ${p.acknowledgeWorkingDays} arbetsdagar, svar inom ${p.answerDays} ${p.answerUnit === 'working' ? 'arbetsdagar' : 'kalenderdagar'}; ` +
  `${p.reminders === 0 ? 'inga påminnelser' : p.reminders === 1 ? 'en påminnelse' : `${p.reminders} påminnelser med ${p.reminderIntervalWorkingDays} arbetsdagars mellanrum`}` +
  `${p.escalateAfterWorkingDays === null ? ', ingen eskalering' : `, eskalering till synpunktsansvarig efter ${p.escalateAfterWorkingDays} arbetsdagar`}`;

export function DeadlinesPage(
  props: Frame & {
    policies: { kind: CaseKind | null; policy: FullPolicy; own: boolean }[];
    closureDays: { day: string; description: string }[];
    input: PolicyInput;
    errors?: FieldErrors;
    closure?: { day: string; description: string; errors: FieldErrors };
    notice?: string;
  },
) {
  const errors = props.errors ?? {};
  const closureErrors = props.closure?.errors ?? {};
  const hasErrors = Object.keys(errors).length + Object.keys(closureErrors).length > 0;
  return (
    <StaffLayout title="Tidsfrister" hasErrors={hasErrors} orgName={props.orgName} actor={props.actor} csrf={props.csrf}>
      <p>
        <a href="/admin">Administration</a>
      </p>
      <ErrorSummary errors={{ ...errors, ...closureErrors }} />
      {props.notice && (
        <div class="success-banner" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <h1>Tidsfrister</h1>
      <p>
        Fristerna räknas från dagen då synpunkten kom in. Arbetsdagar är vardagar utom helgdagar, midsommarafton, julafton, nyårsafton och organisationens egna stängda
        dagar. När tidsfristerna eller de stängda dagarna ändras räknas fristerna om för alla öppna ärenden. Ett svarsdatum som handläggaren har förlängt flyttas aldrig
        tidigare.
      </p>
      <h2>Gällande tidsfrister</h2>
      <dl class="summary-list">
        {props.policies.map((p) => (
          <div key={p.kind ?? 'alla'}>
            <dt>{p.kind ? KIND_LABEL[p.kind] : 'Alla typer'}</dt>
            <dd>
              {describe(p.policy)}
              {p.kind && !p.own && ' (som alla typer)'}
              {p.kind && p.own && (
                <form method="post" action="/admin/tidsfrister/ta-bort-typ" class="inline-form">
                  <input type="hidden" name="_csrf" value={props.csrf} />
                  <input type="hidden" name="kind" value={p.kind} />{' '}
                  <button type="submit" class="link">
                    Använd samma som alla typer<span class="visually-hidden"> för {KIND_LABEL[p.kind]}</span>
                  </button>
                </form>
              )}
            </dd>
          </div>
        ))}
      </dl>

      <h2>Ändra tidsfrister</h2>
      <form method="post" action="/admin/tidsfrister" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <Select
          name="kind"
          label="Gäller"
          value={props.input.kind}
          options={[{ value: '', label: 'Alla typer' }, ...KINDS.map((k) => ({ value: k, label: `Bara ${KIND_LABEL[k].toLowerCase()}` }))]}
        />
        <TextInput name="acknowledgeWorkingDays" label="Bekräftelse inom (arbetsdagar)" inputmode="numeric" value={props.input.acknowledgeWorkingDays} error={errors.acknowledgeWorkingDays} />
        <TextInput name="answerDays" label="Svar inom (dagar)" inputmode="numeric" value={props.input.answerDays} error={errors.answerDays} />
        <Radios
          name="answerUnit"
          legend="Svarstiden räknas i"
          value={props.input.answerUnit}
          error={errors.answerUnit}
          options={[
            { value: 'working', label: 'Arbetsdagar' },
            { value: 'calendar', label: 'Kalenderdagar', hint: 'Till exempel ”svar inom 7 dagar”.' },
          ]}
        />
        <TextInput name="reminders" label="Antal påminnelser till handläggaren när svarstiden har gått ut" hint="0 betyder inga påminnelser." inputmode="numeric" value={props.input.reminders} error={errors.reminders} />
        <TextInput name="reminderIntervalWorkingDays" label="Arbetsdagar mellan påminnelserna" inputmode="numeric" value={props.input.reminderIntervalWorkingDays} error={errors.reminderIntervalWorkingDays} />
        <TextInput
          name="escalateAfterWorkingDays"
          label="Eskalera till förvaltningens synpunktsansvariga efter (arbetsdagar efter första påminnelsen)"
          hint="Lämna tomt för att inte eskalera."
          inputmode="numeric"
          value={props.input.escalateAfterWorkingDays}
          error={errors.escalateAfterWorkingDays}
        />
        <button type="submit">Spara tidsfrister</button>
      </form>

      <h2>Stängda dagar</h2>
      {props.closureDays.length === 0 ? (
        <p>Inga egna stängda dagar.</p>
      ) : (
        <ul>
          {props.closureDays.map((d) => (
            <li key={d.day}>
              {longDate(d.day)}
              {d.description && ` – ${d.description}`}{' '}
              <form method="post" action="/admin/tidsfrister/stangda-dagar/ta-bort" class="inline-form">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <input type="hidden" name="day" value={d.day} />
                <button type="submit" class="link">
                  Ta bort<span class="visually-hidden"> {longDate(d.day)}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/admin/tidsfrister/stangda-dagar" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="day" label="Datum" hint="Till exempel 2027-05-14 (en klämdag)." type="date" value={props.closure?.day} error={closureErrors.day} />
        <TextInput name="description" label="Beskrivning (frivillig)" value={props.closure?.description} error={closureErrors.description} maxLength={200} />
        <button type="submit" class="secondary">
          Lägg till stängd dag
        </button>
      </form>
    </StaffLayout>
  );
}

export function ExtendPage(
  props: Frame & {
    c: { number: string; answer_by: string | null; version: number; reply_channel: string | null; anonymous: boolean };
    input: { newDate: string; reason: string };
    errors?: FieldErrors;
  },
) {
  const errors = props.errors ?? {};
  const how =
    props.c.anonymous || !props.c.reply_channel || props.c.reply_channel === 'none'
      ? 'Synpunktslämnaren är anonym eller vill inte ha svar, så inget meddelande skickas. Förlängningen syns i ärendet.'
      : props.c.reply_channel === 'email'
        ? 'Synpunktslämnaren får ett e-postmeddelande med det nya datumet och din förklaring.'
        : `Synpunktslämnaren vill ha svar per ${props.c.reply_channel === 'letter' ? 'brev' : 'telefon'}. Meddelandet sparas i ärendet, och du behöver själv ${props.c.reply_channel === 'letter' ? 'skicka brevet' : 'ringa'}.`;
  return (
    <StaffLayout title={`Förläng svarstiden för ${props.c.number}`} hasErrors={Object.keys(errors).length > 0} orgName={props.orgName} actor={props.actor} csrf={props.csrf}>
      <p>
        <a href={`/handlaggning/arenden/${props.c.number}`}>Tillbaka till ärendet</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>Förläng svarstiden för {props.c.number}</h1>
      <p>
        Nuvarande svarsdatum: <strong>{props.c.answer_by ? longDate(props.c.answer_by) : 'inget'}</strong>.
      </p>
      <p>Enligt förvaltningslagen (11 §) ska synpunktslämnaren få veta om svaret dröjer, och varför. {how}</p>
      <form method="post" action={`/handlaggning/arenden/${props.c.number}/forlang`} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="version" value={String(props.c.version)} />
        <TextInput name="newDate" type="date" label="Nytt svarsdatum" hint="Till exempel 2027-02-15." value={props.input.newDate} error={errors.newDate} />
        <TextArea name="reason" label="Varför dröjer svaret?" hint="Synpunktslämnaren får läsa det här." rows={5} value={props.input.reason} error={errors.reason} />
        <button type="submit">Förläng och meddela</button>
      </form>
    </StaffLayout>
  );
}

export function NotificationSettingsPage(props: Frame & { optOut: boolean; isCoordinator: boolean; notice?: string }) {
  return (
    <StaffLayout title="Mina aviseringar" orgName={props.orgName} actor={props.actor} csrf={props.csrf}>
      {props.notice && (
        <div class="success-banner" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <h1>Mina aviseringar</h1>
      <p>Du får alltid en påminnelse när svarstiden har gått ut för ett ärende du handlägger.</p>
      {props.isCoordinator ? (
        <form method="post" action="/handlaggning/aviseringar" novalidate>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <Radios
            name="digest"
            legend="Daglig sammanställning av nya, ofördelade och försenade ärenden i din förvaltning"
            value={props.optOut ? 'off' : 'on'}
            options={[
              { value: 'on', label: 'Ja, skicka den varje arbetsdag' },
              { value: 'off', label: 'Nej tack' },
            ]}
          />
          <button type="submit">Spara</button>
        </form>
      ) : (
        <p>Den dagliga sammanställningen går till förvaltningarnas synpunktsansvariga.</p>
      )}
    </StaffLayout>
  );
}
