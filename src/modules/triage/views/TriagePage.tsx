import type { CaseKind, Channel, MessageChannel } from '../../../db/schema.ts';
import { formatDateTime } from '../../../platform/clock.ts';
import { ErrorSummary, Radios, Select, TextArea, TextInput, Checkbox } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { CaseDetail } from '../../cases/detailQueries.ts';
import { CHANNEL_LABEL, KIND_LABEL, KINDS } from '../../cases/labels.ts';
import { REFERRAL_TYPES, type ReferralType } from '../../cases/lifecycle.ts';
import type { Lookups } from '../../cases/lookups.ts';
import type { Actor } from '../../cases/policy.ts';
import { fieldId, formSectionId, type FormState } from '../../cases/views/ActionForms.tsx';
import { SIGNIFICANCE_HINT, SIGNIFICANCE_LABEL } from '../../cases/views/staffLabels.ts';
import { REJECT_REASONS } from '../replyTemplates.ts';
import { SpamForm } from './SpamForm.tsx';

/** Where a reply to the submitter goes, when they can be reached and want one. */
export interface ReplyRoute {
  channel: MessageChannel;
  to: string;
}

export interface TriageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  detail: CaseDetail;
  lookups: Lookups;
  may: { register: boolean; refer: boolean; reject: boolean; spam: boolean };
  mayViewPersonal: boolean;
  reply: ReplyRoute | null;
  /** The referral being prepared (step two of referring), with its standard reply. */
  referral?: { type: ReferralType; body: string };
  rejectBody: string;
  form?: FormState;
  backHref: string;
}

const replyHint = (r: ReplyRoute) =>
  r.channel === 'email'
    ? `Skickas med e-post till ${r.to}.`
    : r.channel === 'letter'
      ? 'Synpunktslämnaren vill ha svar med brev. Brevet finns som PDF på ärendet, att skriva ut och skicka.'
      : `Synpunktslämnaren vill bli uppringd på ${r.to}. Ring och använd texten som stöd; samtalet antecknas på ärendet.`;

/** Error summary targets on this page: each form's fields have ids prefixed with the form. */
function targets(form: FormState | undefined): Record<string, string> {
  if (!form) return {};
  return Object.fromEntries(
    Object.keys(form.errors).map((f) => [f, f === '_form' ? formSectionId(form.slug) : form.slug === 'hanvisa' && f === 'referralType' ? 'hanvisning' : fieldId(form.slug, f)]),
  );
}

/** Registering a received case: classify and route it, or close it as not a synpunkt. */
export function TriagePage(p: TriageProps) {
  const c = p.detail.case;
  const base = `/handlaggning/arenden/${c.number}`;
  const f = (slug: string) => (p.form?.slug === slug ? p.form : undefined);
  const reg = f('registrera');
  const ref = f('hanvisa');
  const rej = f('inte-handlagd');
  const v = (form: FormState | undefined, field: string, fallback = '') => form?.values[field] ?? fallback;
  const hasErrors = !!p.form && Object.keys(p.form.errors).length > 0;
  const requiredBy = p.lookups.unitGroups.filter((g) => g.forvaltning.subcategoryRequired).map((g) => g.forvaltning.name);
  const referralType = (v(ref, 'referralType') || p.referral?.type) as ReferralType | undefined;
  const formError = (form: FormState | undefined) =>
    form?.errors._form && (
      <p class="field-error">
        <span class="visually-hidden">Fel: </span>
        {form.errors._form}
      </p>
    );
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="version" value={String(c.version)} />
    </>
  );

  return (
    <StaffLayout title={`Registrera ärende ${c.number}`} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/inkorg">
      <ErrorSummary errors={p.form?.errors ?? {}} fieldIds={targets(p.form)} />
      <p>
        <a href={p.backHref}>Tillbaka</a>
      </p>
      <h1>Registrera ärende {c.number}</h1>

      <h2>Synpunkten</h2>
      {p.mayViewPersonal ? (
        <div class="inset">
          <p class="user-text" dir="auto">
            {c.description}
          </p>
        </div>
      ) : (
        <p>Synpunktens text visas inte för din roll.</p>
      )}
      <dl class="summary-list">
        <dt>Mottagen</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{formatDateTime(c.received_at)}</time>
        </dd>
        <dt>Kanal</dt>
        <dd>{CHANNEL_LABEL[c.channel as Channel] ?? c.channel}</dd>
        <dt>Typ enligt synpunktslämnaren</dt>
        <dd>{KIND_LABEL[c.kind as CaseKind] ?? c.kind}</dd>
        <dt>Föreslagen förvaltning</dt>
        <dd>{c.suggested_unit_name ?? 'Vet inte'}</dd>
        <dt>Svar</dt>
        <dd>{c.anonymous ? 'Anonym – kan inte få svar' : p.reply ? `Vill ha svar (${p.reply.channel === 'email' ? 'e-post' : p.reply.channel === 'letter' ? 'brev' : 'telefon'})` : 'Vill inte ha svar'}</dd>
      </dl>
      <p>
        <a href={base}>Hela ärendet med historik</a>
      </p>

      {p.may.register && (
        <section id={formSectionId('registrera')} aria-labelledby="registrera-rubrik" tabindex={-1}>
          <h2 id="registrera-rubrik">Registrera och fördela</h2>
          {formError(reg)}
          <form method="post" action={`${base}/registrera`} novalidate>
            {hidden}
            <Radios
              name="kind"
              id={fieldId('registrera', 'kind')}
              legend="Typ"
              value={v(reg, 'kind', c.kind)}
              error={reg?.errors.kind}
              options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
            />
            <Select
              name="areaId"
              id={fieldId('registrera', 'areaId')}
              label="Område"
              value={v(reg, 'areaId', c.area_id ?? '')}
              error={reg?.errors.areaId}
              options={[{ value: '', label: 'Välj område' }, ...p.lookups.areas.map((a) => ({ value: a.id, label: a.name }))]}
            />
            <Select
              name="unitId"
              id={fieldId('registrera', 'unitId')}
              label="Skicka till förvaltning eller enhet"
              hint="Välj förvaltningen, så fördelar synpunktsansvarig där ärendet, eller välj direkt en enhet."
              value={v(reg, 'unitId', c.unit_id ?? c.suggested_unit_id ?? '')}
              error={reg?.errors.unitId}
              options={[{ value: '', label: 'Välj förvaltning eller enhet' }]}
              groups={p.lookups.unitGroups.map((g) => ({
                label: g.forvaltning.name,
                options: [{ value: g.forvaltning.id, label: `${g.forvaltning.name} (förvaltningen)` }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
              }))}
            />
            <Select
              name="subcategoryId"
              id={fieldId('registrera', 'subcategoryId')}
              label="Underkategori"
              hint={`Välj en underkategori under samma förvaltning som ovan.${requiredBy.length ? ` Måste väljas för ${requiredBy.join(' och ')}.` : ''}`}
              value={v(reg, 'subcategoryId', c.subcategory_id ?? '')}
              error={reg?.errors.subcategoryId}
              options={[{ value: '', label: 'Ingen underkategori' }]}
              groups={p.lookups.unitGroups
                .map((g) => ({
                  label: g.forvaltning.name,
                  options: p.lookups.subcategories.filter((s) => s.unitId === g.forvaltning.id || g.below.some((u) => u.id === s.unitId)).map((s) => ({ value: s.id, label: s.name })),
                }))
                .filter((g) => g.options.length > 0)}
            />
            <Radios
              name="significance"
              id={fieldId('registrera', 'significance')}
              legend="Betydelse för arkivet"
              value={v(reg, 'significance', c.significance ?? '')}
              error={reg?.errors.significance}
              options={(['important', 'routine'] as const).map((s) => ({ value: s, label: SIGNIFICANCE_LABEL[s], hint: SIGNIFICANCE_HINT[s] }))}
            />
            <fieldset class="inset">
              <legend>Sekretess</legend>
              <Checkbox
                name="confidential"
                id={fieldId('registrera', 'confidential')}
                label="Ärendet innehåller uppgifter som omfattas av sekretess"
                hint="Ärendet markeras, visas bara för dem som behöver det och publiceras aldrig."
                checked={reg ? reg.values.confidential === 'ja' : c.confidential}
              />
              <TextInput
                name="confidentialityRef"
                id={fieldId('registrera', 'confidentialityRef')}
                label="Lagrum"
                hint="Till exempel OSL 26 kap. 1 §. Måste fyllas i när ärendet har sekretess."
                value={v(reg, 'confidentialityRef', c.confidentiality_ref ?? '')}
                error={reg?.errors.confidentialityRef}
                maxLength={200}
              />
            </fieldset>
            <button type="submit">Registrera och skicka</button>
          </form>
        </section>
      )}

      {(p.may.refer || p.may.reject || p.may.spam) && (
        <section id="inte-synpunkt" aria-labelledby="inte-synpunkt-rubrik">
          <h2 id="inte-synpunkt-rubrik">Inte en synpunkt?</h2>
          <p>
            Felanmälningar, överklaganden, avvikelser och kränkande behandling i skolan hänvisas dit de hör hemma. Kränkande eller diskriminerande innehåll handläggs inte. Ärendet avslutas och räknas
            för sig i statistiken.
          </p>
          {!p.reply && <p class="notice">{c.anonymous ? 'Synpunktslämnaren är anonym' : 'Synpunktslämnaren vill inte ha svar eller kan inte nås'}, så inget svar skickas.</p>}

          {p.may.refer && (
            <section id={formSectionId('hanvisa')} aria-labelledby="hanvisa-rubrik" tabindex={-1}>
              <h3 id="hanvisa-rubrik">Hänvisa</h3>
              {formError(ref)}
              <form method="get" action={`${base}/registrera`} class="inline-fields">
                <Select
                  name="hanvisning"
                  label="Vart ska ärendet hänvisas?"
                  value={referralType ?? ''}
                  error={ref?.errors.referralType}
                  options={[{ value: '', label: 'Välj' }, ...Object.entries(REFERRAL_TYPES).map(([value, label]) => ({ value, label }))]}
                />
                <button type="submit" class="secondary">
                  {p.reply ? 'Visa standardsvaret' : 'Välj'}
                </button>
              </form>
              {referralType && referralType in REFERRAL_TYPES && (
                <form method="post" action={`${base}/hanvisa`} novalidate>
                  {hidden}
                  <input type="hidden" name="referralType" value={referralType} />
                  <p>
                    Hänvisas som: <strong>{REFERRAL_TYPES[referralType]}</strong>
                  </p>
                  {referralType === 'other_organization' && (
                    <p class="notice">
                      Hör ärendet till ett bolag eller förbund som också använder Lyhörd här? <a href={`${base}/vidarebefordra`}>Vidarebefordra det dit</a> i stället, så
                      kommer det in som ett nytt ärende hos dem och länkas till det här. Hänvisa bara när mottagaren finns utanför systemet.
                    </p>
                  )}
                  {p.reply && (
                    <TextArea
                      name="reply"
                      id={fieldId('hanvisa', 'reply')}
                      label="Svar till synpunktslämnaren"
                      hint={`${replyHint(p.reply)} Läs igenom och ändra texten vid behov. Fyll i det som står inom hakparentes.`}
                      value={v(ref, 'reply', p.referral?.body ?? '')}
                      error={ref?.errors.reply}
                      rows={12}
                    />
                  )}
                  <button type="submit">Hänvisa och avsluta ärendet</button>
                </form>
              )}
            </section>
          )}

          {p.may.reject && (
            <section id={formSectionId('inte-handlagd')} aria-labelledby="inte-handlagd-rubrik" tabindex={-1}>
              <h3 id="inte-handlagd-rubrik">Avsluta som inte handlagd</h3>
              {formError(rej)}
              <form method="post" action={`${base}/inte-handlagd`} novalidate>
                {hidden}
                <Radios
                  name="reason"
                  id={fieldId('inte-handlagd', 'reason')}
                  legend="Skäl"
                  value={v(rej, 'reason')}
                  error={rej?.errors.reason}
                  options={Object.entries(REJECT_REASONS).map(([value, label]) => ({ value, label }))}
                />
                {p.reply && (
                  <TextArea
                    name="reply"
                    id={fieldId('inte-handlagd', 'reply')}
                    label="Svar till synpunktslämnaren"
                    hint={`${replyHint(p.reply)} Läs igenom och ändra texten vid behov.`}
                    value={v(rej, 'reply', p.rejectBody)}
                    error={rej?.errors.reply}
                    rows={10}
                  />
                )}
                <button type="submit" class="secondary">
                  Avsluta som inte handlagd
                </button>
              </form>
            </section>
          )}
          {p.may.spam && <SpamForm action={`${base}/skrap`} hidden={hidden} error={f('skrap')?.errors._form} />}
        </section>
      )}
    </StaffLayout>
  );
}
