import type { CaseKind, Channel, ReplyChannel } from '../../../db/schema.ts';
import { formatDateTime, formatLongDate } from '../../../platform/clock.ts';
import type { CaseDetail } from '../detailQueries.ts';
import { CHANNEL_LABEL, KIND_LABEL, REPLY_CHANNEL_LABEL } from '../labels.ts';
import { OUTCOMES, REFERRAL_TYPES } from '../lifecycle.ts';
import { SIGNIFICANCE_LABEL } from './staffLabels.ts';
import { swedishLanguageName } from '../../../platform/i18n/languageName.ts';

const none = <span class="muted">Inte angivet</span>;
const day = (d: string | null) => (d ? <time dateTime={d}>{formatLongDate(new Date(`${d}T12:00:00Z`))}</time> : none);

/** The register entry and the classification: what the case is, where it is and when it is due. */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const c = detail.case;
  return (
    <dl class="summary-list">
      <dt>Typ</dt>
      <dd>{KIND_LABEL[c.kind as CaseKind] ?? c.kind}</dd>
      <dt>Område</dt>
      <dd>{c.area_name ?? none}</dd>
      <dt>Underkategori</dt>
      <dd>{c.subcategory_name ?? none}</dd>
      <dt>Betydelse</dt>
      <dd>{c.significance ? SIGNIFICANCE_LABEL[c.significance] : none}</dd>
      <dt>Kanal</dt>
      <dd>{CHANNEL_LABEL[c.channel as Channel] ?? c.channel}</dd>
      {c.language && (
        <>
          <dt>Språk</dt>
          <dd>{swedishLanguageName(c.language)}</dd>
        </>
      )}
      <dt>Mottagen</dt>
      <dd>
        <time dateTime={c.received_at.toISOString()}>{formatDateTime(c.received_at)}</time>
      </dd>
      <dt>Förvaltning eller enhet</dt>
      <dd>
        {c.unit_name ?? (
          <>
            Inte vald
            {c.suggested_unit_name && <span class="muted"> (synpunktslämnaren föreslog {c.suggested_unit_name})</span>}
          </>
        )}
      </dd>
      <dt>Handläggare</dt>
      <dd>{c.handler_name ?? <span class="muted">Ingen ännu</span>}</dd>
      <dt>Bekräftelse senast</dt>
      <dd>{day(c.acknowledge_by)}</dd>
      <dt>Svar senast</dt>
      <dd>{day(c.answer_by)}</dd>
      {c.paused_since && (
        <>
          <dt>Handläggningstiden pausad sedan</dt>
          <dd>
            <time dateTime={c.paused_since.toISOString()}>{formatDateTime(c.paused_since)}</time>
          </dd>
        </>
      )}
      <dt>Sekretess</dt>
      <dd>{c.confidential ? `Ja – ${c.confidentiality_ref ?? 'lagrum saknas'}` : 'Nej'}</dd>
      {c.outcome && (
        <>
          <dt>Utfall</dt>
          <dd>{OUTCOMES[c.outcome as keyof typeof OUTCOMES] ?? (c.outcome === 'not_handled' ? 'Inte handlagd' : c.outcome === 'spam' ? 'Skräp (spam)' : c.outcome)}</dd>
        </>
      )}
      {c.referral_type && (
        <>
          <dt>Hänvisad till</dt>
          <dd>{REFERRAL_TYPES[c.referral_type as keyof typeof REFERRAL_TYPES] ?? c.referral_type}</dd>
        </>
      )}
      {c.closed_at && (
        <>
          <dt>Avslutad</dt>
          <dd>
            <time dateTime={c.closed_at.toISOString()}>{formatDateTime(c.closed_at)}</time>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The submitter: contact details for the roles that may see them, and nothing but that fact for others. */
export function SubmitterFacts({ detail, mayViewContact }: { detail: CaseDetail; mayViewContact: boolean }) {
  const c = detail.case;
  if (c.anonymous) return <p>Synpunktslämnaren är anonym och kan inte kontaktas.</p>;
  if (!mayViewContact) return <p>Synpunktslämnaren har lämnat kontaktuppgifter. Din roll ger inte behörighet att se dem.</p>;
  const k = detail.contact;
  if (!k) return <p>Kontaktuppgifterna finns inte längre (de kan ha gallrats).</p>;
  return (
    <dl class="summary-list">
      <dt>Namn</dt>
      <dd>{k.name ?? none}</dd>
      <dt>E-postadress</dt>
      <dd class="break">{k.email ?? none}</dd>
      <dt>Telefonnummer</dt>
      <dd>{k.phone ?? none}</dd>
      <dt>Postadress</dt>
      <dd class="user-text">{k.address ?? none}</dd>
      <dt>Vill ha svar</dt>
      <dd>{k.reply_channel === 'none' ? 'Nej, vill inte ha något svar' : REPLY_CHANNEL_LABEL[k.reply_channel as ReplyChannel]}</dd>
      {c.channel !== 'web' && (
        <>
          <dt>Tillfrågad före registrering</dt>
          <dd>{c.channel_confirmed ? 'Ja' : 'Nej'}</dd>
        </>
      )}
    </dl>
  );
}
