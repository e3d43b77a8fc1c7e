import { useI18n } from '../../../platform/i18n/context.ts';
import type { StaffKey } from '../../../platform/i18n/staffKeys.ts';
import { Checkbox, ErrorSummary, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import type { Originals, ShownFinding } from '../draft.ts';
import type { LoadedPublication } from '../queries.ts';
import { MAX_TITLE } from '../validation.ts';
import { FindingsReview, KIND_NAME } from './FindingsReview.tsx';
import { PublicationStatusBox, VersionList, WithdrawForm } from './PublicationParts.tsx';

export interface PublishPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  number: string;
  publication?: LoadedPublication;
  /** Why the case may not be published; empty when it may. */
  refusals: string[];
  fourEyes: boolean;
  /** With four eyes: this person wrote the draft, so someone else approves it. */
  ownDraft: boolean;
  originals: Originals;
  findings: ShownFinding[];
  extras: { kind: string; text: string }[];
  form: { title: string; question: string; answer: string; generatedQuestion: string; generatedAnswer: string; newExtraText: string; newExtraKind: string; reason?: string };
  /** What still looks like personal data in the texts below: the reviewer judges it. */
  remaining: { field: string; kind: string; value: string }[];
  /** What is never published (guard.ts) and is in the texts below all the same. */
  blocked: { field: string; kind: string; value: string }[];
  /** Fields the person edited by hand, which "Uppdatera förslaget" did not rewrite. */
  notRewritten: string[];
  errors?: FieldErrors;
  done?: string;
}

const FIELD_NAME: Record<string, StaffKey> = { title: 'publication.page.fieldTitle', question: 'publication.page.fieldQuestion', answer: 'publication.page.fieldAnswer' };

/** The draft of a case's public version: review what goes, edit the text, save or publish; or withdraw. */
export function PublishPage(p: PublishPageProps) {
  const errors = p.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const base = `/handlaggning/arenden/${p.number}`;
  const revision = String(p.publication?.revision ?? 0);
  const published = !!p.publication?.public_version_id;
  const canApprove = !p.fourEyes || (!!p.publication?.draft && !p.ownDraft);
  const { t } = useI18n();
  const fieldName = (f: string) => (FIELD_NAME[f] ? t(FIELD_NAME[f]) : f);
  return (
    <StaffLayout title={t('publication.page.title', { number: p.number })} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      <ErrorSummary errors={errors} fieldIds={{ _form: 'publicera-knappar' }} />
      {p.done && (
        <div class="success-banner" role="status">
          <p>{p.done}</p>
        </div>
      )}
      <p>
        <a href={base}>{t('publication.page.back')}</a>
      </p>
      <h1>{t('publication.page.title', { number: p.number })}</h1>
      <PublicationStatusBox number={p.number} publication={p.publication} fourEyes={p.fourEyes} ownDraft={p.ownDraft} />

      {p.refusals.length > 0 ? (
        <div class="notice" id="kan-inte-publiceras">
          <h2>{t('publication.page.refused')}</h2>
          <ul>
            {p.refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <form method="post" action={`${base}/publicera`} novalidate>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="revision" value={revision} />
          <input type="hidden" name="generatedQuestion" value={p.form.generatedQuestion} />
          <input type="hidden" name="generatedAnswer" value={p.form.generatedAnswer} />
          <FindingsReview originals={p.originals} findings={p.findings} extras={p.extras} newExtra={{ text: p.form.newExtraText, kind: p.form.newExtraKind }} newExtraError={errors.newExtraText} />

          <section aria-labelledby="text-rubrik">
            <h2 id="text-rubrik">{t('publication.page.publicHeading')}</h2>
            <p>{t('publication.page.publicIntro')}</p>
            {p.notRewritten.length > 0 && (
              <div class="notice" role="status">
                <p>{t('publication.page.notRewritten', { fields: p.notRewritten.map(fieldName).reduce((first, second) => t('publication.page.fieldsJoined', { first, second })) })}</p>
                <Checkbox name="replaceEdited" label={t('publication.page.replaceEdited')} />
              </div>
            )}
            <TextInput name="title" label={t('publication.page.titleLabel')} hint={t('publication.page.titleHint', { max: String(MAX_TITLE) })} value={p.form.title} error={errors.title} maxLength={MAX_TITLE} />
            <TextArea name="question" label={t('publication.page.question')} value={p.form.question} error={errors.question} rows={8} />
            <TextArea name="answer" label={t('publication.page.answer')} value={p.form.answer} error={errors.answer} rows={10} />
            {p.blocked.length > 0 && (
              <div class="notice" id="aldrig">
                <h3>{t('publication.page.blockedHeading')}</h3>
                <p>{t('publication.page.blockedText')}</p>
                <FlagList flags={p.blocked} fieldName={fieldName} />
              </div>
            )}
            {p.remaining.length > 0 && (
              <div class="notice" id="kvar">
                <h3>{t('publication.page.checkHeading')}</h3>
                <p>{t('publication.page.checkText')}</p>
                <FlagList flags={p.remaining} fieldName={fieldName} />
                <Checkbox name="confirmRemaining" label={t('publication.page.confirmRemaining')} error={errors.confirmRemaining} />
              </div>
            )}
          </section>

          <div class="button-group" id="publicera-knappar" tabindex={-1}>
            <button type="submit" name="action" value="spara" class={canApprove ? 'secondary' : undefined}>
              {t(p.fourEyes ? 'publication.page.sendForReview' : 'publication.page.saveDraft')}
            </button>
            {canApprove && (
              <button type="submit" name="action" value="publicera">
                {t(p.fourEyes ? 'publication.page.approvePublish' : published ? 'publication.page.publishNew' : 'publication.page.publish')}
              </button>
            )}
          </div>
          {p.fourEyes && <p class="hint">{t('publication.page.fourEyesHint')}</p>}
        </form>
      )}

      {p.publication?.draft && (
        <form method="post" action={`${base}/publicera/sla-bort-utkast`} class="inline-form">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="revision" value={revision} />
          <button type="submit" class="secondary">
            {t('publication.page.discardDraft')}
          </button>
        </form>
      )}
      {published && <WithdrawForm number={p.number} csrf={p.csrf} revision={revision} reason={p.form.reason ?? ''} error={errors.reason} />}
      {p.publication && p.publication.versions.length > 0 && <VersionList publication={p.publication} />}
    </StaffLayout>
  );
}

/** Each flagged piece of text, quoted as written, with what it looks like and where it is. */
function FlagList({ flags, fieldName }: { flags: PublishPageProps['remaining']; fieldName: (f: string) => string }) {
  const { t } = useI18n();
  return (
    <ul>
      {flags.map((r, i) => (
        <li key={i}>
          <span class="user-text" dir="auto">
            ”{r.value}”
          </span>{' '}
          {t('publication.page.remainingWhere', { kind: KIND_NAME[r.kind], field: fieldName(r.field) })}
        </li>
      ))}
    </ul>
  );
}
