import type { CaseKind } from '../../db/schema.ts';
import type { Actor } from '../cases/policy.ts';
import { KIND_LABEL, KINDS } from '../cases/labels.ts';
import { ErrorSummary, Radios, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { StaffLayout } from '../../platform/views/StaffLayout.tsx';
import { useI18n } from '../../platform/i18n/context.ts';
import type { Translator } from '../../platform/i18n/catalogue.ts';
import { longDate, type FullPolicy } from './policies.ts';

interface Frame {
  orgName: string;
  actor: Actor;
  csrf: string;
}

export interface PolicyInput {
  kind: string;
  acknowledgeWorkingDays: string;
  answerDays: string;
  answerUnit: string;
  reminders: string;
  reminderIntervalWorkingDays: string;
  escalateAfterWorkingDays: string;
}

export const policyInput = (kind: CaseKind | null, p: FullPolicy): PolicyInput => ({
  kind: kind ?? '',
  acknowledgeWorkingDays: String(p.acknowledgeWorkingDays),
  answerDays: String(p.answerDays),
  answerUnit: p.answerUnit,
  reminders: String(p.reminders),
  reminderIntervalWorkingDays: String(p.reminderIntervalWorkingDays),
  escalateAfterWorkingDays: p.escalateAfterWorkingDays === null ? '' : String(p.escalateAfterWorkingDays),
});

const describe = (t: Translator['t'], p: FullPolicy) =>
  t('deadlines.page.policy', {
    acknowledge: p.acknowledgeWorkingDays,
    answer: p.answerDays,
    unit: p.answerUnit,
    reminders: p.reminders,
    interval: p.reminderIntervalWorkingDays,
    escalate: p.escalateAfterWorkingDays === null ? 'none' : 'yes',
    escalateAfter: p.escalateAfterWorkingDays ?? 0,
  });

export function DeadlinesPage(
  props: Frame & {
    policies: { kind: CaseKind | null; policy: FullPolicy; own: boolean }[];
    closureDays: { day: string; description: string }[];
    input: PolicyInput;
    errors?: FieldErrors;
    closure?: { day: string; description: string; errors: FieldErrors };
    notice?: string;
  },
) {
  const i18n = useI18n();
  const { t } = i18n;
  const errors = props.errors ?? {};
  const closureErrors = props.closure?.errors ?? {};
  const hasErrors = Object.keys(errors).length + Object.keys(closureErrors).length > 0;
  return (
    <StaffLayout title={t('deadlines.page.title')} hasErrors={hasErrors} orgName={props.orgName} actor={props.actor} csrf={props.csrf}>
      <p>
        <a href="/admin">{t('deadlines.page.admin')}</a>
      </p>
      <ErrorSummary errors={{ ...errors, ...closureErrors }} />
      {props.notice && (
        <div class="success-banner" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <h1>{t('deadlines.page.title')}</h1>
      <p>{t('deadlines.page.intro')}</p>
      <h2>{t('deadlines.page.current')}</h2>
      <dl class="summary-list">
        {props.policies.map((p) => (
          <div key={p.kind ?? 'alla'}>
            <dt>{p.kind ? KIND_LABEL[p.kind] : t('deadlines.page.allKinds')}</dt>
            <dd>
              {describe(t, p.policy)}
              {p.kind && !p.own && t('deadlines.page.asAllKinds')}
              {p.kind && p.own && (
                <form method="post" action="/admin/tidsfrister/ta-bort-typ" class="inline-form">
                  <input type="hidden" name="_csrf" value={props.csrf} />
                  <input type="hidden" name="kind" value={p.kind} />{' '}
                  <button type="submit" class="link">
                    {i18n.rich('deadlines.page.useDefault', { kind: KIND_LABEL[p.kind], hidden: (s) => <span class="visually-hidden">{s}</span> })}
                  </button>
                </form>
              )}
            </dd>
          </div>
        ))}
      </dl>

      <h2>{t('deadlines.page.change')}</h2>
      <form method="post" action="/admin/tidsfrister" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <Select
          name="kind"
          label={t('deadlines.page.appliesTo')}
          value={props.input.kind}
          options={[{ value: '', label: t('deadlines.page.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t('deadlines.page.onlyKind', { kind: KIND_LABEL[k].toLowerCase() }) }))]}
        />
        <TextInput name="acknowledgeWorkingDays" label={t('deadlines.page.acknowledge')} inputmode="numeric" value={props.input.acknowledgeWorkingDays} error={errors.acknowledgeWorkingDays} />
        <TextInput name="answerDays" label={t('deadlines.page.answer')} inputmode="numeric" value={props.input.answerDays} error={errors.answerDays} />
        <Radios
          name="answerUnit"
          legend={t('deadlines.page.unit')}
          value={props.input.answerUnit}
          error={errors.answerUnit}
          options={[
            { value: 'working', label: t('deadlines.page.workingDays') },
            { value: 'calendar', label: t('deadlines.page.calendarDays'), hint: t('deadlines.page.calendarDaysHint') },
          ]}
        />
        <TextInput name="reminders" label={t('deadlines.page.reminders')} hint={t('deadlines.page.remindersHint')} inputmode="numeric" value={props.input.reminders} error={errors.reminders} />
        <TextInput name="reminderIntervalWorkingDays" label={t('deadlines.page.interval')} inputmode="numeric" value={props.input.reminderIntervalWorkingDays} error={errors.reminderIntervalWorkingDays} />
        <TextInput
          name="escalateAfterWorkingDays"
          label={t('deadlines.page.escalate')}
          hint={t('deadlines.page.escalateHint')}
          inputmode="numeric"
          value={props.input.escalateAfterWorkingDays}
          error={errors.escalateAfterWorkingDays}
        />
        <button type="submit">{t('deadlines.page.save')}</button>
      </form>

      <h2>{t('deadlines.page.closureDays')}</h2>
      {props.closureDays.length === 0 ? (
        <p>{t('deadlines.page.noClosureDays')}</p>
      ) : (
        <ul>
          {props.closureDays.map((d) => (
            <li key={d.day}>
              {longDate(d.day)}
              {d.description && ` – ${d.description}`}{' '}
              <form method="post" action="/admin/tidsfrister/stangda-dagar/ta-bort" class="inline-form">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <input type="hidden" name="day" value={d.day} />
                <button type="submit" class="link">
                  {i18n.rich('deadlines.page.remove', { day: longDate(d.day), hidden: (s) => <span class="visually-hidden">{s}</span> })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/admin/tidsfrister/stangda-dagar" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="day" label={t('deadlines.page.day')} hint={t('deadlines.page.dayHint')} type="date" value={props.closure?.day} error={closureErrors.day} />
        <TextInput name="description" label={t('deadlines.page.description')} value={props.closure?.description} error={closureErrors.description} maxLength={200} />
        <button type="submit" class="secondary">
          {t('deadlines.page.addClosureDay')}
        </button>
      </form>
    </StaffLayout>
  );
}

export function ExtendPage(
  props: Frame & {
    c: { number: string; answer_by: string | null; version: number; reply_channel: string | null; anonymous: boolean };
    /** False for a closed or answered case: no form, only why. */
    extendable: boolean;
    input: { newDate: string; reason: string };
    errors?: FieldErrors;
  },
) {
  const i18n = useI18n();
  const { t } = i18n;
  const errors = props.errors ?? {};
  const how = props.c.anonymous || !props.c.reply_channel || props.c.reply_channel === 'none' ? 'none' : props.c.reply_channel;
  return (
    <StaffLayout title={t('deadlines.extend.title', { number: props.c.number })} hasErrors={Object.keys(errors).length > 0} orgName={props.orgName} actor={props.actor} csrf={props.csrf}>
      <p>
        <a href={`/handlaggning/arenden/${props.c.number}`}>{t('deadlines.extend.back')}</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{t('deadlines.extend.title', { number: props.c.number })}</h1>
      <p>{i18n.rich('deadlines.extend.current', { day: props.c.answer_by ? longDate(props.c.answer_by) : t('deadlines.extend.none'), strong: (s) => <strong>{s}</strong> })}</p>
      {!props.extendable && <p class="notice">{t('deadlines.error.notExtendable')}</p>}
      {props.extendable && <p>{t('deadlines.extend.law', { how })}</p>}
      {props.extendable && (
        <form method="post" action={`/handlaggning/arenden/${props.c.number}/forlang`} novalidate>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="version" value={String(props.c.version)} />
          <TextInput name="newDate" type="date" label={t('deadlines.extend.newDate')} hint={t('deadlines.extend.newDateHint')} value={props.input.newDate} error={errors.newDate} />
          <TextArea name="reason" label={t('deadlines.extend.reason')} hint={t('deadlines.extend.reasonHint')} rows={5} value={props.input.reason} error={errors.reason} />
          <button type="submit">{t('deadlines.extend.submit')}</button>
        </form>
      )}
    </StaffLayout>
  );
}

export function NotificationSettingsPage(props: Frame & { optOut: boolean; isCoordinator: boolean; notice?: string }) {
  const { t } = useI18n();
  return (
    <StaffLayout title={t('deadlines.notifications.title')} orgName={props.orgName} actor={props.actor} csrf={props.csrf}>
      {props.notice && (
        <div class="success-banner" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <h1>{t('deadlines.notifications.title')}</h1>
      <p>{t('deadlines.notifications.always')}</p>
      {props.isCoordinator ? (
        <form method="post" action="/handlaggning/aviseringar" novalidate>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <Radios
            name="digest"
            legend={t('deadlines.notifications.digest')}
            value={props.optOut ? 'off' : 'on'}
            options={[
              { value: 'on', label: t('deadlines.notifications.on') },
              { value: 'off', label: t('deadlines.notifications.off') },
            ]}
          />
          <button type="submit">{t('deadlines.notifications.save')}</button>
        </form>
      ) : (
        <p>{t('deadlines.notifications.coordinatorsOnly')}</p>
      )}
    </StaffLayout>
  );
}
