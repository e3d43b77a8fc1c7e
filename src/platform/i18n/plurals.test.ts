import { describe, expect, it } from 'vitest';
import { readStaffCatalogue, sv } from './catalogue.ts';
import { countOf } from './countOf.ts';

/** "1 ärenden" (walk-through 2): a count shown with a noun takes the singular for one. */

describe('counts in Swedish', () => {
  it('countOf gives the singular for one and the plural otherwise', () => {
    expect([0, 1, 2].map((n) => countOf(n, 'ärende', 'ärenden'))).toEqual(['0 ärenden', '1 ärende', '2 ärenden']);
  });

  it('the staff catalogue inflects what a count is of', () => {
    expect(sv('gdpr.review.pseudonymiseButton', { count: 1 })).toBe('Pseudonymisera kontaktuppgifterna i 1 avslutat ärende');
    expect(sv('gdpr.review.pseudonymiseButton', { count: 2 })).toBe('Pseudonymisera kontaktuppgifterna i 2 avslutade ärenden');
    expect(sv('gdpr.erasure.opened', { kind: 'e-post', masked: 'a…@example.se', count: 1 })).toBe('Begäran om radering (e-post a…@example.se): granskning av 1 ärende');
    expect(sv('earchive.confirm.logged', { count: 1, year: 2025, receipt: 'KA 1' })).toBe('Arkivet kvitterade leveranspaketet med 1 ärende avslutat 2025 (KA 1)');
    expect(sv('admin.category.caseCount', { n: 1 })).toBe('1 ärende har kategorin. Ett nytt namn visas också i det.');
    expect(sv('mailin.link.afterClose', { days: '1' })).toBe('Svar på ett ärende som avslutades för mer än 1 dag sedan');
    expect(sv('statistics.report.measuresCount', { count: 1, cases: 1 })).toBe('1 åtgärd registrerades i 1 ärende som avslutades under perioden.');
    expect(sv('retention.run.logged', { decision: 'KS 1', total: 1, dueOn: '2026-12-01' })).toBe('Gallring enligt beslut KS 1: 1 ärende som var att gallra 2026-12-01');
  });

  it('no staff message puts a bare count before a noun that has a singular', () => {
    // A placeholder straight before one of these words, outside a {…, plural, …}, reads "1 ärenden".
    const bare = /\{\w+\} (ärenden|avslutade|bevarade|dagar|personer|meddelanden|enheter|underenheter|åtgärder)\b/;
    const found = [...readStaffCatalogue('sv').values()].flatMap((messages) => Object.entries(messages).filter(([, text]) => bare.test(text.replace(/\{\w+, plural,[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '')))).map(([key]) => key);
    // Counts that are never one: limits and thresholds set in code (högst 50, färre än 5, mer än 30),
    // a range of days, and a count inside the plural's own "other" branch.
    expect(found.filter((k) => !['mailin.afterClose.text', 'statistics.backlog.days', 'triage.error.tooManyCases', 'statistics.export.smallGroups', 'statistics.page.intro', 'statistics.report.sideBySideNote', 'statistics.backlog.moreThan', 'statistics.table.measures.note'].includes(k))).toEqual([]);
  });
});
