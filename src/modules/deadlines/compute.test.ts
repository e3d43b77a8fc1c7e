import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar.ts';
import { computeDeadlines, DEFAULT_POLICY, extendForPause, validatePolicy } from './compute.ts';

const cal = new WorkingCalendar();

describe('deadlines', () => {
  it('gives the example of the issue: received Tuesday 2026-12-22 → 2026-12-28 and 2027-01-12', () => {
    expect(computeDeadlines(cal, '2026-12-22', DEFAULT_POLICY)).toEqual({ acknowledgeBy: '2026-12-28', answerBy: '2027-01-12' });
  });

  it('counts across Easter', () => {
    // Skärtorsdag 2026-04-02 is a working day; långfredag to annandag påsk are not.
    expect(computeDeadlines(cal, '2026-04-01', DEFAULT_POLICY)).toEqual({ acknowledgeBy: '2026-04-07', answerBy: '2026-04-17' });
  });

  it('counts across midsommar', () => {
    expect(computeDeadlines(cal, '2026-06-17', DEFAULT_POLICY).acknowledgeBy).toBe('2026-06-22');
  });

  it('counts the day of receipt as day 0 even when it is a day off (DOMAIN rule 13)', () => {
    // Saturday 2030-11-02 (alla helgons dag): day 1 is Monday 11-04.
    expect(computeDeadlines(cal, '2030-11-02', DEFAULT_POLICY)).toEqual({ acknowledgeBy: '2030-11-05', answerBy: '2030-11-15' });
    // Saturday 2026-11-28: day 1 is Monday 11-30.
    expect(computeDeadlines(cal, '2026-11-28', DEFAULT_POLICY)).toEqual({ acknowledgeBy: '2026-12-01', answerBy: '2026-12-11' });
    // Sunday is day 0 too: the same dates as Saturday.
    expect(computeDeadlines(cal, '2026-11-29', DEFAULT_POLICY)).toEqual({ acknowledgeBy: '2026-12-01', answerBy: '2026-12-11' });
    // Received on a holiday (juldagen 2026-12-25, a Friday): day 1 is Monday 12-28.
    expect(computeDeadlines(cal, '2026-12-25', DEFAULT_POLICY).acknowledgeBy).toBe('2026-12-29');
    // Received on a Friday: day 1 is Monday, so a Saturday receipt gives the same dates as a Friday one.
    expect(computeDeadlines(cal, '2026-11-27', DEFAULT_POLICY)).toEqual(computeDeadlines(cal, '2026-11-28', DEFAULT_POLICY));
  });

  it("honours an organization's closure days", () => {
    const withKlamdag = new WorkingCalendar(new Set(['2026-05-15']));
    expect(computeDeadlines(withKlamdag, '2026-05-13', DEFAULT_POLICY).acknowledgeBy).toBe('2026-05-19');
    expect(computeDeadlines(cal, '2026-05-13', DEFAULT_POLICY).acknowledgeBy).toBe('2026-05-18');
  });

  it('expresses Ale: answer within 7 calendar days', () => {
    expect(computeDeadlines(cal, '2026-12-22', { acknowledgeWorkingDays: 2, answerDays: 7, answerUnit: 'calendar' }).answerBy).toBe('2026-12-29');
  });

  it('moves the answer date by the working days spent waiting for the submitter', () => {
    // Paused Monday 2027-01-04, resumed Friday 2027-01-08: Tue, Thu, Fri are working days (6th is trettondedag).
    expect(extendForPause(cal, '2027-01-12', '2027-01-04', '2027-01-08')).toBe('2027-01-15');
    expect(extendForPause(cal, '2027-01-12', '2027-01-04', '2027-01-04')).toBe('2027-01-12');
  });

  it('refuses an invalid policy with clear messages', () => {
    expect(validatePolicy({ acknowledgeWorkingDays: 0, answerDays: -3, answerUnit: 'weeks' })).toEqual({
      acknowledgeWorkingDays: expect.stringContaining('minst 1'),
      answerDays: expect.stringContaining('minst 1'),
      answerUnit: expect.any(String),
    });
    expect(validatePolicy(DEFAULT_POLICY)).toEqual({});
  });
});
