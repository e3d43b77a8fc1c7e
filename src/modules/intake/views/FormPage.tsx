import type { Organization, OrgUnit } from '../../../db/schema.ts';
import { ErrorSummary, FieldError, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { KIND_LABEL, KINDS, REPLY_CHANNEL_LABEL, REPLY_CHANNELS } from '../../cases/labels.ts';
import { ACCEPT, ALLOWED_LABEL, MAX_FILES } from '../attachments.ts';
import { MAX_DESCRIPTION, type SubmissionInput } from '../validation.ts';

const KIND_HINT = {
  klagomal: 'Något fungerar inte som det ska, eller du är missnöjd med hur du har blivit bemött.',
  fraga: 'Du undrar över något i kommunens verksamhet.',
  berom: 'Något har fungerat bra och du vill berätta det.',
  forslag: 'Du har en idé om hur något kan bli bättre.',
} as const;

export function FormPage({ org, units, input, errors = {} }: { org: Organization; units: Pick<OrgUnit, 'id' | 'name'>[]; input: SubmissionInput; errors?: FieldErrors }) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title="Lämna en synpunkt" hasErrors={hasErrors} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>Lämna en synpunkt</h1>
      <p>
        Fält markerade med (måste fyllas i) är obligatoriska. Läs om <a href="/#personuppgifter">hur vi behandlar dina personuppgifter</a>.
      </p>
      <form method="post" action="/synpunkt" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="formId" value={input.formId} />
        <Radios
          name="kind"
          legend="Vad vill du lämna? (måste fyllas i)"
          value={input.kind}
          error={errors.kind}
          options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k], hint: KIND_HINT[k] }))}
        />
        <TextArea
          name="description"
          label="Beskriv din synpunkt (måste fyllas i)"
          hint={`Berätta vad det gäller, var och när det hände. Skriv inte personnummer eller känsliga uppgifter om andra. Högst ${MAX_DESCRIPTION.toLocaleString('sv-SE')} tecken.`}
          value={input.description}
          error={errors.description}
          required
          rows={10}
        />
        <FileInput error={errors.attachments} />
        <Select
          name="unit"
          label="Vilken verksamhet gäller det?"
          hint="Välj ”Vet inte” om du är osäker, så skickar vi synpunkten rätt."
          value={input.unit || 'vet-inte'}
          error={errors.unit}
          options={[{ value: 'vet-inte', label: 'Vet inte' }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <Radios
          name="anonymous"
          legend="Vill du ha svar? (måste fyllas i)"
          value={input.anonymous}
          error={errors.anonymous}
          options={[
            { value: 'false', label: 'Ja, jag lämnar mina kontaktuppgifter' },
            {
              value: 'true',
              label: 'Nej, jag vill vara anonym',
              hint: 'Om du är anonym kan vi inte svara dig eller fråga om något är oklart. Lämna då kontaktuppgifterna nedan tomma.',
            },
          ]}
        />
        <fieldset class="inset">
          <legend>Dina kontaktuppgifter</legend>
          <p class="hint">Fyll bara i om du vill ha svar. Namn och den uppgift som behövs för hur du vill få svar måste fyllas i.</p>
          <TextInput name="name" label="Namn" value={input.name} error={errors.name} autocomplete="name" maxLength={200} />
          <Radios
            name="replyChannel"
            legend="Hur vill du få svar?"
            value={input.replyChannel}
            error={errors.replyChannel}
            options={REPLY_CHANNELS.map((c) => ({ value: c, label: REPLY_CHANNEL_LABEL[c] }))}
          />
          <TextInput name="email" label="E-postadress" type="email" value={input.email} error={errors.email} autocomplete="email" hint="Behövs om du vill ha svar med e-post." />
          <TextInput name="phone" label="Telefonnummer" type="tel" value={input.phone} error={errors.phone} autocomplete="tel" hint="Behövs om du vill bli uppringd." />
          <TextArea name="address" label="Postadress" value={input.address} error={errors.address} hint="Gatuadress, postnummer och ort. Behövs om du vill ha svar med brev." rows={3} autocomplete="street-address" />
        </fieldset>
        <button type="submit">Skicka synpunkten</button>
      </form>
    </Layout>
  );
}

/** Optional files. A browser cannot refill this input, so the error text says to choose them again. */
function FileInput({ error }: { error?: string }) {
  const id = 'attachments';
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>Bifoga filer (valfritt)</label>
      <p class="hint" id={`${id}-hint`}>
        Högst {MAX_FILES} filer på högst 10 MB var. Du kan bifoga {ALLOWED_LABEL}. Skriv inte känsliga uppgifter om dig själv eller andra i filerna, och
        bifoga inte bilder på andra personer om det inte behövs.
      </p>
      <FieldError id={id} message={error} />
      <input
        id={id}
        name="attachments"
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={error ? `${id}-hint ${id}-fel` : `${id}-hint`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
