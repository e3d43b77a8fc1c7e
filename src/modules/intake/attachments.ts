import type { FastifyRequest } from 'fastify';
import type { MessageKey, Translator, Values } from '../../platform/i18n/catalogue.ts';
import { DomainError } from '../../platform/errors.ts';
import { sha256 } from '../../platform/secrets.ts';
import { withoutImageMetadata } from './imageMetadata.ts';

/** What a citizen may attach to the public form (DOMAIN.md rule 2). */
export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Files a browser might send beyond MAX_FILES are counted and dropped, up to this many, so the person gets a field error. */
const MAX_FILES_SEEN = 10;
const MAX_FILENAME = 200;

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.heic,.doc,.docx,.txt';

/** The content types an attachment is stored and served with; anything else is served as octet-stream. */
export const ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/heic',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
]);

export interface UploadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: Buffer;
}

/** Start bytes, where a file type has them. Only pdf, png and jpeg decide the type by them. */
const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** Extensions trusted together with the type the browser declared (no reliable magic to check). */
const BY_DECLARED: Record<string, { declared: string[]; stored: string }> = {
  heic: { declared: ['image/heic', 'image/heif'], stored: 'image/heic' },
  doc: { declared: ['application/msword'], stored: 'application/msword' },
  docx: {
    declared: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    stored: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  txt: { declared: ['text/plain'], stored: 'text/plain' },
};

/** The type to store the file as, or null when it is not one we take. */
export function detectType(filename: string, declared: string, content: Buffer): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (ext === 'pdf') return startsWith(content, PDF) ? 'application/pdf' : null;
  if (ext === 'png') return startsWith(content, PNG) ? 'image/png' : null;
  if (ext === 'jpg' || ext === 'jpeg') return startsWith(content, JPEG) ? 'image/jpeg' : null;
  const rule = BY_DECLARED[ext];
  if (!rule) return null;
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (!rule.declared.includes(type)) return null;
  // Text must not carry binary content.
  if (ext === 'txt' && content.includes(0)) return null;
  return rule.stored;
}

/** The file's own name without any path, control or format characters, at most 200 characters. */
export function sanitizeFilename(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '').trim();
  const chars = [...name];
  if (chars.length > MAX_FILENAME) {
    const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
    name = chars.slice(0, MAX_FILENAME - ext.length).join('') + ext;
  }
  return name === '' || name === '.' || name === '..' ? 'bilaga' : name;
}

/**
 * One file under the form's rules, wherever it came from (the public form, an e-mail): its name
 * cleaned, its size and its type checked by content. The one place every stored upload passes,
 * so what is done to files before they are kept belongs here. The reason, when refused, is a
 * catalogue message: the form shows it in the reader's language.
 */
export function acceptFile(rawName: string, declaredType: string, content: Buffer): { file: UploadedFile } | { problem: FileProblem } {
  const name = sanitizeFilename(rawName);
  if (content.length > MAX_FILE_BYTES) return { problem: { key: 'attachments.tooLarge', values: { name } } };
  if (content.length === 0) return { problem: { key: 'attachments.empty', values: { name } } };
  const contentType = detectType(name, declaredType, content);
  // Where and with what a photo was taken is not kept (EXIF GPS, XMP); an image that does not parse is not an image.
  const kept = contentType && withoutImageMetadata(contentType, content);
  if (!contentType || !kept) return { problem: { key: 'attachments.wrongType', values: { name } } };
  return { file: { filename: name, contentType, content: kept, sha256: sha256(kept) } };
}

/** Something wrong with the chosen files, as a catalogue message (attachments.*). */
export interface FileProblem {
  key: MessageKey;
  values?: Values;
}

/**
 * What was wrong with the files, in the reader's language, and which types we take when a type
 * was refused: for anyone sending files (the form, an e-service through the API). The problems
 * themselves speak to no one in particular, since staff read them too, about a mail's files.
 */
export function fileProblemText(problems: readonly FileProblem[], i18n: Pick<Translator, 't'>): string {
  const sentences = problems.map((p) => i18n.t(p.key, p.values));
  if (problems.some((p) => p.key === 'attachments.wrongType')) sentences.push(i18n.t('attachments.typesHint', { types: i18n.t('attachments.allowedTypes') }));
  return sentences.join(' ');
}

/** The file problems as one field error on the form, ending with the advice to choose the files again (a browser cannot keep them). */
export function fileErrorText(problems: readonly FileProblem[], i18n: Pick<Translator, 't'>): string {
  return `${fileProblemText(problems, i18n)} ${i18n.t('attachments.chooseAgain')}`;
}

/** Why a multipart body could not be read: 'json' when a part sent as application/json is not JSON (only API clients send such parts). */
export type Unreadable = 'body' | 'json';
type MultipartForm = { fields: Record<string, string | string[]>; files: UploadedFile[]; fileProblems: FileProblem[]; otherFileParts: string[] };

/**
 * Reads a multipart form: the fields in the shape the urlencoded parser gives (a repeated field
 * as an array), and the files in parts named `attachments`, buffered and checked. Problems with
 * the files come back as catalogue messages; files in parts with other names are not read, only
 * named (`otherFileParts`), for the API to refuse. NUL in a field is left for the caller: the
 * citizen form asks the person to look the text over, the API refuses it. A body that cannot be
 * read is the `unreadable` error, worded by the caller: the form's by default.
 */
export async function readMultipartForm(req: FastifyRequest, unreadable: (why: Unreadable) => Error = () => DomainError.citizen('invalid', 'error.unreadable')): Promise<MultipartForm> {
  try {
    return await readParts(req);
  } catch (err) {
    // A body the browser did not make (no boundary, cut off, no part headers) is the sender's mistake: 400, not 500.
    if (err instanceof DomainError || (err as { statusCode?: number }).statusCode === 413) throw err;
    throw unreadable((err as { code?: string }).code === 'FST_INVALID_JSON_FIELD_ERROR' ? 'json' : 'body');
  }
}

async function readParts(req: FastifyRequest): Promise<MultipartForm> {
  const fields: Record<string, string | string[]> = Object.create(null);
  const files: UploadedFile[] = [];
  const problems: FileProblem[] = [];
  const otherFileParts: string[] = [];
  let count = 0;
  // A file over the limit is cut short (`truncated`) rather than failing the request, so the person gets the form back.
  const options = { limits: { files: MAX_FILES_SEEN, fileSize: MAX_FILE_BYTES }, throwFileSizeLimit: false };
  const parts = req.parts(options as Parameters<typeof req.parts>[0]);
  for await (const part of parts) {
    if (part.type === 'field') {
      // A part sent as application/json (the API's case part, as curl -F …;type=application/json
      // sends it) arrives already parsed; the caller gets its text like any other field.
      const value = part.mimetype === 'application/json' && part.value !== null && typeof part.value === 'object' ? JSON.stringify(part.value) : part.value;
      if (typeof value !== 'string') continue;
      const prev = fields[part.fieldname];
      fields[part.fieldname] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      continue;
    }
    if (part.fieldname !== 'attachments') {
      if (!otherFileParts.includes(part.fieldname)) otherFileParts.push(part.fieldname);
      await drain(part.file);
      continue;
    }
    // A file input left empty is sent as a part without a file name and without content.
    if (part.filename === '') {
      await drain(part.file);
      continue;
    }
    count++;
    const name = sanitizeFilename(part.filename);
    if (count > MAX_FILES) {
      await drain(part.file);
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    if (part.file.truncated) {
      problems.push({ key: 'attachments.tooLarge', values: { name } });
      continue;
    }
    const checked = acceptFile(part.filename, part.mimetype, Buffer.concat(chunks));
    if ('problem' in checked) problems.push(checked.problem);
    else files.push(checked.file);
  }
  if (count > MAX_FILES) problems.unshift({ key: 'attachments.tooMany', values: { max: MAX_FILES, count } });
  return { fields, files, fileProblems: problems, otherFileParts };
}

async function drain(stream: AsyncIterable<unknown>) {
  for await (const _ of stream) {
    // discard
  }
}
