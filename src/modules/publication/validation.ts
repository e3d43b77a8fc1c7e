import { sv } from '../../platform/i18n/catalogue.ts';
import type { RedactionChoices } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { EXTRA_KINDS, MAX_EXTRA_LENGTH, MAX_EXTRAS, isExtraKind, type Proposal } from './draft.ts';
import type { PublicText } from './commands.ts';
import { firstString } from '../../platform/formValue.ts';
import { hasPrivateLink } from './privateLinks.ts';

export const MAX_TITLE = 150;
export const MAX_TEXT = 10_000;
export const MAX_REASON = 1_000;

/** The draft form as posted, strings as typed: shown back as they were when something is wrong. */
export interface DraftForm {
  action: 'uppdatera' | 'spara' | 'publicera';
  revision: string;
  title: string;
  question: string;
  answer: string;
  generatedQuestion: string;
  generatedAnswer: string;
  /** Finding keys the person left marked for removal. */
  redact: string[];
  /** Extra removals as "kind:text", those still checked. */
  extra: string[];
  newExtraText: string;
  newExtraKind: string;
  replaceEdited: boolean;
  confirmRemaining: boolean;
}

const list = (v: unknown) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
// Browsers send CRLF from textareas; the texts are stored and compared with LF.
const text = (v: unknown) => firstString(v).replace(/\r\n?/g, '\n');

export function readDraftForm(body: unknown): DraftForm {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const action = firstString(b.action);
  return {
    action: action === 'spara' || action === 'publicera' ? action : 'uppdatera',
    revision: firstString(b.revision),
    title: text(b.title),
    question: text(b.question),
    answer: text(b.answer),
    generatedQuestion: text(b.generatedQuestion),
    generatedAnswer: text(b.generatedAnswer),
    redact: list(b.redact).slice(0, 2000),
    extra: list(b.extra).slice(0, MAX_EXTRAS + 1),
    newExtraText: firstString(b.newExtraText).trim(),
    newExtraKind: firstString(b.newExtraKind),
    replaceEdited: firstString(b.replaceEdited) === 'ja',
    confirmRemaining: firstString(b.confirmRemaining) === 'ja',
  };
}

export function parseRevision(v: string): number | undefined {
  return /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

export const extraValue = (x: { kind: string; text: string }) => `${x.kind}:${x.text}`;

export function parseExtras(values: readonly string[]): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  for (const v of values) {
    const i = v.indexOf(':');
    const kind = v.slice(0, i);
    const t = v.slice(i + 1).trim();
    if (i > 0 && isExtraKind(kind) && t && t.length <= MAX_EXTRA_LENGTH && !out.some((x) => x.text.toLowerCase() === t.toLowerCase())) out.push({ kind, text: t });
  }
  return out.slice(0, MAX_EXTRAS);
}

/** A new removal typed by the person: checked, and added to the extras when it is fine. */
export function newExtraError(form: DraftForm, originals: { question: string; answer: string }, occursIn: (text: string, phrase: string) => boolean): string | undefined {
  const t = form.newExtraText;
  if (!t) return undefined;
  if (t.length > MAX_EXTRA_LENGTH) return sv('publication.validation.extraTooLong', { max: String(MAX_EXTRA_LENGTH) });
  if (!(EXTRA_KINDS as readonly string[]).includes(form.newExtraKind)) return sv('publication.validation.extraKind');
  if (!occursIn(originals.question, t) && !occursIn(originals.answer, t)) return sv('publication.validation.extraNotFound', { text: t });
  if (parseExtras(form.extra).length >= MAX_EXTRAS) return sv('publication.validation.tooManyExtras', { max: String(MAX_EXTRAS) });
  return undefined;
}

/**
 * The person's choices as stored with a version: which findings they kept (every finding the
 * form showed and they unmarked) and what they added.
 */
export function choicesFrom(proposalBefore: Proposal, form: DraftForm): RedactionChoices {
  const marked = new Set(form.redact);
  const keep = proposalBefore.findings.filter((f) => !f.added && !f.locked && !marked.has(f.key)).map((f) => f.key);
  const extra = parseExtras(form.extra);
  if (form.newExtraText && isExtraKind(form.newExtraKind)) extra.push({ kind: form.newExtraKind, text: form.newExtraText });
  return { keep, extra };
}

export function validateText(form: Pick<DraftForm, 'title' | 'question' | 'answer'>): { ok: true; value: PublicText } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  const question = form.question.trim();
  const answer = form.answer.trim();
  if (!title) errors.title = sv('publication.validation.titleMissing');
  else if ([...title].length > MAX_TITLE) errors.title = sv('publication.validation.titleTooLong', { max: String(MAX_TITLE) });
  else if (/\n/.test(title)) errors.title = sv('publication.validation.titleOneLine');
  if (!question) errors.question = sv('publication.validation.questionMissing');
  else if ([...question].length > MAX_TEXT) errors.question = sv('publication.validation.questionTooLong', { max: MAX_TEXT });
  if (!answer) errors.answer = sv('publication.validation.answerMissing');
  else if ([...answer].length > MAX_TEXT) errors.answer = sv('publication.validation.answerTooLong', { max: MAX_TEXT });
  for (const [field, value] of [['title', title], ['question', question], ['answer', answer]] as const) {
    if (!errors[field] && hasPrivateLink(value)) errors[field] = sv('publication.validation.privateLink');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title, question, answer } };
}

export function validateReason(reason: string): string | undefined {
  if (!reason.trim()) return sv('publication.validation.reasonMissing');
  if ([...reason].length > MAX_REASON) return sv('publication.validation.reasonTooLong', { max: MAX_REASON });
  return undefined;
}

