import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from './business-calendar.js';
import { addPeriods, firstBusinessDayOfMonth, periodOf, periodStart, startOfFirstBusinessDay } from './periods.js';

const saoPaulo = defaultCalendar('sp');

describe('firstBusinessDayOfMonth', () => {
  const expected2026: Record<string, string> = {
    '2026-01': '2026-01-02', // 1st is Confraternização Universal
    '2026-02': '2026-02-02', // 1st is a Sunday
    '2026-03': '2026-03-02', // 1st is a Sunday
    '2026-04': '2026-04-01',
    '2026-05': '2026-05-04', // 1st Dia do Trabalho (Friday), then the weekend
    '2026-06': '2026-06-01',
    '2026-07': '2026-07-01',
    '2026-08': '2026-08-03', // 1st is a Saturday
    '2026-09': '2026-09-01',
    '2026-10': '2026-10-01',
    '2026-11': '2026-11-03', // 1st is a Sunday, 2nd Finados
    '2026-12': '2026-12-01',
  };
  for (const [period, date] of Object.entries(expected2026)) {
    it(`is ${date} for ${period}`, () => expect(firstBusinessDayOfMonth(saoPaulo, period).toString()).to.equal(date));
  }

  it('skips a closure added by hand', () =>
    expect(firstBusinessDayOfMonth({ ...saoPaulo, holidays: [{ date: '2026-12-01', name: 'Inventário' }] }, '2026-12').toString()).to.equal('2026-12-02'));

  it('refuses a malformed period', () => expect(() => firstBusinessDayOfMonth(saoPaulo, '2026-13')).to.throw(RangeError));
});

describe('startOfFirstBusinessDay', () => {
  it('is 09:00 in São Paulo of 3 November 2026', () =>
    expect(startOfFirstBusinessDay(saoPaulo, '2026-11').toString()).to.equal('2026-11-03T12:00:00Z'));

  it('is the opening of the first window in New York, in daylight time', () =>
    expect(startOfFirstBusinessDay({ ...saoPaulo, timeZone: 'America/New_York', brazilNationalHolidays: false }, '2026-06').toString())
      .to.equal('2026-06-01T13:00:00Z'));
});

describe('periods', () => {
  it('names the month of an instant in the zone, not in UTC', () => {
    expect(periodOf(Temporal.Instant.from('2026-12-01T02:59:59Z'), 'America/Sao_Paulo')).to.equal('2026-11');
    expect(periodOf(Temporal.Instant.from('2026-12-01T03:00:00Z'), 'America/Sao_Paulo')).to.equal('2026-12');
  });

  it('starts a month at local midnight', () => {
    expect(periodStart('2026-11', 'America/Sao_Paulo').toString()).to.equal('2026-11-01T03:00:00Z');
    expect(periodStart('2026-11', 'America/New_York').toString()).to.equal('2026-11-01T04:00:00Z');
  });

  it('adds months across years and back', () => {
    expect(addPeriods('2026-11', 2)).to.equal('2027-01');
    expect(addPeriods('2026-01', 12)).to.equal('2027-01');
    expect(addPeriods('2026-01', -1)).to.equal('2025-12');
    expect(addPeriods('2026-05', 0)).to.equal('2026-05');
  });

  it('refuses a malformed period or a fractional month count', () => {
    expect(() => addPeriods('2026-1', 1)).to.throw(RangeError);
    expect(() => addPeriods('2026-01', 0.5)).to.throw(RangeError);
  });
});
