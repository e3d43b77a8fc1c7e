import { KIND_LABEL, CHANNEL_LABEL, statusLabel } from '../cases/labels.ts';
import { EVENT_LABEL, OUTCOMES } from '../cases/lifecycle.ts';
import type { CaseFile } from './load.ts';
import { document, el, leaf, text } from './xml.ts';

/**
 * The documents of one case in the package's data folder: the case record as XML (schema
 * lyhord-case.xsd, in schemas/), every mail as an .eml (received in its original form, sent as
 * its send recorded it: messageFiles.ts), attachments as they came.
 */
export const CASE_NS = 'https://lyhord.se/ns/arende/1';

const iso = (d: Date) => d.toISOString();
/** Event data keys that are text someone wrote: part of the record, shown as such. */
const TEXT_KEYS = ['comment', 'text', 'measures', 'reason', 'answeredOnSpot'];

export interface DocumentRef {
  /** Path inside the case's folder. */
  path: string;
  kind: 'message' | 'attachment';
  contentType: string;
}

export function caseRecordXml(c: CaseFile, org: string, refs: DocumentRef[]): string {
  const e = el(
    'arende',
    { xmlns: CASE_NS, nummer: c.number, organisation: org },
    leaf('inkom', iso(c.receivedAt)),
    leaf('avslutat', c.closedAt && iso(c.closedAt)),
    leaf('typ', KIND_LABEL[c.kind as keyof typeof KIND_LABEL] ?? c.kind, { kod: c.kind }),
    leaf('kanal', CHANNEL_LABEL[c.channel as keyof typeof CHANNEL_LABEL] ?? c.channel, { kod: c.channel }),
    leaf('status', statusLabel(c.status), { kod: c.status }),
    leaf('betydelse', c.significance === 'important' ? 'Av vikt för verksamheten' : c.significance === 'routine' ? 'Rutinmässig' : 'Ej angiven', { kod: c.significance ?? 'none' }),
    // Confidential parts are marked, never silently left out (DOMAIN rule 21).
    el('sekretess', { markerad: c.confidential ? 'true' : 'false', lagrum: c.confidential ? (c.confidentialityRef ?? 'ej angivet') : null }),
    leaf('omrade', c.areaName),
    leaf('forvaltning', c.forvaltningName),
    leaf('enhet', c.unitName),
    leaf('handlaggare', c.handlerName),
    leaf('utfall', c.outcome ? (OUTCOMES[c.outcome as keyof typeof OUTCOMES] ?? c.outcome) : null),
    el('synpunkt', {}, text(c.description)),
    leaf('plats', c.location),
    c.contact
      ? el('synpunktslamnare', { anonym: 'false' }, leaf('namn', c.contact.name), leaf('epost', c.contact.email), leaf('telefon', c.contact.phone), leaf('adress', c.contact.address), leaf('svarssatt', c.contact.replyChannel))
      : el('synpunktslamnare', { anonym: 'true' }),
    el(
      'historik',
      {},
      c.events.map((ev) =>
        el(
          'handelse',
          { typ: ev.type, tid: iso(ev.at), av: ev.actor },
          text(EVENT_LABEL[ev.type as keyof typeof EVENT_LABEL] ?? ev.type),
          TEXT_KEYS.filter((k) => typeof ev.data[k] === 'string' && (ev.data[k] as string).trim()).map((k) => el('text', { slag: k }, text(ev.data[k] as string))),
        ),
      ),
    ),
    el(
      'handlingar',
      {},
      refs.map((r) => el('handling', { fil: r.path, slag: r.kind, mimetyp: r.contentType })),
    ),
  );
  return document(e);
}

/** nodemailer's composer, loaded when a package is written (rarely), not in every process at start. */
export const mailComposer = async () => (await import('nodemailer/lib/mail-composer')).default;

/** Mail received: the raw message as it arrived when kept, otherwise rebuilt from what was stored. */
export async function receivedMessageEml(c: CaseFile, m: CaseFile['inbound'][number], domain: string): Promise<Buffer> {
  if (m.raw) return m.raw;
  const MailComposer = await mailComposer();
  return new MailComposer({ from: m.from ?? undefined, subject: m.subject ?? `Ärende ${c.number}`, text: m.body, date: m.at, messageId: `<${m.id}@${domain}>` }).compile().build();
}
