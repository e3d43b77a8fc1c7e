import type { Tx } from '../../db/database.ts';
import { swedishYear } from '../../platform/clock.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { acceptFile, MAX_FILES, type UploadedFile } from '../intake/attachments.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { nextCaseNumber } from '../cases/numbering.ts';
import { newCaseId } from '../cases/caseId.ts';
import { hashStatusToken, statusTokenFor } from '../cases/statusToken.ts';
import { initialDeadlines, loadDeadlineContext, wantsEmailAck } from '../deadlines/policies.ts';
import type { InboundFile, ParsedInbound } from './parse.ts';

/** Longer texts are cut in the case's description (it feeds the search index); the mail keeps it all. */
export const MAX_DESCRIPTION = 100_000;

/**
 * The kind a mail case starts with: the registrar classifies every case on registration, and the
 * deadlines follow the kind chosen then. A question is the most neutral start.
 */
export const MAIL_KIND = 'fraga' as const;

/** Parts of a delivery report, read as text (see readDeliveryReport), not files. */
const REPORT_PARTS = ['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers'];

/**
 * Images shown inside an HTML mail (multipart/related, by Content-ID) are kept like attached
 * files: a photo pasted into the text is as much a part of the synpunkt. Signature logos, icons
 * and tracking pixels are embedded the same way, but they are small: an embedded image under
 * this size, as sent or once its metadata is removed, is not stored and not named in a warning
 * (that would be one on every mail from a company). A phone photo is far larger, even one a mail
 * program has shrunk. The original message keeps them all.
 */
export const MIN_EMBEDDED_IMAGE_BYTES = 16 * 1024;

/** The extension a part without one gets from its type, since the form's type check goes by it. */
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic', 'image/heif': 'heic', 'application/pdf': 'pdf', 'text/plain': 'txt' };
const HAS_EXTENSION = /\.[A-Za-z0-9]{1,10}$/;

/** A pasted picture often has no name at all ("inbäddad-bild-1.jpg" then), or one without an extension. */
function fileName(a: InboundFile, numbered: () => number): string {
  const ext = EXTENSION[a.contentType];
  if (!ext || HAS_EXTENSION.test(a.filename)) return a.filename || 'bilaga';
  return `${a.filename || `${a.related ? 'inbäddad-bild' : 'bilaga'}-${numbered()}`}.${ext}`;
}

/** The files of a mail that are kept with the case, under the form's rules; the others are named in warnings. */
export function mailFiles(parsed: Pick<ParsedInbound, 'attachments'>): { files: UploadedFile[]; warnings: string[] } {
  const files: UploadedFile[] = [];
  const warnings: string[] = [];
  const small = (a: InboundFile, size: number) => a.related && size < MIN_EMBEDDED_IMAGE_BYTES;
  // Of the HTML's own parts only images are kept; style sheets and fonts are how it looks, not what it says.
  const candidates = parsed.attachments.filter((a) => !REPORT_PARTS.includes(a.contentType) && (!a.related || a.contentType.startsWith('image/')) && !small(a, a.content.length));
  // Files sent along come first, so the limit of three keeps what the sender attached on purpose.
  const ordered = [...candidates.filter((a) => !a.related), ...candidates.filter((a) => a.related)];
  let unnamed = 0;
  for (const a of ordered) {
    const checked = acceptFile(fileName(a, () => ++unnamed), a.contentType, a.content);
    if ('problem' in checked) {
      warnings.push(`${sv(checked.problem.key, checked.problem.values).replace(/\.$/, '')}, så den sparades inte som bilaga. Den finns kvar i originalmeddelandet.`);
      continue;
    }
    if (small(a, checked.file.content.length)) continue;
    if (files.length >= MAX_FILES) {
      warnings.push(`Filen ${checked.file.filename} sparades inte som bilaga: högst ${MAX_FILES} filer sparas, som i formuläret. Den finns kvar i originalmeddelandet.`);
      continue;
    }
    files.push(checked.file);
  }
  return { files, warnings };
}

export function mailDescription(parsed: Pick<ParsedInbound, 'subject' | 'text'>): { description: string; cut: boolean } {
  const text = parsed.text.trim();
  const full = [parsed.subject, text].filter((s) => s !== '').join('\n\n') || '(Tomt e-postmeddelande)';
  const chars = [...full];
  return chars.length > MAX_DESCRIPTION ? { description: chars.slice(0, MAX_DESCRIPTION).join(''), cut: true } : { description: full, cut: false };
}

/**
 * A new case from a mail, in the caller's transaction: in the registrar's inbox with channel
 * e-mail, the sender as contact who gets the answer by e-mail, and the deadlines of any new case
 * (so the acknowledgement goes out like the web form's).
 */
export async function insertMailCase(tx: Tx, deps: { tokenSecret: Buffer }, organizationId: string, parsed: ParsedInbound, receivedAt: Date, description: string) {
  const org = await tx.selectFrom('organizations').select(['id', 'config_version']).where('id', '=', organizationId).executeTakeFirstOrThrow();
  const ctx = await cachedForOrg(org, 'deadlines', () => loadDeadlineContext(tx, organizationId));
  const contact = parsed.from ? { email: parsed.from.address, replyChannel: 'email' as const } : null;
  const id = newCaseId();
  const { number } = await tx
    .insertInto('cases')
    .values({
      id,
      organization_id: organizationId,
      number: nextCaseNumber(organizationId, swedishYear(receivedAt)),
      kind: MAIL_KIND,
      channel: 'email',
      description,
      anonymous: false,
      received_at: receivedAt,
      status_token_hash: hashStatusToken(statusTokenFor(deps.tokenSecret, id)),
      ...initialDeadlines(ctx, MAIL_KIND, receivedAt, wantsEmailAck(false, contact)),
    })
    .returning('number')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('case_contacts')
    .values({ case_id: id, name: parsed.from?.name ?? null, email: parsed.from?.address ?? null, reply_channel: parsed.from ? 'email' : 'none' })
    .execute();
  await tx
    .insertInto('case_events')
    .values({ case_id: id, type: 'received', to_status: 'received', actor_label: 'Synpunktslämnaren via e-post', occurred_at: receivedAt, visible_to_submitter: true, data: JSON.stringify({ channel: 'email' }) })
    .execute();
  return { id, number };
}
