import { useI18n } from '../../../platform/i18n/context.ts';
import type { MessageKey } from '../../../platform/i18n/catalogue.ts';
import { SPAM_FIELDS } from '../guard.ts';

/** The widget's own words, from our catalogue, so it speaks every language the form does. */
const WIDGET_STRINGS: Record<string, MessageKey> = {
  label: 'altcha.label',
  verifying: 'altcha.verifying',
  verified: 'altcha.verified',
  error: 'altcha.error',
  expired: 'altcha.expired',
  verificationRequired: 'altcha.verificationRequired',
  waitAlert: 'altcha.waitAlert',
  loading: 'altcha.loading',
  reload: 'altcha.reload',
  verify: 'altcha.verify',
  cancel: 'altcha.cancel',
};

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'altcha-widget': { auto?: string; name?: string; language?: string; type?: string; configuration?: string; 'data-strings'?: string; children?: never };
    }
  }
}

/**
 * What the citizen form carries against spam: a field people never see or reach (a script fills
 * it in), the signed time the form was shown, and – where JavaScript runs – the proof-of-work
 * widget, which works by itself while the person writes.
 */
export function SpamFields({ started }: { started: string }) {
  const i18n = useI18n();
  const strings = Object.fromEntries(Object.entries(WIDGET_STRINGS).map(([k, key]) => [k, i18n.t(key)]));
  return (
    <>
      <div class="hp" aria-hidden="true">
        <label for={SPAM_FIELDS.honeypot}>{i18n.t('form.honeypot.label')}</label>
        <input id={SPAM_FIELDS.honeypot} name={SPAM_FIELDS.honeypot} type="text" value="" tabindex={-1} autocomplete="off" />
      </div>
      <input type="hidden" name={SPAM_FIELDS.started} value={started} />
      <link rel="stylesheet" href="/assets/altcha/altcha.css" />
      <div class="field altcha-field">
        <altcha-widget
          auto="onfocus"
          name={SPAM_FIELDS.proof}
          language={i18n.code}
          type="checkbox"
          configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
          data-strings={JSON.stringify(strings)}
        />
      </div>
      <script type="module" src="/assets/altcha/setup.js" />
    </>
  );
}
