import type { ComponentChildren } from 'preact';
import { sv } from '../../../platform/i18n/catalogue.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Select, TextInput } from '../../../platform/views/forms.tsx';
import { EXTRA_KINDS, FIELD_LABEL, labelOf, MAX_EXTRA_LENGTH, type DraftField, type Originals, type ShownFinding } from '../draft.ts';
import { extraValue } from '../validation.ts';

export const KIND_NAME: Record<string, string> = {
  name: sv('publication.kind.name'),
  personnummer: sv('publication.kind.personnummer'),
  samordningsnummer: sv('publication.kind.samordningsnummer'),
  phone: sv('publication.kind.phone'),
  email: sv('publication.kind.email'),
  address: sv('publication.kind.address'),
  postal_code: sv('publication.kind.postalCode'),
  vehicle: sv('publication.kind.vehicle'),
  bank_account: sv('publication.kind.bankAccount'),
};

/** The original text with every finding marked: struck through when it goes, plain-marked when it stays. */
function Highlighted({ text, findings }: { text: string; findings: ShownFinding[] }) {
  const { t } = useI18n();
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={f.key} class={f.kept ? 'finding finding--kept' : 'finding'}>
        {text.slice(f.start, f.end)}
        <span class="visually-hidden">{t(f.kept ? 'publication.review.kept' : 'publication.review.removed', { kind: KIND_NAME[f.kind] })}</span>
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
  const locked = mine.filter((f) => f.locked);
  const choosable = mine.filter((f) => !f.locked);
  const { t } = useI18n();
  return (
    <div class="review-field">
      <h3>{t('publication.review.original', { field: FIELD_LABEL[field] })}</h3>
      {original.trim() ? <Highlighted text={original} findings={mine} /> : <p class="muted">{t('publication.review.noText')}</p>}
      {mine.length === 0 && original.trim() && <p>{t('publication.review.noneFound')}</p>}
      {locked.length > 0 && (
        // No box to untick: these are never published (guard.ts).
        <ul>
          {locked.map((f) => (
            <li key={f.key}>
              <span class="user-text" dir="auto">
                ”{f.value}”
              </span>{' '}
              {t('publication.review.lockedFinding', {
                kind: KIND_NAME[f.kind],
                label: labelOf(f.kind),
                why: t(f.kind === 'personnummer' || f.kind === 'samordningsnummer' ? 'publication.review.lockedPersonnummer' : 'publication.review.lockedContact'),
              })}
            </li>
          ))}
        </ul>
      )}
      {choosable.length > 0 && (
        <fieldset>
          <legend>{t('publication.review.legend', { field: FIELD_LABEL[field].toLowerCase() })}</legend>
          {choosable.map((f) => (
            <div class="checkbox" key={f.key}>
              <input type="checkbox" id={`ta-bort-${f.key.replace(/:/g, '-')}`} name="redact" value={f.key} checked={!f.kept} />
              <label for={`ta-bort-${f.key.replace(/:/g, '-')}`}>
                <span class="user-text" dir="auto">
                  ”{f.value}”
                </span>{' '}
                {t('publication.review.finding', { kind: KIND_NAME[f.kind], added: f.added ? 'yes' : 'no', label: labelOf(f.kind) })}
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
  const { t } = useI18n();
  return (
    <section aria-labelledby="granska-rubrik" class="review">
      <h2 id="granska-rubrik">{t('publication.review.heading')}</h2>
      <p>{t('publication.review.intro')}</p>
      <FieldFindings field="question" original={originals.question} findings={findings} />
      <FieldFindings field="answer" original={originals.answer} findings={findings} />

      <h3>{t('publication.review.removeMore')}</h3>
      <p>{t('publication.review.removeMoreText')}</p>
      {extras.length > 0 && (
        <fieldset>
          <legend>{t('publication.review.extrasLegend')}</legend>
          {extras.map((x, i) => (
            <div class="checkbox" key={extraValue(x)}>
              <input type="checkbox" id={`extra-${i}`} name="extra" value={extraValue(x)} checked />
              <label for={`extra-${i}`}>
                <span class="user-text" dir="auto">
                  ”{x.text}”
                </span>{' '}
                {t('publication.review.becomes', { label: labelOf(x.kind as never) })}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <TextInput name="newExtraText" label={t('publication.review.newExtra')} value={newExtra.text} error={newExtraError} maxLength={MAX_EXTRA_LENGTH} />
      <Select
        name="newExtraKind"
        label={t('publication.review.replaceWith')}
        value={newExtra.kind || 'name'}
        options={EXTRA_KINDS.map((k) => ({ value: k, label: `${labelOf(k)} (${KIND_NAME[k]})` }))}
      />
      <button type="submit" name="action" value="uppdatera" class="secondary">
        {t('publication.review.update')}
      </button>
    </section>
  );
}
