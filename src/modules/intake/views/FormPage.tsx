import type { Organization, OrgUnit } from '../../../db/schema.ts';
import { staffLang, useI18n } from '../../../platform/i18n/context.ts';
import { Checkbox, ErrorSummary, FieldError, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { LANGUAGES } from '../../../platform/i18n/catalogue.ts';
import { KINDS, REPLY_CHANNELS } from '../../cases/labels.ts';
import { ACCEPT, MAX_FILES } from '../attachments.ts';
import { MAX_DESCRIPTION, type SubmissionInput } from '../validation.ts';
import { SpamFields } from '../../spam/views/SpamFields.tsx';

export function FormPage({
  org,
  units,
  input,
  started,
  errors = {},
  noPublish = false,
  replyLanguage,
}: {
  org: Organization;
  units: Pick<OrgUnit, 'id' | 'name'>[];
  input: SubmissionInput;
  /** The signed time the form is shown at (modules/spam). */
  started: string;
  errors?: FieldErrors;
  noPublish?: boolean;
  /** The language the submitter chose for our messages; the page's language until they choose. */
  replyLanguage?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const hasErrors = Object.keys(errors).length > 0;
  const required = (label: string) => t('form.required', { label });
  return (
    <Layout title={t('form.title')} hasErrors={hasErrors} orgName={org.name}>
      <ErrorSummary errors={errors} />
      <h1>{t('form.title')}</h1>
      <p>{i18n.rich('form.intro', { link: (chunks) => <a href="/#personuppgifter">{chunks}</a> })}</p>
      <form method="post" action="/synpunkt" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="formId" value={input.formId} />
        <input type="hidden" name="lang" value={i18n.code} />
        <Radios
          name="kind"
          legend={required(t('form.kind.legend'))}
          value={input.kind}
          error={errors.kind}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`), hint: t(`form.kind.hint.${k}`) }))}
        />
        <TextArea
          name="description"
          label={required(t('form.description.label'))}
          hint={t('form.description.hint', { max: MAX_DESCRIPTION })}
          value={input.description}
          error={errors.description}
          required
          rows={10}
        />
        <SimilarAnswers />
        <FileInput error={errors.attachments} />
        <Select
          name="unit"
          label={t('form.unit.label')}
          hint={t('form.unit.hint')}
          value={input.unit || 'vet-inte'}
          error={errors.unit}
          options={[{ value: 'vet-inte', label: t('form.unit.dontKnow') }, ...units.map((u) => ({ value: u.id, label: u.name, lang: staffLang(i18n) }))]}
        />
        <Radios
          name="anonymous"
          legend={required(t('form.anonymous.legend'))}
          value={input.anonymous}
          error={errors.anonymous}
          options={[
            { value: 'false', label: t('form.anonymous.no') },
            { value: 'true', label: t('form.anonymous.yes'), hint: t('form.anonymous.yes.hint') },
          ]}
        />
        <fieldset class="inset">
          <legend>{t('form.contact.legend')}</legend>
          <p class="hint">{t('form.contact.hint')}</p>
          <TextInput name="name" label={t('form.name.label')} value={input.name} error={errors.name} autocomplete="name" maxLength={200} />
          <Radios
            name="replyChannel"
            legend={t('form.replyChannel.legend')}
            value={input.replyChannel}
            error={errors.replyChannel}
            options={REPLY_CHANNELS.map((c) => ({ value: c, label: t(`replyChannel.${c}`) }))}
          />
          {/* Each language named in itself, and marked as such for a screen reader. */}
          <Select
            name="replyLanguage"
            label={t('form.replyLanguage.label')}
            hint={t('form.replyLanguage.hint')}
            value={replyLanguage ?? i18n.code}
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, ...(l.code === i18n.code ? {} : { lang: l.code, dir: l.dir }) }))}
          />
          <TextInput name="email" label={t('form.email.label')} type="email" value={input.email} error={errors.email} autocomplete="email" hint={t('form.email.hint')} />
          <TextInput name="phone" label={t('form.phone.label')} type="tel" value={input.phone} error={errors.phone} autocomplete="tel" hint={t('form.phone.hint')} />
          <TextArea name="address" label={t('form.address.label')} value={input.address} error={errors.address} hint={t('form.address.hint')} rows={3} autocomplete="street-address" />
        </fieldset>
        <Checkbox name="noPublish" label={t('form.noPublish.label')} checked={noPublish} hint={t('form.noPublish.hint')} />
        <SpamFields started={started} />
        <button type="submit" id="skicka">
          {t('form.submit')}
        </button>
      </form>
      <script src="/assets/liknande-svar.js" defer></script>
    </Layout>
  );
}

/** Optional files. A browser cannot refill this input, so the error text says to choose them again. */
function FileInput({ error }: { error?: string }) {
  const { t } = useI18n();
  const id = 'attachments';
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{t('form.attachments.label')}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('form.attachments.hint', { max: MAX_FILES, types: t('attachments.allowedTypes') })}
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

/**
 * "Has this been asked before?": filled in by /assets/liknande-svar.js while the citizen types,
 * with the words it needs from the catalogue. Hidden without JavaScript, so the form is then
 * exactly as before.
 */
function SimilarAnswers() {
  const { t } = useI18n();
  return (
    <>
      <p class="visually-hidden" aria-live="polite" id="liknande-svar-status"></p>
      <aside
        id="liknande-svar"
        class="similar-answers"
        hidden
        aria-labelledby="liknande-svar-rubrik"
        data-intro-one={t('form.similar.introOne')}
        data-intro-many={t('form.similar.introMany')}
        data-new-tab={t('form.similar.newTab')}
        data-status={t('form.similar.status')}
      >
        <h2 id="liknande-svar-rubrik">{t('form.similar.heading')}</h2>
        <div data-lista></div>
        <p>
          <a href="/svar" data-arkiv target="_blank" rel="noopener">
            {t('form.similar.archiveLink')}
          </a>
        </p>
      </aside>
    </>
  );
}
