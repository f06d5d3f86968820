import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.js';

// Generous bounds on a shared machine: stepping minute by minute instead of day by day would be ~100× slower.
describe('business-time speed', () => {
  const calendars = [defaultCalendar('sp'), { ...defaultCalendar('ny'), timeZone: 'America/New_York' }];
  const start = Temporal.Instant.from('2026-01-08T10:00:00Z');
  const aYear = 252 * 540;

  for (const calendar of calendars) {
    it(`adds a year of business minutes in ${calendar.timeZone} in under 2 ms on average`, () => {
      const runs = 200;
      const began = performance.now();
      for (let i = 0; i < runs; i++) addBusinessMinutes(calendar, start.add({ hours: i }), aYear);
      expect((performance.now() - began) / runs).to.be.below(2);
    });

    it(`counts a year of business minutes in ${calendar.timeZone} in under 2 ms on average`, () => {
      const runs = 200;
      const end = start.add({ hours: 24 * 366 });
      const began = performance.now();
      for (let i = 0; i < runs; i++) businessMinutesBetween(calendar, start.add({ hours: i }), end);
      expect((performance.now() - began) / runs).to.be.below(2);
    });
  }
});
