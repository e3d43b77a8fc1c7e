import { Checkbox, ErrorSummary, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CHANNEL_LABEL, KIND_LABEL, KINDS, REPLY_CHANNEL_LABEL, REPLY_CHANNELS } from '../../cases/labels.ts';
import { OUTCOMES } from '../../cases/lifecycle.ts';
import type { Actor } from '../../cases/policy.ts';
import { MAX_DESCRIPTION } from '../../intake/validation.ts';
import type { RegistrationChoices } from '../queries.ts';
import { STAFF_CHANNELS, type RegistrationInput } from '../validation.ts';

export const REGISTER_PATH = '/handlaggning/ny';

interface Props {
  orgName: string;
  actor: Actor;
  csrf: string;
  choices: RegistrationChoices;
  input: RegistrationInput;
  errors?: FieldErrors;
}

// Staff read the person's replies aloud, so the reply options speak about the person.
const PERSON_REPLY_LABEL = { ...REPLY_CHANNEL_LABEL, none: 'Personen vill inte ha något svar' };

/** "Registrera synpunkt åt någon": phone, letter, visit … recorded by staff, with the three ways to handle it. */
export function RegisterPage({ orgName, actor, csrf, choices, input, errors = {} }: Props) {
  const hasErrors = Object.keys(errors).length > 0;
  const depthOf = (u: { ancestor_ids: string[] }) => u.ancestor_ids.length - 1;
  const unitName = new Map(choices.units.map((u) => [u.id, u.name]));
  return (
    <StaffLayout title="Registrera synpunkt åt någon" hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current={REGISTER_PATH}>
      <ErrorSummary errors={errors} />
      <h1>Registrera synpunkt åt någon</h1>
      <p>
        För synpunkter som kommer in per telefon, brev, besök, e-post, sociala medier, sms eller pappersblankett. Fält markerade med (måste fyllas i)
        är obligatoriska.
      </p>
      <form method="post" action={REGISTER_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="formId" value={input.formId} />
        <Radios
          name="mode"
          legend="Hur ska synpunkten hanteras? (måste fyllas i)"
          value={input.mode}
          error={errors.mode}
          options={[
            { value: 'normal', label: 'Vanlig synpunkt', hint: 'Hamnar i registratorns inkorg för klassning och fördelning.' },
            {
              value: 'quick',
              label: 'Snabbsynpunkt',
              hint: 'Du har redan svarat eller löst det. Registreras, besvaras och avslutas direkt. Fyll också i delen Snabbsynpunkt längre ned.',
            },
            {
              value: 'internal',
              label: 'Intern synpunkt',
              hint: 'Från dig eller en kollega om den egna verksamheten. Besvaras av närmaste chef och publiceras aldrig.',
            },
          ]}
        />

        <fieldset>
          <legend>Hur och när kom synpunkten in?</legend>
          <Select
            name="channel"
            label="Kanal (måste fyllas i)"
            hint="Behövs inte för interna synpunkter."
            value={input.channel}
            error={errors.channel}
            options={[{ value: '', label: 'Välj kanal' }, ...STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))]}
          />
          <TextInput
            name="receivedAt"
            type="datetime-local"
            label="Datum och klockslag då synpunkten kom in (måste fyllas i)"
            hint="När personen hörde av sig eller brevet kom, inte när du registrerar. Till exempel 2026-12-22 10:00."
            value={input.receivedAt}
            error={errors.receivedAt}
          />
        </fieldset>

        <Radios
          name="kind"
          legend="Vad gäller det? (måste fyllas i)"
          value={input.kind}
          error={errors.kind}
          options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
        />
        <TextArea
          name="description"
          label="Vad framförde personen? (måste fyllas i)"
          hint={`Skriv så nära personens egna ord som möjligt. Inga personnummer. Högst ${MAX_DESCRIPTION.toLocaleString('sv-SE')} tecken.`}
          value={input.description}
          error={errors.description}
          required
          rows={8}
        />
        <Select
          name="unit"
          label="Vilken verksamhet gäller det?"
          hint="Måste väljas för snabbsynpunkter och interna synpunkter. Annars går det bra med ”Vet inte”."
          value={input.unit || 'vet-inte'}
          error={errors.unit}
          options={[
            { value: 'vet-inte', label: 'Vet inte' },
            // Indented with no-break spaces so the flat list reads as the unit tree.
            ...choices.units.map((u) => ({ value: u.id, label: `${'\u00a0\u00a0\u00a0'.repeat(depthOf(u))}${u.name}` })),
          ]}
        />

        <Radios
          name="anonymous"
          legend="Vill personen ha svar? (måste fyllas i)"
          value={input.anonymous}
          error={errors.anonymous}
          options={[
            { value: 'false', label: 'Ja, personen lämnar kontaktuppgifter' },
            { value: 'true', label: 'Nej, personen vill vara anonym', hint: 'Då kan ingen svara personen. Lämna kontaktuppgifterna tomma.' },
          ]}
        />
        <fieldset class="inset">
          <legend>Personens kontaktuppgifter</legend>
          <p class="hint">Namn och den uppgift som behövs för hur personen vill få svar måste fyllas i.</p>
          <TextInput name="name" label="Namn" value={input.name} error={errors.name} autocomplete="off" maxLength={200} />
          <Radios
            name="replyChannel"
            legend="Hur vill personen få svar?"
            value={input.replyChannel}
            error={errors.replyChannel}
            options={REPLY_CHANNELS.map((c) => ({ value: c, label: PERSON_REPLY_LABEL[c] }))}
          />
          <TextInput name="email" label="E-postadress" type="email" value={input.email} error={errors.email} autocomplete="off" />
          <TextInput name="phone" label="Telefonnummer" type="tel" value={input.phone} error={errors.phone} autocomplete="off" />
          <TextArea name="address" label="Postadress" hint="Gatuadress, postnummer och ort." value={input.address} error={errors.address} rows={3} autocomplete="off" />
        </fieldset>

        <Checkbox
          name="confirmed"
          label="Jag har frågat personen och hen vill att jag registrerar synpunkten"
          hint="Krävs för vanliga synpunkter och snabbsynpunkter. Registrera aldrig en synpunkt åt någon utan att fråga först."
          checked={input.confirmed === 'ja'}
          error={errors.confirmed}
        />

        <fieldset class="inset">
          <legend>Snabbsynpunkt: klassning, svar och utfall</legend>
          <p class="hint">Fyll bara i om du har valt snabbsynpunkt.</p>
          <Select
            name="area"
            label="Område"
            value={input.area}
            error={errors.area}
            options={[{ value: '', label: 'Välj område' }, ...choices.areas.map((a) => ({ value: a.id, label: a.name }))]}
          />
          <Select
            name="subcategory"
            label="Underkategori"
            hint="Måste höra till förvaltningen som synpunkten gäller. Vissa förvaltningar kräver en underkategori."
            value={input.subcategory}
            error={errors.subcategory}
            options={[
              { value: '', label: 'Ingen underkategori' },
              ...choices.subcategories.map((c) => ({ value: c.id, label: `${unitName.get(c.org_unit_id ?? '') ?? ''}: ${c.name}` })),
            ]}
          />
          <Radios
            name="significance"
            legend="Betydelse"
            hint="Avgör hur länge synpunkten sparas."
            value={input.significance}
            error={errors.significance}
            options={[
              { value: 'important', label: 'Av vikt för verksamheten', hint: 'Bevaras och lämnas till arkivet.' },
              { value: 'routine', label: 'Rutinmässig', hint: 'Gallras efter den tid som dokumenthanteringsplanen anger.' },
            ]}
          />
          <Checkbox name="confidential" label="Innehåller uppgifter som omfattas av sekretess" checked={input.confidential === 'ja'} error={errors.confidential} />
          <TextInput name="confidentialityRef" label="Lagrum för sekretessen" hint="Till exempel OSL 26 kap. 1 §. Behövs om du kryssat i sekretess." value={input.confidentialityRef} error={errors.confidentialityRef} maxLength={200} />
          <TextArea name="answerText" label="Vad svarade du personen?" hint="Sparas i ärendet. Inget skickas." value={input.answerText} error={errors.answerText} rows={4} />
          <Select
            name="outcome"
            label="Utfall"
            value={input.outcome}
            error={errors.outcome}
            options={[{ value: '', label: 'Välj utfall' }, ...Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))]}
          />
          <TextArea name="measures" label="Åtgärder som har vidtagits" hint="Vad har ändrats eller ska ändras? Det är så verksamheten blir bättre." value={input.measures} error={errors.measures} rows={4} />
        </fieldset>

        <button type="submit">Registrera synpunkten</button>
      </form>
    </StaffLayout>
  );
}
