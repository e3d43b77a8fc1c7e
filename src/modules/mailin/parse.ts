import { sv } from '../../platform/i18n/catalogue.ts';
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import { sha256 } from '../../platform/secrets.ts';
import { headersAsUtf8 } from './headerCharset.ts';

/** A received mail as the rest of the module needs it. Warnings say what could not be read cleanly. */
export interface ParsedInbound {
  /** The Message-ID (angle brackets included), or null when the mail has none. */
  messageId: string | null;
  /** What makes a re-read of the same mail a no-op: the Message-ID, else a hash of the raw bytes. */
  key: string;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  toText: string | null;
  subject: string;
  /** The text: the plain part, or the HTML part made into text. */
  text: string;
  headers: Map<string, string>;
  contentType: string;
  attachments: InboundFile[];
  /** Machine parts of a delivery report (message/delivery-status, text/rfc822-headers …), as text. */
  reportParts: string[];
  warnings: string[];
}

export interface InboundFile {
  filename: string;
  contentType: string;
  content: Buffer;
  /** An image the HTML shows in place (a logo in a signature), not a file sent along. */
  related: boolean;
}

const MESSAGE_ID = /<[^<>\s]+@[^<>\s]+>/g;
/** Parts of a delivery report that are read, not stored as files. */
const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value.find((v) => v.address);
const addressText = (a: AddressObject | AddressObject[] | undefined) => (a ? (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text) : null);

// mailparser, iconv-lite and html-to-text hold tens of MB: loaded with the first mail read, not
// when the server starts (most installations never receive mail).
type Libraries = {
  simpleParser: typeof import('mailparser').simpleParser;
  iconv: typeof import('iconv-lite');
  htmlToText: typeof import('html-to-text').htmlToText;
};
let libraries: Libraries | undefined;
async function loadLibraries(): Promise<Libraries> {
  if (!libraries) {
    const [{ simpleParser }, { default: iconv }, { htmlToText }] = await Promise.all([import('mailparser'), import('iconv-lite'), import('html-to-text')]);
    libraries = { simpleParser, iconv, htmlToText };
  }
  return libraries;
}

/** Declared charsets that iconv-lite cannot decode: the text may show wrongly, the original is kept. */
function unknownCharsets(raw: Buffer, iconv: Libraries['iconv']): string[] {
  const head = raw.subarray(0, Math.min(raw.length, 2 * 1024 * 1024)).toString('latin1');
  const found = new Set<string>();
  for (const m of head.matchAll(/charset\s*=\s*"?([^";\s]+)"?/gi)) {
    const cs = m[1]!.toLowerCase();
    if (cs.startsWith('x-unknown') || !iconv.encodingExists(cs)) found.add(cs);
  }
  return [...found];
}

function fromParsed(p: ParsedMail, raw: Buffer, warnings: string[], htmlToText: Libraries['htmlToText']): ParsedInbound {
  const headers = new Map<string, string>();
  for (const line of p.headerLines) {
    const i = line.line.indexOf(':');
    headers.set(line.key, i >= 0 ? line.line.slice(i + 1).trim() : '');
  }
  const refs = p.references ? (Array.isArray(p.references) ? p.references : [p.references]) : [];
  const from = firstAddress(p.from);
  const files: InboundFile[] = [];
  const reportParts: string[] = [];
  for (const a of p.attachments as Attachment[]) {
    const type = a.contentType.toLowerCase();
    if (REPORT_TYPES.has(type)) reportParts.push(a.content.toString('utf8'));
    files.push({ filename: a.filename ?? '', contentType: type, content: a.content, related: a.related === true });
  }
  // The plain part when there is one; an HTML-only mail as text, without images (tracking pixels) or scripts.
  const text = p.text?.trim() ? p.text : typeof p.html === 'string' && p.html.trim() ? htmlAsText(p.html, htmlToText) : (p.text ?? '');
  const messageId = p.messageId && /^<[^<>\s]+>$/.test(p.messageId) ? p.messageId : null;
  return {
    messageId,
    key: messageId ?? `sha256:${sha256(raw).toString('hex')}`,
    inReplyTo: p.inReplyTo?.match(MESSAGE_ID)?.[0] ?? null,
    references: refs.flatMap((r) => r.match(MESSAGE_ID) ?? []).slice(-50),
    from: from?.address ? { address: from.address.toLowerCase(), name: from.name || null } : null,
    toText: addressText(p.to),
    subject: (p.subject ?? '').trim(),
    text,
    headers,
    contentType: (p.headers.get('content-type') as { value?: string } | undefined)?.value?.toLowerCase() ?? 'text/plain',
    attachments: files,
    reportParts,
    warnings,
  };
}

const HTML_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
};

/** HTML made into plain text: script, style and images go, the text and link addresses stay. */
function htmlAsText(html: string, htmlToText: Libraries['htmlToText']): string {
  return htmlToText(html.length > 5_000_000 ? html.slice(0, 5_000_000) : html, HTML_OPTIONS);
}

/**
 * Reads a raw message. Never throws: what cannot be parsed comes back as plain text with a
 * warning for the registrar, and the raw message is kept beside it in any case.
 */
export async function parseInbound(raw: Buffer): Promise<ParsedInbound> {
  const { simpleParser, iconv, htmlToText } = await loadLibraries();
  const warnings: string[] = [];
  const charsets = unknownCharsets(raw, iconv);
  if (charsets.length) warnings.push(sv('mailin.warning.unknownCharset', { charsets: charsets.join(', ') }));
  const { message, recoded } = headersAsUtf8(raw);
  if (recoded) warnings.push(sv('mailin.warning.rawHeaders'));
  try {
    const p = await simpleParser(message, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
    const parsed = fromParsed(p, raw, warnings, htmlToText);
    if (/^multipart\//.test(parsed.contentType) && !/boundary=/i.test(p.headerLines.find((l) => l.key === 'content-type')?.line ?? '')) {
      warnings.push(sv('mailin.warning.noBoundary'));
    }
    if (parsed.text.trim() === '' && !p.html && parsed.attachments.length === 0 && raw.length > 0) {
      warnings.push(sv('mailin.warning.noText'));
    }
    return parsed;
  } catch {
    // mailparser is lenient; this is for input it gives up on. Keep what a person can read.
    const text = message.toString('utf8');
    const split = text.search(/\r?\n\r?\n/);
    const head = split >= 0 ? text.slice(0, split) : '';
    const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
    const from = header('from')?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0]?.toLowerCase() ?? null;
    warnings.push(sv('mailin.warning.unparsable'));
    const messageId = header('message-id')?.match(MESSAGE_ID)?.[0] ?? null;
    return {
      messageId,
      key: messageId ?? `sha256:${sha256(raw).toString('hex')}`,
      inReplyTo: header('in-reply-to')?.match(MESSAGE_ID)?.[0] ?? null,
      references: header('references')?.match(MESSAGE_ID) ?? [],
      from: from ? { address: from, name: null } : null,
      toText: header('to'),
      subject: header('subject') ?? '',
      text: split >= 0 ? text.slice(split).trim() : text,
      headers: new Map(),
      contentType: 'text/plain',
      attachments: [],
      reportParts: [],
      warnings,
    };
  }
}

/** Every Message-ID-like token in a text (the quoted original in a bounce), at most `limit`. */
export function messageIdsIn(text: string, limit = 50): string[] {
  return [...new Set(text.match(MESSAGE_ID) ?? [])].slice(0, limit);
}
