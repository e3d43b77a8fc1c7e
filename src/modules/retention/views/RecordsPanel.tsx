import { useI18n } from '../../../platform/i18n/context.ts';
import { SIGNIFICANCE_LABEL } from '../../cases/views/staffLabels.ts';

export interface RecordsPanelProps {
  number: string;
  significance: 'important' | 'routine' | null;
  ruleText: string | null;
  ruleAction: 'dispose' | 'keep' | null;
  /** YYYY-MM-DD: when the rule's years have passed (closed cases). */
  due: string | null;
  hold: { reason: string | null; by: string; at: string } | null;
  delivered: { id: string; at: string; confirmed: string | null; receipt: string | null } | null;
  mayHold: boolean;
  mayChangeSignificance: boolean;
}

/** On the case page: how long the case is kept, whether it is held, and where it was delivered. */
export function RecordsPanel(p: RecordsPanelProps) {
  const base = `/handlaggning/arenden/${p.number}`;
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby="arkiv-rubrik">
      <h2 id="arkiv-rubrik">{t('retention.panel.title')}</h2>
      {p.hold && (
        <div class="notice">
          <p>
            {i18n.rich('retention.panel.hold', {
              by: p.hold.by,
              at: p.hold.at,
              withReason: p.hold.reason ? 'yes' : 'no',
              reason: (
                <span class="user-text" dir="auto">
                  {p.hold.reason}
                </span>
              ),
              strong: (c) => <strong>{c}</strong>,
            })}
          </p>
        </div>
      )}
      <dl class="summary-list">
        <div>
          <dt>{t('retention.panel.significance')}</dt>
          <dd>
            {p.significance ? SIGNIFICANCE_LABEL[p.significance] : t('retention.panel.noSignificance')}
            {p.mayChangeSignificance && (
              <>
                {' '}
                <a href={`${base}/betydelse`}>
                  {i18n.rich('retention.panel.changeSignificance', { number: p.number, hidden: (c) => <span class="visually-hidden">{c}</span> })}
                </a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('retention.panel.rule')}</dt>
          <dd>{p.ruleText ?? t('retention.panel.noRule')}</dd>
        </div>
        {p.due && (
          <div>
            <dt>{t(p.ruleAction === 'keep' ? 'retention.panel.deliveredFrom' : 'retention.panel.disposableFrom')}</dt>
            <dd>{p.due}</dd>
          </div>
        )}
        <div>
          <dt>{t('retention.panel.holdLabel')}</dt>
          <dd>
            {t(p.hold ? 'retention.panel.yes' : 'retention.panel.no')}
            {p.mayHold && (
              <>
                {' '}
                <a href={`${base}/bevarandestopp`}>{t(p.hold ? 'retention.panel.liftHold' : 'retention.panel.placeHold')}</a>
              </>
            )}
          </dd>
        </div>
        {p.delivered && (
          <div>
            <dt>{t('retention.panel.delivered')}</dt>
            <dd>
              {t('retention.panel.package', { id: p.delivered.id, at: p.delivered.at })}{' '}
              {p.delivered.confirmed
                ? p.delivered.receipt
                  ? t('retention.panel.confirmedWithReceipt', { at: p.delivered.confirmed, receipt: p.delivered.receipt })
                  : t('retention.panel.confirmed', { at: p.delivered.confirmed })
                : t('retention.panel.notConfirmed')}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
