import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { buildOrg, snapshot, type OrgFixture } from '../../../test/factories.ts';
import { retentionCommand, retentionInput } from '../../cli/retention.ts';
import { CliError } from '../../cli/common.ts';
import { dueByDelivery, dueByRule, dueSummary } from './due.ts';
import { rulesWithText } from './disposal.ts';
import { dueDay, ruleFor, type Rule } from './schedule.ts';
import { retentionCases, type RetentionCases } from './testFixture.ts';

let t: TestDatabase;
let org: OrgFixture;
let c: RetentionCases;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await buildOrg(t.db);
  c = await retentionCases(t.db, { id: org.id, unitId: org.unit('Gata och park'), areaId: org.area() });
});
afterAll(() => t.drop());

const numbersDue = async (day: string) => {
  const rules = await rulesWithText(t.db, org.id);
  return [...(await dueByRule(t.db, org.id, day, rules, { limit: 1000 })), ...(await dueByDelivery(t.db, org.id, day, rules, { limit: 1000 }))].map((r) => r.number).sort();
};

describe('what is due, across the years', () => {
  it('nothing in 2027: two years have not passed for anything', async () => {
    expect(await numbersDue('2027-12-31')).toEqual([]);
  });

  it('routine cases two years after closing, and no sooner: the day itself counts', async () => {
    expect(await numbersDue('2028-11-19')).toEqual([]);
    expect(await numbersDue('2028-11-20')).toEqual([c.referredOld.number]);
    expect(await numbersDue('2028-12-10')).toEqual([c.routineOld.number, c.referredOld.number].sort());
  });

  it('never open, held, kept or unclassified cases; the young one when its time comes', async () => {
    const due = await numbersDue('2029-03-01');
    expect(due).toEqual([c.routineOld.number, c.referredOld.number].sort());
    for (const never of [c.open, c.held, c.importantOld, c.unclassified, c.routineYoung]) expect(due).not.toContain(never.number);
    expect(await numbersDue('2029-06-15')).toContain(c.routineYoung.number);
    expect(await numbersDue('2040-01-01')).not.toContain(c.importantOld.number);
  });

  it('sums up what is due and what is kept back', async () => {
    const rules = await rulesWithText(t.db, org.id);
    const s = await dueSummary(t.db, org.id, '2029-03-01', rules);
    expect(s).toMatchObject({ total: 2, delivered: 0, held: 1, unclassified: 1 });
    const routine = rules.find((r) => r.significance === 'routine')!;
    expect(s.byRule[routine.id]).toBe(2);
    // Important cases closed in 2026 are due for delivery five years later.
    expect((await dueSummary(t.db, org.id, '2031-12-10', rules)).deliveryDue).toBe(1);
  });

  it('a more specific rule wins: kept complaints about one area', async () => {
    const rules: Rule[] = [
      { id: 'a', significance: 'routine', kind: null, areaId: null, action: 'dispose', years: 2, decisionRef: 'x' },
      { id: 'b', significance: 'routine', kind: 'klagomal', areaId: null, action: 'dispose', years: 5, decisionRef: 'x' },
      { id: 'c', significance: 'routine', kind: 'klagomal', areaId: 'area-1', action: 'keep', years: 10, decisionRef: 'x' },
    ];
    expect(ruleFor(rules, { significance: 'routine', kind: 'fraga', areaId: 'area-1' })?.id).toBe('a');
    expect(ruleFor(rules, { significance: 'routine', kind: 'klagomal', areaId: 'area-2' })?.id).toBe('b');
    expect(ruleFor(rules, { significance: 'routine', kind: 'klagomal', areaId: 'area-1' })?.id).toBe('c');
    expect(ruleFor(rules, { significance: null, kind: 'klagomal', areaId: 'area-1' })).toBeUndefined();
    expect(dueDay('2028-02-29', 2)).toBe('2030-02-28');
  });
});

describe('npm run cli -- retention (dry run)', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, out: { info: () => {}, result: (l: string) => lines.push(l) } };
  };

  it('prints one due number per line, then a summary, and changes nothing', async () => {
    const before = await Promise.all(Object.values(c).map((x) => snapshot(t.db, x.id)));
    const { lines, out } = capture();
    await retentionCommand(t.db, retentionInput({ org: org.slug }), out, () => new Date('2029-03-01T08:00:00Z'));
    const blank = lines.indexOf('');
    expect(lines.slice(0, blank).sort()).toEqual([c.routineOld.number, c.referredOld.number].sort());
    expect(lines.slice(blank + 1).join('\n')).toMatch(/2 ärenden att gallra[\s\S]*1 med bevarandestopp, 1 avslutat utan betydelse/);
    expect(await Promise.all(Object.values(c).map((x) => snapshot(t.db, x.id)))).toEqual(before);
    expect(await t.db.selectFrom('disposal_runs').select('id').execute()).toEqual([]);
  });

  it('refuses --execute without a decision, and a decision without --execute', () => {
    expect(() => retentionInput({ org: org.slug, execute: true })).toThrow(CliError);
    expect(() => retentionInput({ org: org.slug, execute: true, decision: '  ' })).toThrow(/--decision krävs/);
    expect(() => retentionInput({ org: org.slug, decision: 'KS 1' })).toThrow(/bara med --execute/);
  });
});
