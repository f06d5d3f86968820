import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar, type BusinessCalendar } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.js';

const newYork: BusinessCalendar = { ...defaultCalendar('ny'), timeZone: 'America/New_York', brazilNationalHolidays: false };
const onSundays = (start: string, end: string): BusinessCalendar => ({ ...newYork, weeklyHours: { 7: [{ start, end }] } });
const at = (iso: string): Temporal.Instant => Temporal.Instant.from(iso);
const between = (calendar: BusinessCalendar, from: string, to: string): number => businessMinutesBetween(calendar, at(from), at(to));

describe('New York across the 2026 clock changes (8 March skips 02:00–03:00, 1 November repeats 01:00–02:00)', () => {
  it('lands Friday 17:00 EST + 120 on Monday 10:00 EDT', () =>
    expect(addBusinessMinutes(newYork, at('2026-03-06T17:00-05:00'), 120).toString()).to.equal('2026-03-09T14:00:00Z'));

  it('counts Friday 17:00 EST to Monday 10:00 EDT as 120', () => expect(between(newYork, '2026-03-06T17:00-05:00', '2026-03-09T10:00-04:00')).to.equal(120));

  it('lands Friday 17:00 EDT + 120 on Monday 10:00 EST', () =>
    expect(addBusinessMinutes(newYork, at('2026-10-30T17:00-04:00'), 120).toString()).to.equal('2026-11-02T15:00:00Z'));

  it('counts a whole working Sunday as 23 hours in March and 25 in November', () => {
    expect(between(onSundays('00:00', '24:00'), '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).to.equal(1380);
    expect(between(onSundays('00:00', '24:00'), '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).to.equal(1500);
  });

  it('counts nothing for the skipped hour and twice the repeated one', () => {
    expect(between(onSundays('01:00', '04:00'), '2026-03-07T00:00-05:00', '2026-03-09T00:00-04:00')).to.equal(120);
    expect(between(onSundays('01:00', '04:00'), '2026-10-31T00:00-04:00', '2026-11-02T00:00-05:00')).to.equal(240);
    expect(between(onSundays('01:30', '02:00'), '2026-10-31T00:00-04:00', '2026-11-02T00:00-05:00')).to.equal(60);
  });

  it('opens a window that starts in the skipped hour when the clock reaches it', () =>
    expect(addBusinessMinutes(onSundays('02:30', '05:00'), at('2026-03-08T00:00-05:00'), 1).toString()).to.equal('2026-03-08T07:01:00Z'));

  it('runs through the clock change inside a window', () =>
    expect(addBusinessMinutes(onSundays('01:00', '04:00'), at('2026-03-08T00:00-05:00'), 90).toString()).to.equal('2026-03-08T07:30:00Z'));
});

describe('São Paulo when it still changed clocks at midnight', () => {
  const weekend: BusinessCalendar = {
    ...defaultCalendar('sp-2018'),
    weeklyHours: { 6: [{ start: '22:00', end: '24:00' }], 7: [{ start: '00:00', end: '02:00' }] },
  };

  it('has no Sunday midnight hour on 4 November 2018', () => expect(between(weekend, '2018-11-03T00:00-03:00', '2018-11-05T00:00-02:00')).to.equal(120 + 60));
  it('repeats Saturday 23:00 on 16 February 2019', () => expect(between(weekend, '2019-02-16T00:00-02:00', '2019-02-18T00:00-03:00')).to.equal(180 + 120));
});
