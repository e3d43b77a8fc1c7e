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
import { useI18n } from '../../../platform/i18n/context.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';
import { PRODUCT_NAME } from '../../../platform/product.ts';

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

const replyHint = (t: Translator['t'], r: ReplyRoute) => t('triage.page.replyHint', { channel: r.channel, to: r.to });

/** Error summary targets on this page: each form's fields have ids prefixed with the form. */
function targets(form: FormState | undefined): Record<string, string> {
  if (!form) return {};
  return Object.fromEntries(
    Object.keys(form.errors).map((f) => [f, f === '_form' ? formSectionId(form.slug) : form.slug === 'hanvisa' && f === 'referralType' ? 'hanvisning' : fieldId(form.slug, f)]),
  );
}

/** Registering a received case: classify and route it, or close it as not a synpunkt. */
export function TriagePage(p: TriageProps) {
  const i18n = useI18n();
  const { t } = i18n;
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
        <span class="visually-hidden">{t('layout.errorPrefix')}</span>
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
    <StaffLayout title={t('triage.page.title', { number: c.number })} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf} current="/handlaggning/inkorg">
      <ErrorSummary errors={p.form?.errors ?? {}} fieldIds={targets(p.form)} />
      <p>
        <a href={p.backHref}>{t('triage.page.back')}</a>
      </p>
      <h1>{t('triage.page.title', { number: c.number })}</h1>

      <h2>{t('triage.page.feedback')}</h2>
      {p.mayViewPersonal ? (
        <div class="inset">
          <p class="user-text" dir="auto">
            {c.description}
          </p>
        </div>
      ) : (
        <p>{t('triage.page.textHidden')}</p>
      )}
      <dl class="summary-list">
        <dt>{t('triage.page.received')}</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{formatDateTime(c.received_at)}</time>
        </dd>
        <dt>{t('triage.page.channel')}</dt>
        <dd>{CHANNEL_LABEL[c.channel as Channel] ?? c.channel}</dd>
        <dt>{t('triage.page.submitterKind')}</dt>
        <dd>{KIND_LABEL[c.kind as CaseKind] ?? c.kind}</dd>
        <dt>{t('triage.page.suggestedUnit')}</dt>
        <dd>{c.suggested_unit_name ?? t('triage.page.dontKnow')}</dd>
        <dt>{t('triage.page.reply')}</dt>
        <dd>{c.anonymous ? t('triage.page.replyAnonymous') : p.reply ? t('triage.page.replyWanted', { channel: p.reply.channel }) : t('triage.page.replyNotWanted')}</dd>
      </dl>
      <p>
        <a href={base}>{t('triage.page.wholeCase')}</a>
      </p>

      {p.may.register && (
        <section id={formSectionId('registrera')} aria-labelledby="registrera-rubrik" tabindex={-1}>
          <h2 id="registrera-rubrik">{t('triage.page.registerHeading')}</h2>
          {formError(reg)}
          <form method="post" action={`${base}/registrera`} novalidate>
            {hidden}
            <Radios
              name="kind"
              id={fieldId('registrera', 'kind')}
              legend={t('triage.page.kind')}
              value={v(reg, 'kind', c.kind)}
              error={reg?.errors.kind}
              options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
            />
            <Select
              name="areaId"
              id={fieldId('registrera', 'areaId')}
              label={t('triage.page.area')}
              value={v(reg, 'areaId', c.area_id ?? '')}
              error={reg?.errors.areaId}
              options={[{ value: '', label: t('triage.page.chooseArea') }, ...p.lookups.areas.map((a) => ({ value: a.id, label: a.name }))]}
            />
            <Select
              name="unitId"
              id={fieldId('registrera', 'unitId')}
              label={t('triage.page.unitLabel')}
              hint={t('triage.page.unitHint')}
              value={v(reg, 'unitId', c.unit_id ?? c.suggested_unit_id ?? '')}
              error={reg?.errors.unitId}
              options={[{ value: '', label: t('triage.page.chooseUnit') }]}
              groups={p.lookups.unitGroups.map((g) => ({
                label: g.forvaltning.name,
                options: [{ value: g.forvaltning.id, label: t('triage.page.department', { name: g.forvaltning.name }) }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
              }))}
            />
            <Select
              name="subcategoryId"
              id={fieldId('registrera', 'subcategoryId')}
              label={t('triage.page.subcategory')}
              hint={requiredBy.length ? t('triage.page.subcategoryHintRequired', { units: requiredBy.join(t('triage.page.and')) }) : t('triage.page.subcategoryHint')}
              value={v(reg, 'subcategoryId', c.subcategory_id ?? '')}
              error={reg?.errors.subcategoryId}
              options={[{ value: '', label: t('triage.page.noSubcategory') }]}
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
              legend={t('triage.page.significance')}
              value={v(reg, 'significance', c.significance ?? '')}
              error={reg?.errors.significance}
              options={(['important', 'routine'] as const).map((s) => ({ value: s, label: SIGNIFICANCE_LABEL[s], hint: SIGNIFICANCE_HINT[s] }))}
            />
            <fieldset class="inset">
              <legend>{t('triage.page.confidentiality')}</legend>
              <Checkbox
                name="confidential"
                id={fieldId('registrera', 'confidential')}
                label={t('triage.page.confidentialLabel')}
                hint={t('triage.page.confidentialHint')}
                checked={reg ? reg.values.confidential === 'ja' : c.confidential}
              />
              <TextInput
                name="confidentialityRef"
                id={fieldId('registrera', 'confidentialityRef')}
                label={t('triage.page.lagrum')}
                hint={t('triage.page.lagrumHint')}
                value={v(reg, 'confidentialityRef', c.confidentiality_ref ?? '')}
                error={reg?.errors.confidentialityRef}
                maxLength={200}
              />
            </fieldset>
            <button type="submit">{t('triage.page.registerButton')}</button>
          </form>
        </section>
      )}

      {(p.may.refer || p.may.reject || p.may.spam) && (
        <section id="inte-synpunkt" aria-labelledby="inte-synpunkt-rubrik">
          <h2 id="inte-synpunkt-rubrik">{t('triage.page.notFeedbackHeading')}</h2>
          <p>{t('triage.page.notFeedbackText')}</p>
          {!p.reply && <p class="notice">{t(c.anonymous ? 'triage.page.noReplyAnonymous' : 'triage.page.noReplyUnreachable')}</p>}

          {p.may.refer && (
            <section id={formSectionId('hanvisa')} aria-labelledby="hanvisa-rubrik" tabindex={-1}>
              <h3 id="hanvisa-rubrik">{t('triage.page.referHeading')}</h3>
              {formError(ref)}
              <form method="get" action={`${base}/registrera`} class="inline-fields">
                <Select
                  name="hanvisning"
                  label={t('triage.page.referLabel')}
                  value={referralType ?? ''}
                  error={ref?.errors.referralType}
                  options={[{ value: '', label: t('triage.page.choose') }, ...Object.entries(REFERRAL_TYPES).map(([value, label]) => ({ value, label }))]}
                />
                <button type="submit" class="secondary">
                  {t(p.reply ? 'triage.page.showStandardReply' : 'triage.page.choose')}
                </button>
              </form>
              {referralType && referralType in REFERRAL_TYPES && (
                <form method="post" action={`${base}/hanvisa`} novalidate>
                  {hidden}
                  <input type="hidden" name="referralType" value={referralType} />
                  <p>{i18n.rich('triage.page.referredAs', { type: REFERRAL_TYPES[referralType], strong: (s) => <strong>{s}</strong> })}</p>
                  {referralType === 'other_organization' && (
                    <p class="notice">
                      {i18n.rich('triage.page.forwardInstead', { product: PRODUCT_NAME, link: (s) => <a href={`${base}/vidarebefordra`}>{s}</a> })}
                    </p>
                  )}
                  {p.reply && (
                    <TextArea
                      name="reply"
                      id={fieldId('hanvisa', 'reply')}
                      label={t('triage.page.replyLabel')}
                      hint={t('triage.page.referReplyHint', { hint: replyHint(t, p.reply) })}
                      value={v(ref, 'reply', p.referral?.body ?? '')}
                      error={ref?.errors.reply}
                      rows={12}
                    />
                  )}
                  <button type="submit">{t('triage.page.referButton')}</button>
                </form>
              )}
            </section>
          )}

          {p.may.reject && (
            <section id={formSectionId('inte-handlagd')} aria-labelledby="inte-handlagd-rubrik" tabindex={-1}>
              <h3 id="inte-handlagd-rubrik">{t('triage.page.rejectHeading')}</h3>
              {formError(rej)}
              <form method="post" action={`${base}/inte-handlagd`} novalidate>
                {hidden}
                <Radios
                  name="reason"
                  id={fieldId('inte-handlagd', 'reason')}
                  legend={t('triage.page.reason')}
                  value={v(rej, 'reason')}
                  error={rej?.errors.reason}
                  options={Object.entries(REJECT_REASONS).map(([value, label]) => ({ value, label }))}
                />
                {p.reply && (
                  <TextArea
                    name="reply"
                    id={fieldId('inte-handlagd', 'reply')}
                    label={t('triage.page.replyLabel')}
                    hint={t('triage.page.rejectReplyHint', { hint: replyHint(t, p.reply) })}
                    value={v(rej, 'reply', p.rejectBody)}
                    error={rej?.errors.reply}
                    rows={10}
                  />
                )}
                <button type="submit" class="secondary">
                  {t('triage.page.rejectHeading')}
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
