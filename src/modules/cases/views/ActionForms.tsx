import type { ComponentChildren } from 'preact';
import { Radios, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { PUBLISH_NO, PUBLISH_YES, type CaseActionDef, type ActionSlug } from '../caseActions.ts';
import type { CaseDetail } from '../detailQueries.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';
import { OUTCOMES } from '../lifecycle.ts';
import { unitLabel, type Lookups } from '../lookups.ts';
import { assignRefusal, type Actor, type PolicyCase } from '../policy.ts';

/** The form a person sent, kept so a page with errors shows it back as it was typed. */
export interface FormState {
  slug: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** Element ids of a form's fields: unique on the case page, where several forms share field names. */
export const fieldId = (slug: string, field: string) => `${slug}-${field}`;
export const formSectionId = (slug: string) => `atgard-${slug}`;

/** Error summary targets for a form's errors, the form-wide message pointing at the form itself. */
export function errorTargets(form: FormState): Record<string, string> {
  return Object.fromEntries(Object.keys(form.errors).map((f) => [f, f === '_form' ? formSectionId(form.slug) : fieldId(form.slug, f)]));
}

interface FormProps {
  def: CaseActionDef;
  detail: CaseDetail;
  lookups: Lookups;
  csrf: string;
  form?: FormState;
  needsAnswer: boolean;
  actor: Actor;
}

/** One action as its own small form: hidden CSRF token and case version, the fields, one button. */
function ActionForm({ def, detail, lookups, csrf, form, needsAnswer, actor }: FormProps) {
  const { t } = useI18n();
  const c = detail.case;
  const mine = form?.slug === def.slug ? form : undefined;
  const v = (f: string, fallback = '') => mine?.values[f] ?? fallback;
  const e = (f: string) => mine?.errors[f];
  const id = (f: string) => fieldId(def.slug, f);
  const fields = FIELDS[def.slug]({ c, policy: detail.policy, actor, lookups, v, e, id, needsAnswer, t });
  return (
    <section class="action" id={formSectionId(def.slug)} aria-labelledby={`${formSectionId(def.slug)}-rubrik`} tabindex={-1}>
      <h3 id={`${formSectionId(def.slug)}-rubrik`}>{def.title}</h3>
      {mine?.errors._form && (
        <p class="field-error">
          <span class="visually-hidden">{t('layout.errorPrefix')}</span>
          {mine.errors._form}
        </p>
      )}
      <form method="post" action={`/handlaggning/arenden/${c.number}/${def.slug}`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="version" value={String(c.version)} />
        {fields}
        <button type="submit" class={def.slug === 'aterkalla' || def.slug === 'sla-ihop' ? 'secondary' : undefined}>
          {def.button}
        </button>
      </form>
    </section>
  );
}

interface FieldCtx {
  c: CaseDetail['case'];
  policy: PolicyCase;
  actor: Actor;
  lookups: Lookups;
  v: (field: string, fallback?: string) => string;
  e: (field: string) => string | undefined;
  id: (field: string) => string;
  needsAnswer: boolean;
  t: Translator['t'];
}

const unitGroups = (lookups: Lookups, t: Translator['t']) =>
  lookups.unitGroups.map((g) => ({
    label: g.forvaltning.name,
    options: [{ value: g.forvaltning.id, label: t('cases.actions.wholeDepartment', { name: g.forvaltning.name }) }, ...g.below.map((u) => ({ value: u.id, label: u.name }))],
  }));

const FIELDS: Record<ActionSlug, (x: FieldCtx) => ComponentChildren> = {
  tilldela: ({ c, policy, actor, lookups, v, e, id, t }) => {
    // Within the case's förvaltning, as far as this person distributes there: its units, and the
    // people who work there. The förvaltning comes from the case's own unit path, which a
    // deactivated unit keeps, so the list never widens to the whole organization.
    const forvaltningId = c.unit_path?.[0];
    const group = lookups.unitGroups.find((g) => g.forvaltning.id === forvaltningId);
    const candidates = forvaltningId ? (group ? [group.forvaltning, ...group.below] : []) : lookups.units;
    const units = candidates.filter((u) => assignRefusal(actor, policy, { path: u.pathIds, active: true }) === null);
    const current = units.some((u) => u.id === c.unit_id) ? (c.unit_id ?? '') : '';
    const people = new Map<string, string[]>();
    for (const h of lookups.handlers) {
      if (forvaltningId && !lookups.units.find((u) => u.id === h.unitId)?.pathIds.includes(forvaltningId)) continue;
      people.set(h.id, [...(people.get(h.id) ?? []), h.unitName]);
    }
    const names = new Map(lookups.handlers.map((h) => [h.id, h.name]));
    return (
      <>
        <Select
          name="unitId"
          id={id('unitId')}
          label={t('cases.actions.unitLabel')}
          hint={c.unit_id && c.unit_active === false ? t('cases.actions.unitInactive', { name: c.unit_name ?? '' }) : t('cases.actions.unitHint')}
          value={v('unitId', current)}
          error={e('unitId')}
          options={[...(current ? [] : [{ value: '', label: t('cases.actions.chooseActiveUnit') }]), ...units.map((u) => ({ value: u.id, label: unitLabel(u) }))]}
        />
        <Select
          name="handlerId"
          id={id('handlerId')}
          label={t('cases.actions.handlerLabel')}
          value={v('handlerId', c.handler_id ?? '')}
          error={e('handlerId')}
          options={[{ value: '', label: t('cases.actions.chooseHandler') }, ...[...people].map(([pid, where]) => ({ value: pid, label: t('cases.actions.handlerOption', { name: names.get(pid) ?? '', units: where.join(', ') }) }))]}
        />
      </>
    );
  },
  skicka: ({ lookups, v, e, id, t }) => (
    <Select
      name="unitId"
      id={id('unitId')}
      label={t('cases.actions.sendToLabel')}
      hint={t('cases.actions.sendToHint')}
      value={v('unitId')}
      error={e('unitId')}
      options={[{ value: '', label: t('cases.actions.chooseUnit') }]}
      groups={unitGroups(lookups, t)}
    />
  ),
  paborja: ({ t }) => <p>{t('cases.actions.startText')}</p>,
  vanta: ({ v, e, id, t }) => (
    <>
      <p>{t('cases.actions.waitText')}</p>
      <TextArea
        name="question"
        id={id('question')}
        label={t('cases.actions.questionLabel')}
        hint={t('cases.actions.questionHint')}
        value={v('question')}
        error={e('question')}
        rows={4}
      />
    </>
  ),
  ateruppta: ({ t }) => <p>{t('cases.actions.resumeText')}</p>,
  avsluta: ({ v, e, id, needsAnswer, t }) => (
    <>
      {needsAnswer && <p class="notice">{t('cases.actions.needsAnswer')}</p>}
      <Radios
        name="outcome"
        id={id('outcome')}
        legend={t('cases.actions.outcomeLegend')}
        value={v('outcome')}
        error={e('outcome')}
        options={Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))}
      />
      <TextArea
        name="measures"
        id={id('measures')}
        label={t('cases.actions.measuresLabel')}
        hint={t('cases.actions.measuresHint')}
        value={v('measures')}
        error={e('measures')}
        rows={4}
      />
    </>
  ),
  ateroppna: ({ v, e, id, t }) => <TextArea name="comment" id={id('comment')} label={t('cases.actions.reopenReason')} value={v('comment')} error={e('comment')} rows={3} />,
  anteckning: ({ v, e, id, t }) => (
    <TextArea name="text" id={id('text')} label={t('cases.actions.noteLabel')} hint={t('cases.actions.noteHint')} value={v('text')} error={e('text')} rows={4} />
  ),
  lanka: ({ v, e, id, t }) => (
    <TextInput name="otherNumber" id={id('otherNumber')} label={t('cases.actions.linkLabel')} hint={t('cases.actions.linkHint')} value={v('otherNumber')} error={e('otherNumber')} />
  ),
  'sla-ihop': ({ v, e, id, t }) => (
    <TextInput
      name="intoNumber"
      id={id('intoNumber')}
      label={t('cases.actions.mergeLabel')}
      hint={t('cases.actions.mergeHint')}
      value={v('intoNumber')}
      error={e('intoNumber')}
    />
  ),
  aterkalla: ({ v, e, id, t }) => (
    <>
      <p>{t('cases.actions.withdrawText')}</p>
      <TextArea name="comment" id={id('comment')} label={t('cases.actions.withdrawReason')} value={v('comment')} error={e('comment')} rows={3} />
    </>
  ),
  publicering: ({ c, v, e, id, t }) => (
    <>
      <p>{t(c.publication_opt_out ? 'cases.actions.publicationNowNo' : 'cases.actions.publicationNowYes')}</p>
      <Radios
        name="decision"
        id={id('decision')}
        legend={t('cases.actions.publicationLegend')}
        hint={t('cases.actions.publicationHint')}
        value={v('decision', c.publication_opt_out ? PUBLISH_NO : PUBLISH_YES)}
        error={e('decision')}
        options={[
          { value: PUBLISH_YES, label: t('cases.actions.publicationYes') },
          { value: PUBLISH_NO, label: t('cases.actions.publicationNo') },
        ]}
      />
      <TextInput name="comment" id={id('comment')} label={t('cases.actions.publicationComment')} hint={t('cases.actions.publicationCommentHint')} value={v('comment')} error={e('comment')} />
    </>
  ),
};

/** Less common actions sit behind a disclosure, open when one of them was just sent with errors. */
const RARE: readonly ActionSlug[] = ['lanka', 'sla-ihop', 'aterkalla', 'publicering'];

export function ActionForms({ defs, ...rest }: { defs: readonly CaseActionDef[] } & Omit<FormProps, 'def'>) {
  const { t } = useI18n();
  const common = defs.filter((d) => !RARE.includes(d.slug));
  const rare = defs.filter((d) => RARE.includes(d.slug));
  const rareOpen = rare.some((d) => d.slug === rest.form?.slug);
  return (
    <>
      {common.map((d) => (
        <ActionForm key={d.slug} def={d} {...rest} />
      ))}
      {rare.length > 0 && (
        <details class="more-actions" open={rareOpen}>
          <summary>{t('cases.actions.moreActions', { actions: rare.map((d) => d.button.toLowerCase()).join(', ') })}</summary>
          {rare.map((d) => (
            <ActionForm key={d.slug} def={d} {...rest} />
          ))}
        </details>
      )}
    </>
  );
}
