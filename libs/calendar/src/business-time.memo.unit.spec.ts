import { expect } from 'chai';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar, type BusinessCalendar, type WorkingWindow } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween, minutesBetween, sumEnd } from './business-time.js';
import { compileAnew } from './compiled-calendar.js';
import { ARITHMETIC_FLOOR_MS, HORIZON_MS } from './bounds.js';

const zones = ['America/Sao_Paulo', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const window = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
  .filter(([a, b]) => a < b).map(([a, b]): WorkingWindow => ({ start: hhmm(a * 15), end: hhmm(b * 15) }));
const weekly = fc.dictionary(fc.constantFrom('1', '2', '3', '4', '5', '6', '7'), window.map((w) => [w]), { minKeys: 1 });
const holiday = fc.date({ min: new Date('2024-01-01T00:00Z'), max: new Date('2027-12-31T00:00Z'), noInvalidDate: true })
  .map((date) => ({ date: date.toISOString().slice(0, 10), name: 'Closure' }));

const calendarArb = fc.record({
  timeZone: fc.constantFrom(...zones), weeklyHours: weekly, brazilNationalHolidays: fc.boolean(), carnival: fc.boolean(),
  corpusChristi: fc.boolean(), holidays: fc.uniqueArray(holiday, { maxLength: 6, selector: (h) => h.date }),
}).map((fields): BusinessCalendar => ({ ...defaultCalendar('memo'), ...fields } as BusinessCalendar));

/** A calendar and a neighbour that differs in one field: the memo must never answer one with the other's sums. */
const neighbours = fc.tuple(calendarArb, fc.integer({ min: 0, max: 3 }), fc.constantFrom(...zones), holiday).map(([calendar, field, zone, day]) => {
  const variants: BusinessCalendar[] = [
    { ...calendar, timeZone: zone === calendar.timeZone ? 'UTC' : zone },
    { ...calendar, holidays: [...calendar.holidays.filter((h) => h.date !== day.date), day] },
    { ...calendar, carnival: !calendar.carnival, brazilNationalHolidays: true },
    { ...calendar, weeklyHours: { ...calendar.weeklyHours, 3: [{ start: '10:00', end: '11:30' }] } },
  ];
  return [calendar, variants[field]!] as const;
});

const MS_2024 = Date.UTC(2024, 0, 1);
const MS_2028 = Date.UTC(2028, 0, 1);
/** Instants with sub-millisecond parts, so that a sum answered from memory must keep the asker's own. */
const instant = fc.tuple(fc.integer({ min: MS_2024, max: MS_2028 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([ms, ns]) => Temporal.Instant.fromEpochNanoseconds(BigInt(ms) * 1_000_000n + BigInt(ns)));
const question = fc.tuple(instant, fc.integer({ min: 0, max: 30_000 }), instant);

/** The arithmetic without any cache, on a calendar compiled afresh. */
function uncachedSum(calendar: BusinessCalendar, from: Temporal.Instant, minutes: number): Temporal.Instant {
  if (minutes === 0 || from.epochMilliseconds >= HORIZON_MS) return from;
  const end = sumEnd(compileAnew(calendar), from.epochMilliseconds, minutes);
  return 'within' in end ? from.add({ milliseconds: end.within }) : Temporal.Instant.fromEpochMilliseconds(end.at);
}

function uncachedBetween(calendar: BusinessCalendar, from: Temporal.Instant, to: Temporal.Instant): number {
  const clamp = (ms: number) => Math.min(Math.max(ms, ARITHMETIC_FLOOR_MS), HORIZON_MS);
  const [a, b] = [clamp(from.epochMilliseconds), clamp(to.epochMilliseconds)];
  return b <= a ? 0 : minutesBetween(compileAnew(calendar), a, b);
}

describe('business time from memory (compiled calendars and sums remembered per calendar)', () => {
  it('answers every question, asked again and of calendars read again or of a neighbour, as the uncached arithmetic does', () =>
    fc.assert(fc.property(neighbours, fc.array(question, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 999_999 }), ([first, second], questions, otherNanos) => {
      for (let round = 0; round < 2; round++) {
        for (const calendar of [first, second]) {
          // A copy, as a command gets its calendar from the stream: same content, another object.
          const asked = structuredClone(calendar);
          for (const [from, minutes, to] of questions) {
            expect(addBusinessMinutes(asked, from, minutes).toString()).to.equal(uncachedSum(calendar, from, minutes).toString());
            expect(businessMinutesBetween(asked, from, to)).to.equal(uncachedBetween(calendar, from, to));
            // The same millisecond with other sub-millisecond digits.
            const sibling = Temporal.Instant.fromEpochNanoseconds(BigInt(from.epochMilliseconds) * 1_000_000n + BigInt(otherNanos));
            expect(addBusinessMinutes(asked, sibling, minutes).toString()).to.equal(uncachedSum(calendar, sibling, minutes).toString());
          }
        }
      }
    }), { numRuns: 120 }));
});
