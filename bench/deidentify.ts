import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { evaluate, loadCorpus, precision, recall, type LabelledText } from '../src/modules/deidentify/corpus/corpus.ts';
import { FINDING_KINDS } from '../src/modules/deidentify/types.ts';

/**
 * De-identification quality and speed on the labelled corpus (src/modules/deidentify/corpus):
 *
 *  1. recall and precision per kind of personal data (targets: recall 100 % for personnummer,
 *     samordningsnummer, e-mail and phone; ≥ 95 % for names and addresses; precision ≥ 90 % overall);
 *  2. time per 1 000-character text (the corpus cut into 1 000-character pieces, each run many
 *     times): p50 and p95, target p95 ≤ 5 ms, against one regular-expression pass over the same
 *     text measured in the same run;
 *  3. the cost of loading the module (name lists into sets): time and heap.
 */
const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);

/** 1 000-character windows over the whole corpus, a new one every 250 characters. */
function pieces(corpus: LabelledText[], size = 1000, step = 250): string[] {
  const all = corpus.map((t) => t.text).join('\n\n');
  const out: string[] = [];
  for (let at = 0; at + size <= all.length; at += step) out.push(all.slice(at, at + size));
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface Timing {
  /** Every measurement, sorted. */
  all: number[];
  /** Each text's median over the rounds, sorted: a busy machine's preemptions drop out. */
  perText: number[];
}

function time(texts: string[], rounds: number, fn: (t: string) => unknown): Timing {
  const byText: number[][] = texts.map(() => []);
  for (let r = 0; r < rounds; r++) {
    texts.forEach((t, i) => {
      const t0 = performance.now();
      fn(t);
      byText[i]!.push(performance.now() - t0);
    });
  }
  const sort = (xs: number[]) => xs.sort((a, b) => a - b);
  return { all: sort(byText.flat()), perText: sort(byText.map((xs) => quantile(sort(xs), 0.5))) };
}

/** Each text's CPU time (user + system) per call, averaged over rounds run back to back, sorted. */
function cpuTime(texts: string[], rounds: number, fn: (t: string) => unknown): number[] {
  return texts
    .map((t) => {
      const c0 = process.cpuUsage();
      for (let r = 0; r < rounds; r++) fn(t);
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000 / rounds;
    })
    .sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const { deidentify, findPersonalData } = await import('../src/modules/deidentify/index.ts');
  deidentify('Hej, jag heter Anna.');
  const loadMs = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const corpus = loadCorpus();
  const result = evaluate(corpus, (text) => findPersonalData(text));
  console.log(`corpus: ${corpus.length} texts, ${result.overall.gold} labelled spans\n`);
  console.log(`${'kind'.padEnd(18)} ${'labelled'.padStart(8)} ${'recall'.padStart(8)} ${'precision'.padStart(9)}`);
  for (const kind of FINDING_KINDS) {
    const s = result.byKind[kind];
    console.log(`${kind.padEnd(18)} ${String(s.gold).padStart(8)} ${pct(recall(s))} ${pct(precision(s)).padStart(9)}`);
  }
  console.log(`${'overall'.padEnd(18)} ${String(result.overall.gold).padStart(8)} ${pct(recall(result.overall))} ${pct(precision(result.overall)).padStart(9)}`);
  for (const m of result.misses) console.log(`  missed ${m.kind} in ${m.id}: ${m.text.length} chars`);
  console.log(`  ${result.wrong.length} findings that are not labelled`);

  const texts = pieces(corpus);
  const baseline = /\b\w+@\w+\.\w+\b|\d{6}-\d{4}/g;
  time(texts, 3, (t) => deidentify(t)); // warm up
  const times = time(texts, 10, (t) => deidentify(t));
  const base = time(texts, 10, (t) => t.match(baseline));
  const cpu = cpuTime(texts, 10, (t) => deidentify(t));
  const p95 = quantile(times.perText, 0.95);
  const baseP95 = quantile(base.perText, 0.95);
  console.log(`\ntime per 1 000-character text (${texts.length} texts × 10 rounds; p95 over the texts of each text's median):`);
  console.log(`  deidentify   p50 ${quantile(times.perText, 0.5).toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  slowest text ${times.perText.at(-1)!.toFixed(3)} ms`);
  console.log(`  one regex    p50 ${quantile(base.perText, 0.5).toFixed(3)} ms  p95 ${baseP95.toFixed(3)} ms`);
  console.log(`  CPU time     p50 ${quantile(cpu, 0.5).toFixed(3)} ms  p95 ${quantile(cpu, 0.95).toFixed(3)} ms  (process CPU time, not affected by waiting for a core)`);
  console.log(`  every single call: p95 ${quantile(times.all, 0.95).toFixed(3)} ms, max ${times.all.at(-1)!.toFixed(3)} ms`);
  const cpuP95 = quantile(cpu, 0.95);
  console.log(`  p95 is ${(p95 / baseP95).toFixed(0)}× one regex pass; against the 5 ms target: CPU time ${((cpuP95 / 5) * 100).toFixed(0)} %, wall time ${((p95 / 5) * 100).toFixed(0)} %`);
  console.log(`  (load average ${loadavg()[0]!.toFixed(1)} on this machine while measuring: times are inflated when it is busy)`);
  console.log(`\nloading the module and its name lists: ${loadMs.toFixed(0)} ms, ${heapMb.toFixed(1)} MB heap`);
}
