import { describe, expect, it } from 'vitest';
import { swedishDaysOff, WorkingCalendar } from './calendar.ts';

// Official dates (allmänna helgdagar per lag 1989:253, plus midsommarafton, julafton, nyårsafton).
const MOVABLE: Record<number, { langfredag: string; pask: string; annandagPask: string; kristiHimmelsfard: string; pingst: string; midsommarafton: string; midsommardagen: string; allaHelgons: string }> = {
  2024: { langfredag: '2024-03-29', pask: '2024-03-31', annandagPask: '2024-04-01', kristiHimmelsfard: '2024-05-09', pingst: '2024-05-19', midsommarafton: '2024-06-21', midsommardagen: '2024-06-22', allaHelgons: '2024-11-02' },
  2025: { langfredag: '2025-04-18', pask: '2025-04-20', annandagPask: '2025-04-21', kristiHimmelsfard: '2025-05-29', pingst: '2025-06-08', midsommarafton: '2025-06-20', midsommardagen: '2025-06-21', allaHelgons: '2025-11-01' },
  2026: { langfredag: '2026-04-03', pask: '2026-04-05', annandagPask: '2026-04-06', kristiHimmelsfard: '2026-05-14', pingst: '2026-05-24', midsommarafton: '2026-06-19', midsommardagen: '2026-06-20', allaHelgons: '2026-10-31' },
  2027: { langfredag: '2027-03-26', pask: '2027-03-28', annandagPask: '2027-03-29', kristiHimmelsfard: '2027-05-06', pingst: '2027-05-16', midsommarafton: '2027-06-25', midsommardagen: '2027-06-26', allaHelgons: '2027-11-06' },
  2028: { langfredag: '2028-04-14', pask: '2028-04-16', annandagPask: '2028-04-17', kristiHimmelsfard: '2028-05-25', pingst: '2028-06-04', midsommarafton: '2028-06-23', midsommardagen: '2028-06-24', allaHelgons: '2028-11-04' },
  2029: { langfredag: '2029-03-30', pask: '2029-04-01', annandagPask: '2029-04-02', kristiHimmelsfard: '2029-05-10', pingst: '2029-05-20', midsommarafton: '2029-06-22', midsommardagen: '2029-06-23', allaHelgons: '2029-11-03' },
  2030: { langfredag: '2030-04-19', pask: '2030-04-21', annandagPask: '2030-04-22', kristiHimmelsfard: '2030-05-30', pingst: '2030-06-09', midsommarafton: '2030-06-21', midsommardagen: '2030-06-22', allaHelgons: '2030-11-02' },
};

describe('Swedish days off 2024–2030', () => {
  for (const [y, m] of Object.entries(MOVABLE)) {
    const year = Number(y);
    it(`has exactly the statutory days and the three eves in ${year}`, () => {
      const expected = [
        `${year}-01-01`, `${year}-01-06`, m.langfredag, m.pask, m.annandagPask, `${year}-05-01`, m.kristiHimmelsfard, m.pingst,
        `${year}-06-06`, m.midsommarafton, m.midsommardagen, m.allaHelgons, `${year}-12-24`, `${year}-12-25`, `${year}-12-26`, `${year}-12-31`,
      ].sort();
      expect([...swedishDaysOff(year).keys()].sort()).toEqual(expected);
    });
  }

  it('treats weekends, holidays and closure days as days off', () => {
    const cal = new WorkingCalendar(new Set(['2026-05-15']));
    expect(cal.isWorkingDay('2026-12-22')).toBe(true);
    expect(cal.isWorkingDay('2026-12-26')).toBe(false);
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-05-15')).toBe(false); // klämdag after Kristi himmelsfärd
    expect(new WorkingCalendar().isWorkingDay('2026-05-15')).toBe(true);
  });

  it('counts working days across New Year and Epiphany', () => {
    const cal = new WorkingCalendar();
    expect(cal.addWorkingDays('2026-12-22', 2)).toBe('2026-12-28');
    expect(cal.addWorkingDays('2026-12-22', 10)).toBe('2027-01-12');
    expect(cal.workingDaysBetween('2026-12-22', '2027-01-12')).toBe(10);
  });
});
