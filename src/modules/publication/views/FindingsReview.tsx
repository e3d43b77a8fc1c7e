import type { ComponentChildren } from 'preact';
import { Select, TextInput } from '../../../platform/views/forms.tsx';
import { EXTRA_KINDS, FIELD_LABEL, labelOf, MAX_EXTRA_LENGTH, type DraftField, type Originals, type ShownFinding } from '../draft.ts';
import { extraValue } from '../validation.ts';

export const KIND_NAME: Record<string, string> = {
  name: 'namn',
  personnummer: 'personnummer',
  samordningsnummer: 'samordningsnummer',
  phone: 'telefonnummer',
  email: 'e-postadress',
  address: 'adress',
  postal_code: 'postnummer',
  vehicle: 'registreringsnummer',
  bank_account: 'kontonummer',
};

/** The original text with every finding marked: struck through when it goes, plain-marked when it stays. */
function Highlighted({ text, findings }: { text: string; findings: ShownFinding[] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={f.key} class={f.kept ? 'finding finding--kept' : 'finding'}>
        {text.slice(f.start, f.end)}
        <span class="visually-hidden">{f.kept ? ` (${KIND_NAME[f.kind]}, stannar kvar)` : ` (${KIND_NAME[f.kind]}, tas bort)`}</span>
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return (
    <p class="user-text original-text" dir="auto">
      {parts}
    </p>
  );
}

function FieldFindings({ field, original, findings }: { field: DraftField; original: string; findings: ShownFinding[] }) {
  const mine = findings.filter((f) => f.field === field);
  return (
    <div class="review-field">
      <h3>{FIELD_LABEL[field]} i original</h3>
      {original.trim() ? <Highlighted text={original} findings={mine} /> : <p class="muted">Det finns ingen text att utgå från. Skriv den publika texten nedan.</p>}
      {mine.length === 0 ? (
        original.trim() && <p>Inga personuppgifter hittades. Läs texten ändå: programmet hittar inte allt.</p>
      ) : (
        <fieldset>
          <legend>Det här tas bort ur {FIELD_LABEL[field].toLowerCase()}. Avmarkera det som ska stå kvar.</legend>
          {mine.map((f) => (
            <div class="checkbox" key={f.key}>
              <input type="checkbox" id={`ta-bort-${f.key.replace(/:/g, '-')}`} name="redact" value={f.key} checked={!f.kept} />
              <label for={`ta-bort-${f.key.replace(/:/g, '-')}`}>
                <span class="user-text" dir="auto">
                  ”{f.value}”
                </span>{' '}
                – {KIND_NAME[f.kind]}
                {f.added ? ' (tillagt av dig)' : ''}, blir {labelOf(f.kind)}
              </label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

export interface ReviewProps {
  originals: Originals;
  findings: ShownFinding[];
  extras: { kind: string; text: string }[];
  newExtra: { text: string; kind: string };
  newExtraError?: string;
}

/** Step one of the draft: what the software proposes to remove, and the person's own additions. */
export function FindingsReview({ originals, findings, extras, newExtra, newExtraError }: ReviewProps) {
  return (
    <section aria-labelledby="granska-rubrik" class="review">
      <h2 id="granska-rubrik">1. Granska vad som tas bort</h2>
      <p>
        Programmet har letat efter namn, personnummer, telefonnummer, e-postadresser, adresser, registreringsnummer och kontonummer. Markerat i texten är det
        som föreslås tas bort. Originalet ändras aldrig.
      </p>
      <FieldFindings field="question" original={originals.question} findings={findings} />
      <FieldFindings field="answer" original={originals.answer} findings={findings} />

      <h3>Ta bort mer</h3>
      <p>Skriv ett ord eller en fras som ska bort överallt där den står, till exempel ett smeknamn, en skola eller något annat som kan peka ut en person.</p>
      {extras.length > 0 && (
        <fieldset>
          <legend>Det här har du lagt till att ta bort. Avmarkera för att ångra.</legend>
          {extras.map((x, i) => (
            <div class="checkbox" key={extraValue(x)}>
              <input type="checkbox" id={`extra-${i}`} name="extra" value={extraValue(x)} checked />
              <label for={`extra-${i}`}>
                <span class="user-text" dir="auto">
                  ”{x.text}”
                </span>{' '}
                blir {labelOf(x.kind as never)}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <TextInput name="newExtraText" label="Text som ska tas bort" value={newExtra.text} error={newExtraError} maxLength={MAX_EXTRA_LENGTH} />
      <Select
        name="newExtraKind"
        label="Ersätt med"
        value={newExtra.kind || 'name'}
        options={EXTRA_KINDS.map((k) => ({ value: k, label: `${labelOf(k)} (${KIND_NAME[k]})` }))}
      />
      <button type="submit" name="action" value="uppdatera" class="secondary">
        Uppdatera förslaget
      </button>
    </section>
  );
}
