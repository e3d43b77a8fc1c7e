/**
 * Benchmarks, kept apart from the tests: they take minutes and print rates and ratios measured
 * in one run. `npm run bench` runs them all; `npm run bench -- submissions` runs one.
 * A new benchmark is a module in bench/ exporting `run()`, listed here.
 */
const BENCHMARKS: Record<string, { about: string; run: () => Promise<void> }> = {
  submissions: {
    about: 'citizen submissions per second through POST /synpunkt, against a bare INSERT',
    run: () => import('./submissions.ts').then((m) => m.run()),
  },
  intakeCeiling: {
    about: 'what the database alone allows for intake: the web form\'s command against a bare one-row INSERT, then on a schema stripped step by step to its three rows',
    run: () => import('./intakeCeiling.ts').then((m) => m.run()),
  },
  reminders: {
    about: 'the daily reminder pass over 1 000 000 open cases: time in proportion to the cases due',
    run: () => import('./reminders.ts').then((m) => m.run()),
  },
  caseHandling: {
    about: "the handler's filtered case list and the case page over HTTP, 1 000 000 cases (BENCH_CASES): median and p95 against GET /health",
    run: () => import('./caseHandling.ts').then((m) => m.run()),
  },
  archive: {
    about: 'the public archive /svar over 100 000 published answers: search (stemming, typos), filters, paging and "asked before?" over HTTP, median and p95 against GET /health',
    run: () => import('./archive.ts').then((m) => m.run()),
  },
  deidentify: {
    about: 'de-identification: recall and precision per kind on the labelled corpus, p95 time per 1 000-character text',
    run: () => import('./deidentify.ts').then((m) => m.run()),
  },
  inbound: {
    about: 'mail in: 1 000 mails with a small attachment through the SMTP receiver, cases per second against the web form in the same run',
    run: () => import('./inbound.ts').then((m) => m.run()),
  },
  disposal: {
    about: "disposal of 100 000 due cases among 1 000 000: time, and the handler's list p95 while it runs against at rest",
    run: () => import('./disposal.ts').then((m) => m.run()),
  },
  statistics: {
    about: 'the statistics page over 1 000 000 cases, 10 organizations, 5 years: one organization-year and everything, median and p95',
    run: () => import('./statistics.ts').then((m) => m.run()),
  },
  scaleout: {
    about: 'submissions per second through Caddy to one and to two app instances (compiled, separate worker) on one PostgreSQL, and peak RSS per instance',
    run: () => import('./scaleout.ts').then((m) => m.run()),
  },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available:`);
  for (const [name, { about }] of Object.entries(BENCHMARKS)) console.error(`  ${name.padEnd(14)} ${about}`);
  process.exit(2);
}

for (const name of asked.length > 0 ? asked : Object.keys(BENCHMARKS)) {
  console.log(`\n# ${name}: ${BENCHMARKS[name]!.about}\n`);
  await BENCHMARKS[name]!.run();
}
