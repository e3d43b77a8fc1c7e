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
  return (
    <section aria-labelledby="arkiv-rubrik">
      <h2 id="arkiv-rubrik">Arkiv och gallring</h2>
      {p.hold && (
        <div class="notice">
          <p>
            <strong>Bevarandestopp.</strong> Ärendet får inte gallras eller levereras. Lagt av {p.hold.by} {p.hold.at}
            {p.hold.reason ? (
              <>
                : <span class="user-text" dir="auto">{p.hold.reason}</span>
              </>
            ) : (
              '.'
            )}
          </p>
        </div>
      )}
      <dl class="summary-list">
        <div>
          <dt>Betydelse</dt>
          <dd>
            {p.significance ? SIGNIFICANCE_LABEL[p.significance] : 'Inte angiven – ärendet gallras inte förrän betydelsen är angiven'}
            {p.mayChangeSignificance && (
              <>
                {' '}
                <a href={`${base}/betydelse`}>
                  Ändra betydelse<span class="visually-hidden"> för ärende {p.number}</span>
                </a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Gallringsplanen</dt>
          <dd>{p.ruleText ?? 'Ingen regel i gallringsplanen gäller ärendet. Det gallras inte.'}</dd>
        </div>
        {p.due && (
          <div>
            <dt>{p.ruleAction === 'keep' ? 'Levereras till arkivet från' : 'Kan gallras från'}</dt>
            <dd>{p.due}</dd>
          </div>
        )}
        <div>
          <dt>Bevarandestopp</dt>
          <dd>
            {p.hold ? 'Ja' : 'Nej'}
            {p.mayHold && (
              <>
                {' '}
                <a href={`${base}/bevarandestopp`}>{p.hold ? 'Häv bevarandestoppet' : 'Lägg bevarandestopp'}</a>
              </>
            )}
          </dd>
        </div>
        {p.delivered && (
          <div>
            <dt>Levererat till e-arkivet</dt>
            <dd>
              Paket {p.delivered.id}, {p.delivered.at}.{' '}
              {p.delivered.confirmed ? `Arkivet bekräftade mottagandet ${p.delivered.confirmed}${p.delivered.receipt ? ` (${p.delivered.receipt})` : ''}.` : 'Mottagandet är inte bekräftat än.'}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
