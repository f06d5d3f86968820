import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar, type BusinessCalendar } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween, dailyBusinessMinutes, isBusinessDay } from './business-time.js';

const saoPaulo = defaultCalendar('sp');
const at = (local: string): Temporal.Instant => Temporal.Instant.from(`${local}-03:00`);
const local = (instant: Temporal.Instant): string => instant.toZonedDateTimeISO('America/Sao_Paulo').toPlainDateTime().toString({ smallestUnit: 'minute' });
const due = (calendar: BusinessCalendar, opened: string, minutes: number): string => local(addBusinessMinutes(calendar, at(opened), minutes));

describe('addBusinessMinutes on the default calendar (São Paulo, Mon–Fri 09:00–18:00)', () => {
  it('lands a 240-minute SLA opened Friday 17:00 on Monday 12:00', () => expect(due(saoPaulo, '2026-01-09T17:00', 240)).to.equal('2026-01-12T12:00'));
  it('lands a 240-minute SLA opened at 07:00 on 13:00 the same day', () => expect(due(saoPaulo, '2026-01-08T07:00', 240)).to.equal('2026-01-08T13:00'));
  it('ends a due time that exactly fills the day at 18:00 that day', () => expect(due(saoPaulo, '2026-01-08T09:00', 540)).to.equal('2026-01-08T18:00'));
  it('moves one minute more to 09:01 of the next business day', () => expect(due(saoPaulo, '2026-01-08T09:00', 541)).to.equal('2026-01-09T09:01'));
  it('starts counting at the next opening when opened at closing time', () => expect(due(saoPaulo, '2026-01-08T18:00', 1)).to.equal('2026-01-09T09:01'));
  it('returns the start itself for 0 minutes, even outside working hours', () =>
    expect(addBusinessMinutes(saoPaulo, at('2026-01-10T03:17:45.5'), 0).equals(at('2026-01-10T03:17:45.5'))).to.equal(true));
  it('keeps the seconds of a start inside a window', () =>
    expect(addBusinessMinutes(saoPaulo, at('2026-01-08T10:00:30'), 10).equals(at('2026-01-08T10:10:30'))).to.equal(true));
  it('skips Good Friday and the weekend', () => expect(due(saoPaulo, '2026-04-02T17:00', 120)).to.equal('2026-04-06T10:00'));
  it('skips Tiradentes on a Tuesday', () => expect(due(saoPaulo, '2026-04-20T17:30', 120)).to.equal('2026-04-22T10:30'));
  it('skips Finados on Monday 2 November', () => expect(due(saoPaulo, '2026-10-30T17:00', 120)).to.equal('2026-11-03T10:00'));
  it('works through Carnival when the calendar does not take it', () => expect(due(saoPaulo, '2026-02-13T17:00', 120)).to.equal('2026-02-16T10:00'));
  it('skips Carnival Monday and Tuesday when the calendar takes them', () =>
    expect(due({ ...saoPaulo, carnival: true }, '2026-02-13T17:00', 120)).to.equal('2026-02-18T10:00'));
  it('skips Corpus Christi when the calendar takes it', () =>
    expect(due({ ...saoPaulo, corpusChristi: true }, '2026-06-03T17:00', 120)).to.equal('2026-06-05T10:00'));
  it('skips a local holiday added by hand', () =>
    expect(due({ ...saoPaulo, holidays: [{ date: '2026-07-09', name: 'Revolução Constitucionalista' }] }, '2026-07-08T17:00', 120)).to.equal('2026-07-10T10:00'));
  it('refuses negative or fractional minutes', () => {
    expect(() => addBusinessMinutes(saoPaulo, at('2026-01-08T10:00'), -1)).to.throw(RangeError);
    expect(() => addBusinessMinutes(saoPaulo, at('2026-01-08T10:00'), 1.5)).to.throw(RangeError);
  });
});

describe('addBusinessMinutes on other weekly hours', () => {
  const saturdayMornings: BusinessCalendar = { ...saoPaulo, weeklyHours: { ...saoPaulo.weeklyHours, 6: [{ start: '09:00', end: '13:00' }] } };
  const lunchBreak = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
  const withLunch: BusinessCalendar = { ...saoPaulo, weeklyHours: { 1: lunchBreak, 2: lunchBreak, 3: lunchBreak, 4: lunchBreak, 5: lunchBreak } };

  it('works Saturday morning', () => expect(due(saturdayMornings, '2026-01-09T17:00', 240)).to.equal('2026-01-10T12:00'));
  it('goes from Saturday noon to Monday', () => expect(due(saturdayMornings, '2026-01-10T12:00', 120)).to.equal('2026-01-12T10:00'));
  it('ends at 12:00, not 13:00, when the minutes fill the morning', () => expect(due(withLunch, '2026-01-08T10:00', 120)).to.equal('2026-01-08T12:00'));
  it('jumps the lunch break', () => expect(due(withLunch, '2026-01-08T11:00', 120)).to.equal('2026-01-08T14:00'));
});

describe('businessMinutesBetween', () => {
  const between = (from: string, to: string, calendar = saoPaulo): number => businessMinutesBetween(calendar, at(from), at(to));

  it('counts Friday 17:00 to Monday 12:00 as 240', () => expect(between('2026-01-09T17:00', '2026-01-12T12:00')).to.equal(240));
  it('counts a full week as 2700', () => expect(between('2026-01-12T00:00', '2026-01-19T00:00')).to.equal(2700));
  it('does not count Good Friday', () => expect(between('2026-03-30T00:00', '2026-04-06T00:00')).to.equal(4 * 540));
  it('floors partial minutes', () => expect(between('2026-01-08T09:00', '2026-01-08T09:00:59.999')).to.equal(0));
  it('is 0 when the end is not after the start', () => {
    expect(between('2026-01-08T12:00', '2026-01-08T12:00')).to.equal(0);
    expect(between('2026-01-08T12:00', '2026-01-08T10:00')).to.equal(0);
  });
  // 261 weekdays in 2026, less 9 holidays on weekdays (15 November is a Sunday).
  it('counts a year of 2026 on the default calendar', () => expect(between('2026-01-01T00:00', '2027-01-01T00:00')).to.equal(252 * 540));
});

describe('dailyBusinessMinutes', () => {
  it('is 540 on the default calendar', () => expect(dailyBusinessMinutes(saoPaulo)).to.equal(540));
  it('is the longest weekday, not the sum of windows of the week', () =>
    expect(dailyBusinessMinutes({ ...saoPaulo, weeklyHours: { 1: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], 6: [{ start: '09:00', end: '13:00' }] } })).to.equal(480));
});

describe('isBusinessDay', () => {
  const day = (date: string, calendar = saoPaulo): boolean => isBusinessDay(calendar, Temporal.PlainDate.from(date));

  it('is false on Finados and true the day after', () => expect([day('2026-11-02'), day('2026-11-03')]).to.deep.equal([false, true]));
  it('is false on a Saturday without hours', () => expect(day('2026-01-10')).to.equal(false));
  it('is true on a Saturday with hours', () => expect(day('2026-01-10', { ...saoPaulo, weeklyHours: { 6: [{ start: '09:00', end: '13:00' }] } })).to.equal(true));
  it('keeps 20 November 2023 as a working Monday and closes on 20 November 2024', () =>
    expect([day('2023-11-20'), day('2024-11-20')]).to.deep.equal([true, false]));
  it('ignores national holidays when the calendar turns them off', () => expect(day('2026-12-25', { ...saoPaulo, brazilNationalHolidays: false })).to.equal(true));
});
