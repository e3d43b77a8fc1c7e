import { sv } from '../../platform/i18n/catalogue.ts';
import type { RedactionChoices } from '../../db/schema.ts';
import { FINDING_KINDS, LABELS, findPersonalData, redact, type Finding, type FindingKind } from '../deidentify/index.ts';
import { neverPublished, occurrences, type SubmitterContact } from './guard.ts';

export { occurrences } from './guard.ts';

/**
 * The proposed public version of a case: the original question and answer with what the
 * de-identification found taken out, as the person has adjusted it (findings kept, more text
 * removed). Pure; the originals are never changed, only read.
 */

export const DRAFT_FIELDS = ['question', 'answer'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
export const FIELD_LABEL: Record<DraftField, string> = { question: sv('publication.field.question'), answer: sv('publication.field.answer') };

/** Kinds a person can choose for text they remove themselves (one per label: samordningsnummer reads as personnummer). */
export const EXTRA_KINDS: readonly FindingKind[] = FINDING_KINDS.filter((k) => k !== 'samordningsnummer' && k !== 'postal_code');
export const MAX_EXTRAS = 50;
export const MAX_EXTRA_LENGTH = 200;

export interface Originals {
  question: string;
  answer: string;
}

/** One finding as the page shows it: where, what, and whether the person keeps it in the text. */
export interface ShownFinding extends Finding {
  key: string;
  field: DraftField;
  /** The original text of the span (only for staff who may see the original). */
  value: string;
  kept: boolean;
  /** Added by the person rather than found by the software. */
  added: boolean;
  /** Never published (guard.ts): always removed, the person cannot keep it. */
  locked: boolean;
}

export interface Proposal {
  findings: ShownFinding[];
  /** The redacted texts: what the person starts from. */
  texts: Originals;
}

export const findingKey = (field: DraftField, f: Pick<Finding, 'start' | 'end'>) => `${field}:${f.start}:${f.end}`;

export const isExtraKind = (k: string): k is FindingKind => (EXTRA_KINDS as readonly string[]).includes(k);

const inside = (a: { start: number; end: number }, b: { start: number; end: number }) => b.start <= a.start && a.end <= b.end;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The findings of both texts with the person's choices applied, and the texts that result.
 * `keep` is the organization's own published contact details, which are never proposed.
 * `contact` is the submitter's own: with valid identity numbers, what is never published
 * (guard.ts), so it is always removed and shown as such, whatever the choices say.
 */
export function propose(originals: Originals, choices: RedactionChoices, keep: readonly string[], contact: SubmitterContact | null = null): Proposal {
  const kept = new Set(choices.keep ?? []);
  const findings: ShownFinding[] = [];
  const texts = { question: '', answer: '' };
  for (const field of DRAFT_FIELDS) {
    const original = originals[field];
    const never = neverPublished(original, contact);
    const detected = findPersonalData(original, { keep: [...keep] });
    // What the detector found in a slightly different span stays its finding, locked; the rest is added.
    const found: Finding[] = [...detected, ...never.filter((n) => !detected.some((d) => inside(n, d)))];
    const added: Finding[] = (choices.extra ?? [])
      .filter((x) => isExtraKind(x.kind))
      .flatMap((x) => occurrences(original, x.text).map((o) => ({ kind: x.kind as FindingKind, ...o })))
      // What the software already found stays its finding; an addition covers the rest.
      .filter((a) => !found.some((f) => f.start <= a.start && a.end <= f.end));
    for (const f of found) {
      const locked = never.some((n) => overlaps(n, f));
      findings.push({ ...f, field, key: findingKey(field, f), value: original.slice(f.start, f.end), kept: !locked && kept.has(findingKey(field, f)), added: false, locked });
    }
    for (const f of added) findings.push({ ...f, field, key: findingKey(field, f), value: original.slice(f.start, f.end), kept: false, added: true, locked: false });
    texts[field] = redact(
      original,
      findings.filter((f) => f.field === field && !f.kept),
    );
  }
  findings.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'question' ? -1 : 1));
  return { findings, texts };
}

/** A title to start from: the first sentence of the redacted question, shortened at a word. */
export function suggestedTitle(question: string, max = 90): string {
  const first = question.trim().split(/(?<=[.!?])\s|\n/)[0]?.trim() ?? '';
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trim()} …`;
}

/**
 * What the person chose to remove but is in the final text all the same (typed back in, or
 * pasted from the original): publishing it would undo their own review.
 */
export function removedButPresent(proposal: Proposal, finalTexts: readonly string[]): string[] {
  // Locked findings are refused by the guard instead (checkPublicText), with their own message.
  const values = new Set(proposal.findings.filter((f) => !f.kept && !f.locked && f.value.trim().length >= 2).map((f) => f.value.trim()));
  const keptValues = new Set(proposal.findings.filter((f) => f.kept).map((f) => f.value.trim().toLowerCase()));
  return [...values].filter((v) => !keptValues.has(v.toLowerCase()) && finalTexts.some((t) => occurrences(t, v).length > 0));
}

export const labelOf = (kind: FindingKind) => LABELS[kind];
