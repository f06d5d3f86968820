import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.js';
import { bounds, isDateInRange, isInstantInRange, isPeriodInRange } from './bounds.js';

const instant = (iso: string) => Temporal.Instant.from(iso);
const calendar = defaultCalendar('sp');

describe('bounds: the instants, dates and periods the back office accepts', () => {
  it('takes instants from 2000-01-01T00:00Z up to, not including, 2101-01-01T00:00Z', () =>
    expect(['1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00Z', '2100-12-31T23:59:59.999Z', '2101-01-01T00:00:00Z', '+050000-01-01T00:00:00Z']
      .map((iso) => isInstantInRange(instant(iso)))).to.deep.equal([false, true, true, false, false]));

  it('takes real dates from 2000-01-01 to 2100-12-31', () =>
    expect(['1999-12-31', '2000-01-01', '2024-02-29', '2026-02-29', '2100-12-31', '2101-01-01', '0001-01-01', '9999-12-31']
      .map(isDateInRange)).to.deep.equal([false, true, true, false, true, false, false, false]));

  it('takes periods from 2000-01 to 2100-12', () =>
    expect(['1999-12', '2000-01', '2100-12', '2101-01', '0001-01', '9999-12', '2026-13']
      .map(isPeriodInRange)).to.deep.equal([false, true, true, false, false, false, false]));
});

describe('business-time arithmetic near and past the horizon', () => {
  it('stops a sum at the horizon instead of walking toward a far instant', () => {
    const started = performance.now();
    expect(addBusinessMinutes(calendar, instant('2101-06-01T12:00:00Z'), 10_000_000).toString()).to.equal(bounds.horizon);
    expect(performance.now() - started, 'bounded work').to.be.below(2_000);
  });

  it('gives an instant past the horizon back unchanged', () =>
    expect(addBusinessMinutes(calendar, instant('+050000-01-01T00:00:00Z'), 240).toString()).to.equal('+050000-01-01T00:00:00Z'));

  it('counts no business time past the horizon, however far the end', () =>
    expect(businessMinutesBetween(calendar, instant('2101-12-30T12:00:00Z'), instant('+050000-01-01T00:00:00Z')))
      .to.equal(businessMinutesBetween(calendar, instant('2101-12-30T12:00:00Z'), instant(bounds.horizon))));
});
