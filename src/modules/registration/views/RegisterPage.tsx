import { useI18n } from '../../../platform/i18n/context.ts';
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
const personReplyLabel = (c: (typeof REPLY_CHANNELS)[number], noReply: string) => (c === 'none' ? noReply : REPLY_CHANNEL_LABEL[c]);

/** "Registrera synpunkt åt någon": phone, letter, visit … recorded by staff, with the three ways to handle it. */
export function RegisterPage({ orgName, actor, csrf, choices, input, errors = {} }: Props) {
  const { t } = useI18n();
  const hasErrors = Object.keys(errors).length > 0;
  const depthOf = (u: { ancestor_ids: string[] }) => u.ancestor_ids.length - 1;
  const unitName = new Map(choices.units.map((u) => [u.id, u.name]));
  return (
    <StaffLayout title={t('registration.register.title')} hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current={REGISTER_PATH}>
      <ErrorSummary errors={errors} />
      <h1>{t('registration.register.title')}</h1>
      <p>{t('registration.register.lead')}</p>
      <form method="post" action={REGISTER_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="formId" value={input.formId} />
        <Radios
          name="mode"
          legend={t('registration.register.mode')}
          value={input.mode}
          error={errors.mode}
          options={[
            { value: 'normal', label: t('registration.register.modeNormal'), hint: t('registration.register.modeNormalHint') },
            {
              value: 'quick',
              label: t('registration.register.modeQuick'),
              hint: t('registration.register.modeQuickHint'),
            },
            {
              value: 'internal',
              label: t('registration.register.modeInternal'),
              hint: t('registration.register.modeInternalHint'),
            },
          ]}
        />

        <fieldset>
          <legend>{t('registration.register.howWhen')}</legend>
          <Select
            name="channel"
            label={t('registration.register.channel')}
            hint={t('registration.register.channelHint')}
            value={input.channel}
            error={errors.channel}
            options={[{ value: '', label: t('registration.register.chooseChannel') }, ...STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))]}
          />
          <TextInput
            name="receivedAt"
            type="datetime-local"
            label={t('registration.register.receivedAt')}
            hint={t('registration.register.receivedAtHint')}
            value={input.receivedAt}
            error={errors.receivedAt}
          />
        </fieldset>

        <Radios
          name="kind"
          legend={t('registration.register.kind')}
          value={input.kind}
          error={errors.kind}
          options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
        />
        <TextArea
          name="description"
          label={t('registration.register.description')}
          hint={t('registration.register.descriptionHint', { max: MAX_DESCRIPTION.toLocaleString('sv-SE') })}
          value={input.description}
          error={errors.description}
          required
          rows={8}
        />
        <Select
          name="unit"
          label={t('registration.register.unit')}
          hint={t('registration.register.unitHint')}
          value={input.unit || 'vet-inte'}
          error={errors.unit}
          options={[
            { value: 'vet-inte', label: t('registration.register.unitUnknown') },
            // Indented with no-break spaces so the flat list reads as the unit tree.
            ...choices.units.map((u) => ({ value: u.id, label: `${'\u00a0\u00a0\u00a0'.repeat(depthOf(u))}${u.name}` })),
          ]}
        />

        <Radios
          name="anonymous"
          legend={t('registration.register.anonymous')}
          value={input.anonymous}
          error={errors.anonymous}
          options={[
            { value: 'false', label: t('registration.register.anonymousNo') },
            { value: 'true', label: t('registration.register.anonymousYes'), hint: t('registration.register.anonymousYesHint') },
          ]}
        />
        <fieldset class="inset">
          <legend>{t('registration.register.contact')}</legend>
          <p class="hint">{t('registration.register.contactHint')}</p>
          <TextInput name="name" label={t('registration.register.name')} value={input.name} error={errors.name} autocomplete="off" maxLength={200} />
          <Radios
            name="replyChannel"
            legend={t('registration.register.replyChannel')}
            value={input.replyChannel}
            error={errors.replyChannel}
            options={REPLY_CHANNELS.map((c) => ({ value: c, label: personReplyLabel(c, t('registration.register.noReply')) }))}
          />
          <TextInput name="email" label={t('registration.register.email')} type="email" value={input.email} error={errors.email} autocomplete="off" />
          <TextInput name="phone" label={t('registration.register.phone')} type="tel" value={input.phone} error={errors.phone} autocomplete="off" />
          <TextArea name="address" label={t('registration.register.address')} hint={t('registration.register.addressHint')} value={input.address} error={errors.address} rows={3} autocomplete="off" />
        </fieldset>

        <Checkbox name="noPublish" label={t('registration.register.noPublish')} hint={t('registration.register.noPublishHint')} checked={input.noPublish === 'ja'} error={errors.noPublish} />

        <Checkbox
          name="confirmed"
          label={t('registration.register.confirmed')}
          hint={t('registration.register.confirmedHint')}
          checked={input.confirmed === 'ja'}
          error={errors.confirmed}
        />

        <fieldset class="inset">
          <legend>{t('registration.register.quick')}</legend>
          <p class="hint">{t('registration.register.quickHint')}</p>
          <Select
            name="area"
            label={t('registration.register.area')}
            value={input.area}
            error={errors.area}
            options={[{ value: '', label: t('registration.register.chooseArea') }, ...choices.areas.map((a) => ({ value: a.id, label: a.name }))]}
          />
          <Select
            name="subcategory"
            label={t('registration.register.subcategory')}
            hint={t('registration.register.subcategoryHint')}
            value={input.subcategory}
            error={errors.subcategory}
            options={[
              { value: '', label: t('registration.register.noSubcategory') },
              ...choices.subcategories.map((c) => ({ value: c.id, label: `${unitName.get(c.org_unit_id ?? '') ?? ''}: ${c.name}` })),
            ]}
          />
          <Radios
            name="significance"
            legend={t('registration.register.significance')}
            hint={t('registration.register.significanceHint')}
            value={input.significance}
            error={errors.significance}
            options={[
              { value: 'important', label: t('registration.register.important'), hint: t('registration.register.importantHint') },
              { value: 'routine', label: t('registration.register.routine'), hint: t('registration.register.routineHint') },
            ]}
          />
          <Checkbox name="confidential" label={t('registration.register.confidential')} checked={input.confidential === 'ja'} error={errors.confidential} />
          <TextInput name="confidentialityRef" label={t('registration.register.confidentialityRef')} hint={t('registration.register.confidentialityRefHint')} value={input.confidentialityRef} error={errors.confidentialityRef} maxLength={200} />
          <TextArea name="answerText" label={t('registration.register.answerText')} hint={t('registration.register.answerTextHint')} value={input.answerText} error={errors.answerText} rows={4} />
          <Select
            name="outcome"
            label={t('registration.register.outcome')}
            value={input.outcome}
            error={errors.outcome}
            options={[{ value: '', label: t('registration.register.chooseOutcome') }, ...Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))]}
          />
          <TextArea name="measures" label={t('registration.register.measures')} hint={t('registration.register.measuresHint')} value={input.measures} error={errors.measures} rows={4} />
        </fieldset>

        <button type="submit">{t('registration.register.submit')}</button>
      </form>
    </StaffLayout>
  );
}
