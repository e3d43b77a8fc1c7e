import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_KINDS, type Finding, type FindingKind } from '../types.ts';

/** One labelled feedback text: the plain text and where its personal data is. */
export interface LabelledText {
  id: string;
  language: string;
  text: string;
  gold: Finding[];
}

const KINDS: Record<string, FindingKind> = {
  name: 'name',
  pnr: 'personnummer',
  snr: 'samordningsnummer',
  phone: 'phone',
  email: 'email',
  addr: 'address',
  postal: 'postal_code',
  reg: 'vehicle',
  bank: 'bank_account',
};

const MARK = /\[\[(\w+):([^\]]+)\]\]/g;

/** Parses "### id lang" blocks with [[kind:text]] marks into texts and gold findings. */
export function parseCorpus(source: string): LabelledText[] {
  const out: LabelledText[] = [];
  for (const block of source.split(/^### /m).slice(1)) {
    const newline = block.indexOf('\n');
    const [id = '', language = ''] = block.slice(0, newline).trim().split(/\s+/);
    const marked = block.slice(newline + 1).replace(/\n+$/, '');
    const gold: Finding[] = [];
    let text = '';
    let at = 0;
    for (const m of marked.matchAll(MARK)) {
      const kind = KINDS[m[1]!];
      if (!kind) throw new Error(`${id}: unknown kind ${m[1]}`);
      text += marked.slice(at, m.index);
      gold.push({ kind, start: text.length, end: text.length + m[2]!.length });
      text += m[2];
      at = m.index! + m[0].length;
    }
    text += marked.slice(at);
    out.push({ id, language, text, gold });
  }
  return out;
}

/** Every labelled text in this folder. */
export function loadCorpus(dir = dirname(fileURLToPath(import.meta.url))): LabelledText[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseCorpus(readFileSync(join(dir, f), 'utf8')));
}

export interface KindScore {
  gold: number;
  recalled: number;
  predicted: number;
  correct: number;
}

export interface Evaluation {
  byKind: Record<FindingKind, KindScore>;
  overall: KindScore;
  /** Missed gold spans and wrong findings, for reading. */
  misses: { id: string; kind: FindingKind; text: string }[];
  wrong: { id: string; kind: FindingKind; text: string }[];
}

const overlaps = (a: Finding, b: Finding) => a.start < b.end && b.start < a.end;

/**
 * Scores findings against the gold spans. A gold span is recalled when a finding of the same kind
 * overlaps it; a finding is correct when it overlaps a gold span of the same kind. Overlap rather
 * than exact bounds, as a reviewer sees it: "Annas" for "Anna" still hides her.
 */
export function evaluate(texts: LabelledText[], detect: (text: string) => Finding[]): Evaluation {
  const empty = (): KindScore => ({ gold: 0, recalled: 0, predicted: 0, correct: 0 });
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, empty()])) as Record<FindingKind, KindScore>;
  const overall = empty();
  const misses: Evaluation['misses'] = [];
  const wrong: Evaluation['wrong'] = [];
  for (const t of texts) {
    const found = detect(t.text);
    for (const g of t.gold) {
      const hit = found.some((f) => f.kind === g.kind && overlaps(f, g));
      byKind[g.kind].gold++;
      overall.gold++;
      if (hit) {
        byKind[g.kind].recalled++;
        overall.recalled++;
      } else misses.push({ id: t.id, kind: g.kind, text: t.text.slice(g.start, g.end) });
    }
    for (const f of found) {
      const ok = t.gold.some((g) => g.kind === f.kind && overlaps(f, g));
      byKind[f.kind].predicted++;
      overall.predicted++;
      if (ok) {
        byKind[f.kind].correct++;
        overall.correct++;
      } else wrong.push({ id: t.id, kind: f.kind, text: t.text.slice(f.start, f.end) });
    }
  }
  return { byKind, overall, misses, wrong };
}

export const recall = (s: KindScore) => (s.gold === 0 ? 1 : s.recalled / s.gold);
export const precision = (s: KindScore) => (s.predicted === 0 ? 1 : s.correct / s.predicted);
