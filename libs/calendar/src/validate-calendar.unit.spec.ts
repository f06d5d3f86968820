import { expect } from 'chai';
import { defaultCalendar, type BusinessCalendar } from './business-calendar.js';
import { addBusinessMinutes } from './business-time.js';
import { validateCalendar } from './validate-calendar.js';
import { Temporal } from 'temporal-polyfill';

const withChanges = (changes: Partial<BusinessCalendar>): BusinessCalendar => ({ ...defaultCalendar('checked'), ...changes });
const problemsOf = (changes: Partial<BusinessCalendar>): string[] => validateCalendar(withChanges(changes));

describe('validateCalendar', () => {
  it('finds nothing wrong with the default calendar', () => expect(validateCalendar(defaultCalendar())).to.deep.equal([]));

  it('accepts lunch breaks, Saturday mornings and a window closing at 24:00', () =>
    expect(problemsOf({
      weeklyHours: { 1: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], 6: [{ start: '09:00', end: '13:00' }], 7: [{ start: '20:00', end: '24:00' }] },
    })).to.deep.equal([]));

  it('reports a time zone that does not exist', () =>
    expect(problemsOf({ timeZone: 'America/Atlantis' })).to.deep.equal(['time zone "America/Atlantis" is not a valid IANA time zone']));

  it('reports a malformed time', () =>
    expect(problemsOf({ weeklyHours: { 1: [{ start: '9:00', end: '18:00' }], 2: [{ start: '09:00', end: '18:60' }] } })).to.deep.equal([
      'Monday window 1: start "9:00" is not a time HH:MM (00:00–23:59)',
      'Tuesday window 1: end "18:60" is not a time HH:MM (00:00–24:00)',
      'the calendar has no working hours on any weekday',
    ]));

  it('reports an end that is not after its start', () =>
    expect(problemsOf({ weeklyHours: { 1: [{ start: '18:00', end: '09:00' }], 2: [{ start: '09:00', end: '09:00' }], 3: [{ start: '09:00', end: '18:00' }] } }))
      .to.deep.equal(['Monday window 1: end 09:00 is not after start 18:00', 'Tuesday window 1: end 09:00 is not after start 09:00']));

  it('reports overlapping windows but not touching ones', () =>
    expect(problemsOf({ weeklyHours: { 3: [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '13:30' }], 4: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '18:00' }] } }))
      .to.deep.equal(['Wednesday: working windows overlap']));

  it('reports a weekday key outside 1–7', () =>
    expect(problemsOf({ weeklyHours: { 1: [{ start: '09:00', end: '18:00' }], 8: [{ start: '09:00', end: '18:00' }] } as BusinessCalendar['weeklyHours'] }))
      .to.deep.equal(['weekday "8" is not an ISO weekday (1 = Monday … 7 = Sunday)']));

  it('reports holidays with impossible or malformed dates and empty names', () =>
    expect(problemsOf({ holidays: [{ date: '2026-02-30', name: 'Nope' }, { date: '2026-7-9', name: 'Short' }, { date: '2026-07-09', name: ' ' }] })).to.deep.equal([
      'holiday 1: date "2026-02-30" is not a date YYYY-MM-DD',
      'holiday 2: date "2026-7-9" is not a date YYYY-MM-DD',
      'holiday 3: name is empty',
    ]));

  it('reports a calendar with no working hours at all', () =>
    expect(problemsOf({ weeklyHours: {} })).to.deep.equal(['the calendar has no working hours on any weekday']));

  it('makes the arithmetic refuse an invalid calendar with a stable code', () =>
    expect(() => addBusinessMinutes(withChanges({ weeklyHours: {} }), Temporal.Instant.from('2026-01-05T12:00:00Z'), 60))
      .to.throw().with.property('code', 'BUSINESS_CALENDAR_MUST_BE_VALID'));
});
