// `node bench/profileSummary.ts <file.cpuprofile> [top] [skip seconds]`: where a V8 CPU profile's time went,
// by function (self time) and by area (a package in node_modules, a module of src/, node's
// internals, garbage collection), and the project's own functions with what they call (inclusive).
// Skipping the first seconds leaves start-up out. Profiles come from a benchmark run with BENCH_CPU_PROF=<dir>.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profileSummary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Where a frame's code lives: a package, a module of this project, node itself, or V8's own work. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|bench)\/(modules\/[^/]+|platform|db|[^/]+)/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url;
}

const self = new Map<number, number>();
let total = 0;
let elapsed = 0;
const skipUs = Number(skipArg ?? 0) * 1e6;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  elapsed += dt;
  if (elapsed < skipUs) return;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
});

const fnTime = new Map<string, number>();
/** Inclusive time of the project's own functions (src/, bench/): each counted once per sample. */
const ownInclusive = new Map<string, number>();
const areaTime = new Map<string, number>();
/** Inclusive time per area: a sample counts once for every area on its stack. */
const areaInclusive = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const { functionName, url, lineNumber } = n.callFrame;
  const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}`;
  fnTime.set(key, (fnTime.get(key) ?? 0) + us);
  const a = area(url, functionName);
  areaTime.set(a, (areaTime.get(a) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    seen.add(area(f.url, f.functionName));
  }
  for (const s of seen) areaInclusive.set(s, (areaInclusive.get(s) ?? 0) + us);
  const own = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    if (/\/(src|bench)\//.test(f.url) && !f.url.includes('node_modules')) own.add(`${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}`);
  }
  for (const k of own) ownInclusive.set(k, (ownInclusive.get(k) ?? 0) + us);
}

const busy = total - (areaTime.get('(idle)') ?? 0);
const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)} %`;
console.log(`${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (not idle); shares below are of the busy time\n`);
console.log('By area (self / inclusive):');
for (const [a, us] of [...areaTime].sort((x, y) => y[1] - x[1]).slice(0, 30)) {
  if (a === '(idle)') continue;
  console.log(`  ${pct(us, busy)}  ${pct(areaInclusive.get(a) ?? 0, busy)}  ${a}`);
}
console.log(`\nBy function (self), top ${top}:`);
for (const [k, us] of [...fnTime].sort((x, y) => y[1] - x[1]).slice(0, top)) {
  if (k.startsWith('(idle)')) continue;
  console.log(`  ${pct(us, busy)}  ${k}`);
}
console.log(`\nOwn functions (inclusive), top ${top}:`);
for (const [k, us] of [...ownInclusive].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us, busy)}  ${k}`);
