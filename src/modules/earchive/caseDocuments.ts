import { createHash } from 'node:crypto';
import { renderCasePdf } from './casePdf.ts';
import { caseRecordXml, receivedMessageEml, type DocumentRef } from './documents.ts';
import { messageFile } from './messageFiles.ts';
import type { CaseFile } from './load.ts';
import type { PackageFile } from './premis.ts';

/**
 * The documents of one case, paths relative to the case's folder: arende.xml, arende.pdf, mail
 * sent and received as .eml, letters and calls as text (messageFiles.ts), the attachments as they came. One definition for both ways a
 * case leaves Lyhörd: a delivery to the e-archive (build.ts) and a hand-over to the diarium.
 */
export interface CaseDocument extends PackageFile {
  title: string;
}

const FORMAT: Record<string, string> = { 'application/xml': 'Extensible Markup Language', 'application/pdf': 'PDF/A-2b', 'message/rfc822': 'Internet Message Format (RFC 5322)', 'text/plain': 'Plain text' };
export const packageFile = (path: string, bytes: Buffer, mimeType: string): PackageFile => ({ path, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType, formatName: FORMAT[mimeType] ?? mimeType });
const safeName = (s: string) => s.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 100) || 'fil';
const pad = (n: number) => String(n).padStart(2, '0');

/** Record and PDF first, then messages, mail in and attachments in their order. */
export async function caseDocuments(c: CaseFile, org: string, now: Date, dir = ''): Promise<CaseDocument[]> {
  const refs: (DocumentRef & { doc: CaseDocument })[] = [];
  const add = (path: string, kind: DocumentRef['kind'], contentType: string, title: string, bytes: Buffer) =>
    refs.push({ path, kind, contentType, doc: { ...packageFile(dir + path, bytes, contentType), title } });
  for (const [i, m] of c.messages.entries()) {
    const f = await messageFile(c, m, org);
    add(`meddelanden/${pad(i + 1)}-${m.purpose}.${f.extension}`, 'message', f.contentType, m.subject ?? 'Meddelande', f.bytes);
  }
  for (const [i, m] of c.inbound.entries()) add(`inkommande/${pad(i + 1)}.eml`, 'message', 'message/rfc822', m.subject ?? 'E-post från synpunktslämnaren', await receivedMessageEml(c, m, 'lyhord.invalid'));
  for (const [i, a] of c.attachments.entries()) add(`bilagor/${pad(i + 1)}-${safeName(a.filename)}`, 'attachment', a.contentType, a.filename, a.content);
  const record = { ...packageFile(`${dir}arende.xml`, Buffer.from(caseRecordXml(c, org, refs)), 'application/xml'), title: `Ärende ${c.number} (XML)` };
  const pdf = { ...packageFile(`${dir}arende.pdf`, await renderCasePdf(c, org, now), 'application/pdf'), title: `Ärende ${c.number} (PDF/A)` };
  return [record, pdf, ...refs.map((r) => r.doc)];
}
