import { expect } from 'chai';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar, type BusinessCalendar, type IsoWeekday, type WorkingWindow } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween, isBusinessDay } from './business-time.js';

const MINUTE = 60_000;
const lunchBreak: WorkingWindow[] = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }];
const office: WorkingWindow[] = [{ start: '09:00', end: '18:00' }];

interface Case { readonly calendar: BusinessCalendar; readonly from: string; readonly to: string; readonly clockChanges: readonly string[] }

const cases: Record<string, Case> = {
  'São Paulo with Carnival and a local holiday': {
    calendar: { ...defaultCalendar('sp'), carnival: true, corpusChristi: true, holidays: [{ date: '2026-07-09', name: 'Revolução Constitucionalista' }] },
    from: '2025-12-01T00:00Z', to: '2027-03-01T00:00Z', clockChanges: [],
  },
  'New York with a lunch break and Saturday mornings': {
    calendar: { ...defaultCalendar('ny'), timeZone: 'America/New_York', brazilNationalHolidays: false,
      weeklyHours: { 1: lunchBreak, 2: lunchBreak, 3: lunchBreak, 4: lunchBreak, 5: lunchBreak, 6: [{ start: '09:00', end: '12:00' }] } },
    from: '2025-12-01T00:00Z', to: '2027-03-01T00:00Z', clockChanges: ['2026-03-08T07:00Z', '2026-11-01T06:00Z'],
  },
  'New York with night windows around the clock changes': {
    calendar: { ...defaultCalendar('ny-nights'), timeZone: 'America/New_York', brazilNationalHolidays: false,
      weeklyHours: { 1: office, 5: office, 6: [{ start: '23:00', end: '24:00' }],
        7: [{ start: '00:30', end: '01:30' }, { start: '01:45', end: '03:15' }, { start: '22:00', end: '24:00' }] } },
    from: '2025-12-01T00:00Z', to: '2027-03-01T00:00Z', clockChanges: ['2026-03-08T07:00Z', '2026-11-01T06:00Z'],
  },
  'São Paulo weekends when clocks changed at midnight': {
    calendar: { ...defaultCalendar('sp-2018'), weeklyHours: { 3: office, 6: [{ start: '22:00', end: '24:00' }], 7: [{ start: '00:00', end: '02:00' }] } },
    from: '2018-09-01T00:00Z', to: '2019-04-01T00:00Z', clockChanges: ['2018-11-04T03:00Z', '2019-02-17T02:00Z'],
  },
};

/** Independent of the arithmetic: does the wall clock at this instant read a working time of a business day? */
function isBusinessInstant(calendar: BusinessCalendar, instant: Temporal.Instant): boolean {
  const zoned = instant.toZonedDateTimeISO(calendar.timeZone);
  const minute = zoned.hour * 60 + zoned.minute + zoned.second / 60 + zoned.millisecond / MINUTE;
  const windows = calendar.weeklyHours[zoned.dayOfWeek as IsoWeekday] ?? [];
  const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return isBusinessDay(calendar, zoned.toPlainDate()) && windows.some((w) => toMinutes(w.start) <= minute && minute < toMinutes(w.end));
}

/** Instants on whole `step` minutes, uniform over the case's range or within three days of a clock change. */
function instantIn(c: Case, step = 1): fc.Arbitrary<Temporal.Instant> {
  const slot = (iso: string): number => Math.floor(Temporal.Instant.from(iso).epochMilliseconds / (step * MINUTE));
  const around = c.clockChanges.map((change) => fc.integer({ min: slot(change) - (4320 / step), max: slot(change) + (4320 / step) }));
  return fc.oneof(fc.integer({ min: slot(c.from), max: slot(c.to) }), ...around)
    .map((n) => Temporal.Instant.fromEpochMilliseconds(n * step * MINUTE));
}

const ordered = (a: Temporal.Instant, b: Temporal.Instant): [Temporal.Instant, Temporal.Instant] =>
  Temporal.Instant.compare(a, b) <= 0 ? [a, b] : [b, a];
const minutes = fc.integer({ min: 0, max: 6000 });
const ms = (instant: Temporal.Instant): number => instant.epochMilliseconds;

for (const [name, c] of Object.entries(cases)) {
  const { calendar } = c;
  const instant = instantIn(c);

  describe(`business-time laws: ${name}`, () => {
    it('adding the business minutes between a and a working b lands on b', () =>
      fc.assert(fc.property(instant, instant, (x, y) => {
        const [a, b] = ordered(x, y);
        fc.pre(a.equals(b) || isBusinessInstant(calendar, b.subtract({ milliseconds: 1 })));
        expect(addBusinessMinutes(calendar, a, businessMinutesBetween(calendar, a, b)).toString()).to.equal(b.toString());
      }), { numRuns: 150 }));

    it('counts back the minutes it added', () =>
      fc.assert(fc.property(instant, minutes, (a, m) => {
        expect(businessMinutesBetween(calendar, a, addBusinessMinutes(calendar, a, m))).to.equal(m);
      }), { numRuns: 150 }));

    it('is monotonic in the minutes', () =>
      fc.assert(fc.property(instant, minutes, minutes, (a, m1, m2) => {
        const [low, high] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(ms(addBusinessMinutes(calendar, a, low))).to.be.at.most(ms(addBusinessMinutes(calendar, a, high)));
      }), { numRuns: 150 }));

    it('is monotonic in the start', () =>
      fc.assert(fc.property(instant, instant, minutes, (x, y, m) => {
        const [a1, a2] = ordered(x, y);
        expect(ms(addBusinessMinutes(calendar, a1, m))).to.be.at.most(ms(addBusinessMinutes(calendar, a2, m)));
      }), { numRuns: 150 }));

    it('never lands outside working hours: each result closes a working minute, in (open, close]', () =>
      fc.assert(fc.property(instant, fc.integer({ min: 1, max: 6000 }), (a, m) => {
        const due = addBusinessMinutes(calendar, a, m);
        expect(isBusinessInstant(calendar, due.subtract({ milliseconds: 1 })), due.toString()).to.equal(true);
        expect(isBusinessInstant(calendar, due.subtract({ minutes: 1 }))).to.equal(true);
      }), { numRuns: 150 }));

    it('adds up over an intermediate instant', () =>
      fc.assert(fc.property(instant, instant, instant, (x, y, z) => {
        const [a, m, b] = [x, y, z].sort(Temporal.Instant.compare);
        expect(businessMinutesBetween(calendar, a, m) + businessMinutesBetween(calendar, m, b)).to.equal(businessMinutesBetween(calendar, a, b));
      }), { numRuns: 150 }));

    it('agrees with counting quarter hours on the wall clock', () =>
      fc.assert(fc.property(instantIn(c, 15), fc.integer({ min: 0, max: 200 }), (a, quarters) => {
        let working = 0;
        for (let q = 0; q < quarters; q++) if (isBusinessInstant(calendar, a.add({ minutes: 15 * q }))) working += 15;
        expect(businessMinutesBetween(calendar, a, a.add({ minutes: 15 * quarters }))).to.equal(working);
      }), { numRuns: 40 }));
  });
}
