import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { easterSunday, swedishHolidays } from './swedishHolidays.ts';

describe('Swedish days off by rule', () => {
  it('agrees with date-holidays on every day off (public holidays and the three eves), with names, 2005–2100', () => {
    const lib = new Holidays('SE');
    for (let year = 2005; year <= 2100; year++) {
      // As a map, the way the calendar read them: in 2008 Kristi himmelsfärdsdag fell on första maj.
      const expected = new Map(lib.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => [h.date.slice(0, 10), h.name]));
      expect([...swedishHolidays(year)], String(year)).toEqual([...expected]);
    }
  });

  it('has annandag pingst, not nationaldagen, before 2005 (lag 1989:253 as it then read)', () => {
    const days = swedishHolidays(2004);
    expect(days.get('2004-05-31')).toBe('annandag pingst');
    expect(days.has('2004-06-06')).toBe(false);
    expect(swedishHolidays(2005).get('2005-06-06')).toBe('nationaldagen');
  });

  it('finds Easter on its earliest and latest dates', () => {
    expect(easterSunday(2285)).toEqual([3, 22]);
    expect(easterSunday(2038)).toEqual([4, 25]);
    expect(easterSunday(2026)).toEqual([4, 5]);
  });
});
