import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { fixedClock, swedishDate } from '../../platform/clock.ts';
import { DEMO_CASES } from './demoCases.ts';
import { prepareDemo } from './demoStartup.ts';

/** The cases as stored, oldest first, with what the demo promises about them. */
async function storedCases(t: TestDatabase) {
  return t.db
    .selectFrom('cases as c')
    .select(['c.id', 'c.number', 'c.status', 'c.description', 'c.received_at', 'c.anonymous', 'c.channel', 'c.answer_by', 'c.handler_id', 'c.acknowledged_at'])
    .select((eb) => eb.selectFrom('case_events as e').whereRef('e.case_id', '=', 'c.id').where('e.type', '=', 'received').select(eb.fn.countAll<number>().as('n')).as('received_events'))
    .orderBy('c.received_at')
    .execute();
}

async function demoFor(now: string) {
  const t = await createTestDatabase(4);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await prepareDemo(t.db, { clock: fixedClock(now) });
    return { t, lines: log.mock.calls.map((c) => String(c[0])) };
  } finally {
    log.mockRestore();
  }
}

describe('the demo sample cases', () => {
  // A Wednesday afternoon in Stockholm.
  const NOW = '2026-12-02T15:00:00Z';
  let t: TestDatabase;
  let lines: string[];
  beforeAll(async () => {
    ({ t, lines } = await demoFor(NOW));
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('leaves each case in the status it was meant to have, numbered in the order they came', async () => {
    const rows = await storedCases(t);
    expect(rows).toHaveLength(DEMO_CASES.length);
    for (const c of DEMO_CASES) {
      const row = rows.find((r) => r.description === c.description);
      expect(row?.status, c.description.slice(0, 40)).toBe(c.expected);
      expect(Number(row?.received_events), row?.number).toBe(1);
    }
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect([...numbers].sort()).toEqual(numbers);
    expect(lines.at(-1)).toBe(`${DEMO_CASES.length} exempelsynpunkter har lagts in, med olika status, för registratorn och handläggarna.`);
  });

  it('spreads over a registrar’s and handlers’ day: inbox, handlers, waiting, answered, closed, anonymous, overdue', async () => {
    const rows = await storedCases(t);
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered', 'closed', 'referred']) expect(statuses, s).toContain(s);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['web', 'phone', 'letter', 'visit']));
    expect(rows.filter((r) => r.anonymous)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.handler_id).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
    const today = swedishDate(new Date(NOW));
    const overdue = rows.filter((r) => ['registered', 'assigned', 'in_progress'].includes(r.status) && r.answer_by! < today);
    expect(overdue.map((r) => r.channel)).toEqual(['visit']);
    expect(rows[0]!.received_at.getTime()).toBeLessThan(new Date(NOW).getTime() - 21 * 86_400_000);
  });

  it('happened in the past, with the mail the steps caused kept in the outbox and the acknowledgements sent when assigned', async () => {
    const late = await t.db.selectFrom('case_events').select(['type', 'occurred_at']).where('occurred_at', '>', new Date(NOW)).execute();
    expect(late).toEqual([]);
    const messages = await t.db.selectFrom('messages').select(['status', 'transport', 'purpose', 'channel']).execute();
    expect(messages.filter((m) => m.channel === 'email').every((m) => m.status === 'sent' && m.transport === 'outbox')).toBe(true);
    expect(messages.filter((m) => m.purpose === 'acknowledgement').length).toBeGreaterThanOrEqual(5);
    expect(messages.filter((m) => m.purpose === 'question')).toHaveLength(2);
    const assignedByWeb = (await storedCases(t)).filter((r) => r.channel === 'web' && r.handler_id);
    expect(assignedByWeb.filter((r) => !r.acknowledged_at).map((r) => r.number)).toEqual([]);
  });

  it('adds nothing on a second start', async () => {
    const before = (await storedCases(t)).length;
    await prepareDemo(t.db, { clock: fixedClock(NOW) });
    expect((await storedCases(t)).length).toBe(before);
    expect(await t.db.selectFrom('organizations').select('id').execute()).toHaveLength(1);
  });
});

describe('the demo started early on a Monday after the holidays', () => {
  it('dates the cases on working days and none in the future', async () => {
    // 05:30 in Stockholm on Monday 11 January 2027: the weeks before hold Christmas, New Year and Epiphany.
    const now = '2027-01-11T04:30:00Z';
    const { t } = await demoFor(now);
    try {
      const rows = await storedCases(t);
      expect(rows.map((r) => r.status).sort()).toEqual(DEMO_CASES.map((c) => c.expected).sort());
      expect(rows.every((r) => r.received_at.getTime() < new Date(now).getTime())).toBe(true);
      // Cases of last year keep last year's numbers.
      expect(rows.some((r) => r.number.includes('-2026-'))).toBe(true);
      for (const r of rows.filter((x) => x.received_at < new Date('2027-01-11T00:00:00Z'))) {
        expect(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01', '2027-01-06'], r.number).not.toContain(swedishDate(r.received_at));
      }
    } finally {
      await t.drop();
    }
  });
});
